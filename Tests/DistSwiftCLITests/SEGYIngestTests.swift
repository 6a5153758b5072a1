import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// `distswift ingest` and `distswift info` on SEG-Y files: the FORGE DAS record (../shared/data/das) and files the
/// SEG-Y writer makes.
@Suite("SEGY ingest (CLI)", .enabled(if: TestPaths.sharedData != nil, "needs the sample data in ../shared/data"))
struct SEGYIngestTests {
    static let forgeName = "FORGE_78-32_iDASv3-P11_UTC190428135038.sgy"
    /// 2019-04-28T13:50:38.426514Z: the trace headers' whole seconds plus text line C13's fraction.
    static let forgeStartNs: Int64 = 1_556_459_438_426_514_000

    private func forge() throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: TestPaths.sharedData! + "/das/" + Self.forgeName))
    }

    @Test("ingest: FORGE becomes 15 one-second chunks of 33 channels at 2000 Hz; a truncated copy is named, exit 1")
    func forgeAndTruncatedCopy() throws {
        let folder = try TemporaryFolder()
        let good = try forge()
        let cut = 3600 + 5 * (240 + 30_000 * 4) + 1000  // in the middle of the 6th trace
        let config = try folder.project(files: ["forge.sgy": good, "forge-cut.sgy": good.prefix(cut)])
        let result = try distswift("ingest", config)
        #expect(result.status == 1)
        #expect(result.stderr.contains("forge-cut.sgy"), "\(result.stderr)")
        #expect(result.stderr.contains("is \(cut) bytes"), "the size mismatch is named: \(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))

        let store = try ChunkStore.open(LocalStorage(root: folder.file("work/well/store")))
        #expect(store.channelCount == 33)
        #expect(store.samplingRateHz == 2000)
        #expect(store.dtype == .float32)
        #expect(store.chunks.count == 15)
        #expect(store.chunks.allSatisfy { $0.samples == 2000 && !$0.partial })
        #expect(store.chunks.first?.startTimeNs == Self.forgeStartNs)
        #expect(store.manifest?.startTimeNs == Self.forgeStartNs)
        #expect(store.manifest?.sources.map(\.path) == ["forge.sgy"])
        #expect(store.manifest?.units == "strain rate")
        // Positions: FIBREDIST (trace bytes 197–200) / 1000.
        #expect(store.channelPositions.first == -509.136 && store.channelPositions.last == -401.95)

        // A chunk holds exactly the reader's samples of its second (nothing of the truncated copy went in).
        let reader = try SEGYReader(path: folder.file("archive/well/raw/forge.sgy"))
        let second7 = try reader.read(samples: 14_000..<16_000, as: Float.self)
        #expect(try store.read(store.chunks[7], as: Float.self) == second7)
    }

    @Test("info describes the FORGE file: SEG-Y rev 1, float32, 2000 Hz, start with its sub-second part")
    func info() throws {
        let result = try distswift("info", TestPaths.sharedData! + "/das/" + Self.forgeName)
        #expect(result.status == 0, "\(result.stderr)")
        for text in ["SEG-Y rev 1 (big-endian, format 5 IEEE float32)", "33", "2000.0 Hz",
                     "2019-04-28T13:50:38.426514Z", "float32", "strain rate"] {
            #expect(result.stdout.contains(text), "\(text) missing from:\n\(result.stdout)")
        }
    }

    @Test("ingest --dtype raw keeps an int16 SEG-Y file's int16 samples")
    func rawInt16() throws {
        let folder = try TemporaryFolder()
        let input = try LocalStorage(root: folder.path).sublocation("archive/well/raw")
        let channels = 4, samples = 2500
        let data = Array2D<Int16>(rows: channels, columns: samples,
                                  values: (0..<(channels * samples)).map { Int16(truncatingIfNeeded: $0 * 37) })
        try SEGYWriter(format: .int16).write(
            data, SEGYWriter.Description(samplingRateHz: 1000, startTimeNs: 1_700_000_000_500_000_000,
                                         channelPositions: [10, 12, 14, 16]),
            to: input, path: "synthetic.sgy")
        let config = try folder.project(files: [:])
        let result = try distswift("ingest", config, "--dtype", "raw")
        #expect(result.status == 0, "\(result.stderr)")
        let store = try ChunkStore.open(LocalStorage(root: folder.file("work/well/store")))
        #expect(store.dtype == .int16 && store.channelPositions == [10, 12, 14, 16])
        #expect(store.chunks.map(\.samples) == [1000, 1000, 500] && store.chunks.last?.partial == true)
        #expect(try store.read(store.chunks[1], as: Int16.self) == data.columns(1000..<2000))
    }
}
