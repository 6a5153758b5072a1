import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// `distswift synth` writes PRODML and SEG-Y files; ingesting them must give back exactly the samples, times and
/// positions of the same scene written straight into a chunk store.
@Suite("synth → record files → ingest round trips")
struct SynthRoundTripTests {
    static let scene = ["--channels", "24", "--spacing", "2.5", "--rate", "1000", "--seconds", "4",
                        "--start", "2024-03-01T12:00:00.25Z", "--seed", "7"]

    @Test("PRODML and SEG-Y files ingest to the same chunks as the scene's own store", arguments: ["--prodml", "--segy"])
    func roundTrip(_ format: String) throws {
        let folder = try TemporaryFolder()
        let reference = folder.file("reference")
        #expect(try runProcess(TestPaths.distswiftBinary, ["synth", "--store", reference] + Self.scene).status == 0)
        let written = try runProcess(TestPaths.distswiftBinary,
                                     ["synth", format, folder.file("in/p/raw"), "--files", "2"] + Self.scene)
        #expect(written.status == 0, "\(written.stderr)")
        let config = try folder.write("system.json", """
            {"in_drive": "in", "out_drive": "out", "project": "p", "data": "raw", "results": "store"}
            """)
        let ingest = try runProcess(TestPaths.distswiftBinary, ["ingest", config, "--quiet"])
        #expect(ingest.status == 0, "\(ingest.stderr)")

        let expected = try ChunkStore.open(LocalStorage(root: reference))
        let actual = try ChunkStore.open(LocalStorage(root: folder.file("out/p/store")))
        #expect(actual.manifest?.sources.count == 2)
        #expect(actual.chunks.map(\.file) == expected.chunks.map(\.file))
        #expect(actual.chunks.map(\.startTimeNs) == expected.chunks.map(\.startTimeNs))
        #expect(actual.channelPositions == expected.channelPositions)
        #expect(actual.samplingRateHz == expected.samplingRateHz)
        for (a, e) in zip(actual.chunks, expected.chunks) {
            #expect(try actual.read(a, as: Float.self) == expected.read(e, as: Float.self), "chunk \(a.file)")
        }
    }
}
