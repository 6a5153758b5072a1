import DistSwiftIngesters
import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

@Suite("Chunk store")
struct ChunkStoreTests {
    @Test("a distpy-layout store without store.json is read with the system config's prf and measured_depth", .enabled(if: PythonReference.isAvailable, "needs python3 with numpy (scripts/setup.sh installs it)"))
    func distpyStoreWithoutManifest() throws {
        let folder = try TemporaryFolder()
        // Exactly what distpy's SEG-Y ingester leaves: float64 (nx, prf) chunks named by unix second, and a
        // measured_depth.npy of shape (nx, 1). Plus a stray file distpy would crash on.
        try PythonReference.check("""
            import sys, numpy as np
            d = sys.argv[1]
            for k, t in enumerate((1582977600, 1582977601, 1582977602)):
                np.save(f'{d}/{t}.npy', np.arange(12 * 2000, dtype=np.float64).reshape(12, 2000) + 1000 * k)
            np.save(f'{d}/measured_depth.npy', (np.arange(12) * 1.5 + 100).reshape(12, 1))
            open(f'{d}/notes.txt', 'w').write('field notes')
            """, arguments: [folder.path])
        let config = try folder.write("system.json", """
            {"in_directory": "\(folder.path)", "out_directory": "\(folder.path)/out",
             "prf": 2000, "measured_depth": "measured_depth.npy"}
            """)
        let system = try SystemConfig.load(path: config)
        let store = try ChunkStore.open(system.input, distpyDefaults: .init(system))
        #expect(store.manifest == nil)
        #expect(store.samplingRateHz == 2000)
        #expect(store.channelCount == 12)
        #expect(store.dtype == .float64)
        #expect(store.channelPositions == (0..<12).map { Double($0) * 1.5 + 100 })
        #expect(store.chunks.map(\.file) == ["1582977600.npy", "1582977601.npy", "1582977602.npy"])
        #expect(store.chunks[1].startTimeNs == 1_582_977_601_000_000_000)
        #expect(store.discontinuities().isEmpty)
        let block = try store.read(store.chunks[2], channels: 4..<6, as: Float.self)
        #expect(block.rows == 2 && block.columns == 2000)
        #expect(block[0, 0] == Float(4 * 2000 + 2000))
        #expect(block[1, 1999] == Float(5 * 2000 + 1999 + 2000))
    }

    @Test("a store without store.json and without a sampling rate is refused with the fix")
    func distpyStoreNeedsPRF() throws {
        let folder = try TemporaryFolder()
        try NPYWriter.write(Array2D(rows: 2, columns: 4, values: [Float](repeating: 0, count: 8)),
                            to: LocalStorage(root: folder.path), path: "1600000000.npy")
        do {
            _ = try ChunkStore.open(LocalStorage(root: folder.path))
            Issue.record("opened a store of unknown sampling rate")
        } catch let error as StoreError {
            #expect(error.description.contains("prf"))
        }
    }

    @Test("a synthetic store round-trips: manifest, axes, chunk values, partial last chunk")
    func syntheticStoreRoundTrip() throws {
        let folder = try TemporaryFolder()
        let scene = SyntheticScene.standard(channels: 40, channelSpacingM: 2.5, samplingRateHz: 1000, durationS: 2.5,
                                            startTimeNs: 1_700_000_000_250_000_000)
        let location = LocalStorage(root: folder.path)
        try SyntheticStoreWriter.write(scene, to: location, chunkSeconds: 1)
        let store = try ChunkStore.open(location)
        let manifest = try #require(store.manifest)
        #expect(manifest.samplingRateHz == 1000 && manifest.channelCount == 40 && manifest.dtype == .float32)
        #expect(manifest.startTime == "2023-11-14T22:13:20.25Z")
        #expect(store.chunks.map(\.samples) == [1000, 1000, 500])
        #expect(store.chunks.map(\.partial) == [false, false, true])
        // Sub-second start, 1-s chunks: distpy's integer-second names stay unique; exact times are in the manifest.
        #expect(store.chunks.map(\.file) == ["1700000000.npy", "1700000001.npy", "1700000002.npy"])
        #expect(store.channelPositions == scene.channelPositions)
        #expect(store.discontinuities().isEmpty)
        let whole = scene.samples(0..<2500)
        let second = try store.read(store.chunks[1], as: Float.self)
        #expect(second == whole.columns(1000..<2000))
        let tail = try store.read(store.chunks[2], channels: 10..<20, as: Float.self)
        #expect(tail == whole.columns(2000..<2500).rows(10..<20))
        let times = try NPYArrayFile(location: location, path: "time.npy").readVector(as: Double.self)
        #expect(times.count == 1000 && times[1] == 0.001)
    }

    @Test("sub-second chunks get nanosecond names that sort in time order")
    func subSecondChunkNames() throws {
        #expect(ChunkName.fileName(startTimeNs: 1_600_000_000_500_000_000, chunkSeconds: 0.5)
            == "1600000000.500000000.npy")
        #expect(ChunkName.startTimeNs(of: "1600000000.500000000.npy") == 1_600_000_000_500_000_000)
        #expect(ChunkName.startTimeNs(of: "1600000000.npy") == 1_600_000_000_000_000_000)
        #expect(ChunkName.startTimeNs(of: "measured_depth.npy") == nil)
        #expect(ChunkName.startTimeNs(of: "notes.txt") == nil)
        #expect(ChunkName.fileName(startTimeNs: -1, chunkSeconds: 1) == "-1.npy")
    }

    @Test("gaps between chunks are reported, not closed")
    func gapsAreReported() throws {
        let folder = try TemporaryFolder()
        let location = LocalStorage(root: folder.path)
        let metadata = StoreManifest(samplingRateHz: 100, chunkSeconds: 1, channelCount: 2, channelSpacingM: 1,
                                     firstChannelM: 0, startTimeNs: 0, dtype: .float32)
        let writer = ChunkStoreWriter(location: location, metadata: metadata)
        let data = Array2D(rows: 2, columns: 100, repeating: Float(1))
        let a = try writer.writeChunk(data, startTimeNs: 0)
        let b = try writer.writeChunk(data, startTimeNs: 3_000_000_000)
        try writer.commit(chunks: [b, a], sources: [SourceRecord(path: "x.sgy", size: 10)])
        let store = try ChunkStore.open(location)
        #expect(store.chunks.map(\.startTimeNs) == [0, 3_000_000_000])
        let gaps = store.discontinuities()
        #expect(gaps.count == 1 && gaps[0].gapNs == 2_000_000_000)
        #expect(store.manifest?.sources.first?.path == "x.sgy")
    }

    @Test("a chunk whose shape contradicts the manifest is refused when read")
    func misShapedChunk() throws {
        let folder = try TemporaryFolder()
        let location = LocalStorage(root: folder.path)
        let scene = SyntheticScene.standard(channels: 4, channelSpacingM: 1, samplingRateHz: 100, durationS: 2,
                                            startTimeNs: 0)
        try SyntheticStoreWriter.write(scene, to: location)
        try NPYWriter.write(Array2D(rows: 3, columns: 100, repeating: Float(0)), to: location, path: "1.npy")
        let store = try ChunkStore.open(location)
        #expect(throws: StoreError.self) { _ = try store.read(store.chunks[1], as: Float.self) }
    }

    @Test("a corrupt manifest gets an error naming store.json and the key")
    func corruptManifest() throws {
        let folder = try TemporaryFolder()
        _ = try folder.write("store.json", #"{"format": "distswift-chunk-store", "format_version": 1}"#)
        do {
            _ = try ChunkStore.open(LocalStorage(root: folder.path))
            Issue.record("accepted a corrupt manifest")
        } catch let error as ConfigError {
            #expect(error.file.hasSuffix("store.json"))
            #expect(error.key != nil)
        }
    }

    @Test("listings hide the temporary files of unfinished writes")
    func listingsHideTemporaryFiles() throws {
        let folder = try TemporaryFolder()
        _ = try folder.write(".1600000000.npy.partial-123-abcd", "half")
        _ = try folder.write("1600000000.npy", "x")
        #expect(try LocalStorage(root: folder.path).list("").map(\.name) == ["1600000000.npy"])
    }

    @Test("a listing carries each file's change stamp; an atomic rewrite of the same size changes it")
    func listingsCarryChangeStamps() throws {
        let folder = try TemporaryFolder()
        let storage = LocalStorage(root: folder.path)
        try storage.write("1600000000.npy", bytes: Array("alpha".utf8))
        try storage.makeFolder("sub")
        let entries = try storage.list("")
        let stamp = try #require(entries.first { $0.name == "1600000000.npy" }?.changeStamp)
        #expect(stamp == storage.changeStamp("1600000000.npy"))
        #expect(entries.first { $0.name == "sub" }?.changeStamp == nil, "folders have none")
        try storage.write("1600000000.npy", bytes: Array("omega".utf8))
        let again = try storage.list("").first { $0.name == "1600000000.npy" }
        #expect(again?.size == 5 && again?.changeStamp == storage.changeStamp("1600000000.npy") && again?.changeStamp != stamp)
    }
}
