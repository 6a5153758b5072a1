import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// `integrate` along time is continuous across chunks (a totals pass, then each chunk from the earlier chunks'
/// totals): 1-s chunks through `distswift process` equal the whole record integrated as one chunk, after
/// windowed commands, before them, after a decimation, across a gap (each side its own integral from 0), and
/// after a failed chunk is retried.
@Suite("integrate along time is continuous across chunks")
struct ContinuousIntegrateTests {
    static let graph = """
        {"command_list": [
          {"name": "integrate", "uid": 1, "in_uid": 0, "dim": "time"},
          {"name": "write_npy", "uid": 2, "in_uid": 1, "directory_out": "plain"},
          {"name": "pass_filter", "uid": 3, "in_uid": 0, "time": [5, 400]},
          {"name": "integrate", "uid": 4, "in_uid": 3, "dim": "time"},
          {"name": "write_npy", "uid": 5, "in_uid": 4, "directory_out": "filtered"},
          {"name": "decimate", "uid": 6, "in_uid": 0, "time": 3, "filter_type": "fir"},
          {"name": "integrate", "uid": 7, "in_uid": 6, "dim": "time"},
          {"name": "write_npy", "uid": 8, "in_uid": 7, "directory_out": "decimated"},
          {"name": "pass_filter", "uid": 9, "in_uid": 1, "time": [2, 300]},
          {"name": "write_npy", "uid": 10, "in_uid": 9, "directory_out": "filtered_after"},
          {"name": "integrate", "uid": 11, "in_uid": 4, "dim": "time"},
          {"name": "write_npy", "uid": 12, "in_uid": 11, "directory_out": "twice"}
        ]}
        """
    static let outputs = ["plain", "filtered", "decimated", "filtered_after", "twice"]


    @Test("six 1-s chunks equal one 6-s chunk to 1e-9 of the peak; BOX_SIZE blocks too")
    func chunkedEqualsMonolithic() throws {
        let (chunked, whole) = try ChunkContinuityTests.chunkedAndWhole("integrate", channels: 5, samples: 12_000,
                                                                        wholeSeconds: 6)
        let blocks = try TemporaryFolder("integrate-blocks")
        try FileManager.default.copyItem(atPath: chunked.file("store"), toPath: blocks.file("store"))
        try ChunkContinuityTests.process(chunked, graph: Self.graph, boxSize: 0)
        try ChunkContinuityTests.process(whole, graph: Self.graph, boxSize: 0)
        try ChunkContinuityTests.process(blocks, graph: Self.graph, boxSize: 2)
        try ChunkContinuityTests.expectJoinedEqual(chunked, whole, outputs: Self.outputs, tolerance: 1e-9)
        try ChunkContinuityTests.expectJoinedEqual(blocks, whole, outputs: Self.outputs, tolerance: 1e-9)
        // The per-chunk form restarts at 0 in every chunk: it differs, and is 0 at each chunk's first sample.
        let perChunk = #"{"command_list": [{"name": "integrate", "uid": 1, "in_uid": 0, "dim": "time", "zero_at": "chunk"}, {"name": "write_npy", "uid": 2, "in_uid": 1, "directory_out": "per_chunk"}]}"#
        try ChunkContinuityTests.process(chunked, graph: perChunk)
        let (restarted, _) = try ChunkContinuityTests.joined(chunked, "per_chunk")
        let (continuous, _) = try ChunkContinuityTests.joined(whole, "plain")
        #expect((0..<6).allSatisfy { restarted.values[$0 * 2_000] == 0 })
        #expect(ChunkContinuityTests.relativeDifference(restarted, continuous) > 1e-3)
    }

    @Test("a gap starts a new integral at 0: each side equals its own record integrated at once")
    func gap() throws {
        let (chunked, wholes) = try ChunkContinuityTests.processedAcrossGap("integrate-gap", graph: Self.graph)
        try ChunkContinuityTests.expectJoinedEqual(chunked, wholes, outputs: ["plain", "filtered", "twice"], tolerance: 1e-9)
        let (out, _) = try ChunkContinuityTests.joined(chunked, "plain")
        #expect(out.values[0] == 0 && out.values[5_000] == 0, "0 at the first sample of each segment")
    }

    @Test("a chunk that failed is retried from the totals the first run wrote, and the record is still continuous")
    func resumeAfterFailure() throws {
        let (chunked, whole) = try ChunkContinuityTests.chunkedAndWhole("integrate-retry", channels: 3,
                                                                        samples: 8_000, wholeSeconds: 4)
        let graph = #"{"command_list": [{"name": "integrate", "uid": 1, "in_uid": 0, "dim": "time"}, {"name": "write_npy", "uid": 2, "in_uid": 1, "directory_out": "plain"}]}"#
        _ = try chunked.write("graph.json", graph)
        let config = try chunked.write("system.json", #"{"in_directory": "store", "out_directory": "results", "config": "graph.json"}"#)
        let failing = "1704067202.npy"  // the third chunk
        let first = try runProcess(TestPaths.distswiftBinary, ["process", config, "--fft-planning", "estimate", "--quiet",
                                                               "--retries", "0"],
                                   environment: ProcessInfo.processInfo.environment.merging(
                                       ["DISTSWIFT_FAULT_FAIL_TASK": failing]) { $1 })
        #expect(first.status != 0, "the injected failure fails the run")
        #expect(!FileManager.default.fileExists(atPath: chunked.file("results/plain/1704067202.npy")))
        let totals = try FileManager.default.contentsOfDirectory(atPath: chunked.file("results/.running-totals"))
        #expect(totals.count == 1, "one totals folder for this graph and store")
        let retry = try runProcess(TestPaths.distswiftBinary, ["process", config, "--fft-planning", "estimate",
                                                               "--quiet", "--retry-failed"])
        #expect(retry.status == 0, "\(retry.stderr)")
        try ChunkContinuityTests.process(whole, graph: graph)
        try ChunkContinuityTests.expectJoinedEqual(chunked, whole, outputs: ["plain"], tolerance: 1e-9)
    }

    @Test("inside an included graph a continuous integrate is refused, with the fix")
    func includedGraphs() throws {
        let folder = try TemporaryFolder("integrate-included")
        _ = try folder.write("inner.json", #"{"command_list": [{"name": "integrate", "uid": 1, "in_uid": 0, "dim": "time"}]}"#)
        let outer = try folder.write("outer.json", #"{"command_list": [{"name": "graph", "uid": 1, "in_uid": 0, "file": "inner.json"}]}"#)
        let refused = try runProcess(TestPaths.distswiftBinary, ["validate", outer])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("command_list[0].file") && refused.stderr.contains("zero_at"), "\(refused.stderr)")
    }
}
