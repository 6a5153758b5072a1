import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// `BOX_SIZE` left out: `process` runs a channel-local graph in cache-sized channel blocks (`ChannelBlocks.cacheSized`),
/// and its outputs are those of the whole chunk bit for bit.
@Suite("Cache-sized channel blocks")
struct CacheSizedBlocksTests {
    /// Taper, a band-pass, a stepped rolling mean and a rolling maximum, with the writers of two of them.
    static let graph = """
        {"command_list": [
          {"name": "taper", "uid": 1, "in_uid": 0, "time": 0.05},
          {"name": "pass_filter", "uid": 2, "in_uid": 1, "time": [5, 400], "corners": 4},
          {"name": "rolling_mean", "uid": 3, "in_uid": 2, "time": 100, "step": 50, "samples": true},
          {"name": "rolling_max", "uid": 4, "in_uid": 1, "time": 0.003},
          {"name": "write_npy", "uid": 5, "in_uid": 3, "directory_out": "means"},
          {"name": "write_npy", "uid": 6, "in_uid": 4, "directory_out": "maxima"}
        ]}
        """

    @Test("48 channels × 40,000 samples run in blocks of 13 channels and equal the whole chunk bit for bit")
    func equalsWholeChunk() throws {
        let record = ChunkContinuityTests.record(channels: 48, samples: 40_000, rate: 10_000)
        let blocked = try TemporaryFolder("cache-blocks"), whole = try TemporaryFolder("cache-blocks-whole")
        for folder in [blocked, whole] {
            try ChunkContinuityTests.store(record, rate: 10_000, chunkSeconds: 4, at: folder.file("store"))
            _ = try folder.write("graph.json", Self.graph)
        }
        let auto = try blocked.write("system.json",
                                     #"{"in_directory": "store", "out_directory": "results", "config": "graph.json"}"#)
        let run = try runProcess(TestPaths.distswiftBinary, ["process", auto, "--fft-planning", "estimate"])
        #expect(run.status == 0, "\(run.stderr)")
        // 524,288 values / 40,000 samples a channel = 13 channels a block: four blocks (13, 13, 13, 9).
        #expect((run.stdout + run.stderr).contains("in blocks of 13 channels (cache-sized"), "\(run.stdout)")
        try ChunkContinuityTests.process(whole, graph: Self.graph, boxSize: 0)
        for output in ["means", "maxima"] {
            let a = try ChunkContinuityTests.joined(blocked, output), b = try ChunkContinuityTests.joined(whole, output)
            #expect(a.0.shape == b.0.shape && a.1 == b.1, "\(output): axes")
            #expect(a.0.values.elementsEqual(b.0.values) { $0 == $1 || ($0.isNaN && $1.isNaN) },
                    "\(output): blocks of 13 channels differ from the whole chunk")
        }
    }
}
