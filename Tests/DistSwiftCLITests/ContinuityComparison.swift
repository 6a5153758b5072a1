import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

extension ChunkContinuityTests {
    /// A graph that runs every (output folder, entry fields) on the chunk and writes each to its folder.
    static func writingGraph(_ cases: [(String, String)]) -> String {
        let entries = cases.enumerated().flatMap { i, c in
            [#"{"uid": \#(2 * i + 1), "in_uid": 0, \#(c.1)}"#,
             #"{"name": "write_npy", "uid": \#(2 * i + 2), "in_uid": \#(2 * i + 1), "directory_out": "\#(c.0)"}"#]
        }
        return #"{"command_list": ["# + entries.joined(separator: ",\n") + "]}"
    }

    /// `record(channels:samples:)` at `rate` stored twice: as 1-s chunks and as chunks of `wholeSeconds` (one chunk
    /// for the whole record when that is its length): the chunked and the monolithic side of a comparison.
    static func chunkedAndWhole(_ name: String, channels: Int, samples: Int, wholeSeconds: Double) throws
        -> (chunked: TemporaryFolder, whole: TemporaryFolder)
    {
        let data = record(channels: channels, samples: samples, rate: rate)
        let chunked = try TemporaryFolder(name + "-chunked"), whole = try TemporaryFolder(name + "-whole")
        try store(data, rate: rate, chunkSeconds: 1, at: chunked.file("store"))
        try store(data, rate: rate, chunkSeconds: wholeSeconds, at: whole.file("store"))
        return (chunked, whole)
    }

    /// Runs `writingGraph(cases)` on `channels` × 12,000 samples stored as six 1-s chunks and as one 6-s chunk and
    /// expects every output to agree to `tolerance` of its peak, time axes included.
    static func expectChunkedEqualsMonolithic(_ cases: [(String, String)], channels: Int, tolerance: Double,
                                              name: String) throws {
        let data = record(channels: channels, samples: 12_000, rate: rate)
        let chunked = try TemporaryFolder(name + "-chunked"), whole = try TemporaryFolder(name + "-whole")
        try store(data, rate: rate, chunkSeconds: 1, at: chunked.file("store"))
        try store(data, rate: rate, chunkSeconds: 6, at: whole.file("store"))
        try process(chunked, graph: writingGraph(cases))
        try process(whole, graph: writingGraph(cases))
        for (output, _) in cases {
            let (a, timesA) = try joined(chunked, output)
            let (b, timesB) = try joined(whole, output)
            #expect(relativeDifference(a, b) < tolerance, "\(output)")
            #expect(timesA == timesB, "\(output): time axes differ")
        }
    }

    /// Runs `writingGraph(cases)` on 45 channels × 1000 samples in BOX_SIZE 16 blocks and on the whole fibre and
    /// expects every output to agree to `tolerance` of its peak.
    static func expectBlocksEqualWholeFibre(_ cases: [(String, String)], tolerance: Double, name: String) throws {
        let data = record(channels: 45, samples: 1_000, rate: rate)
        let blocks = try TemporaryFolder(name + "-box"), whole = try TemporaryFolder(name + "-box-whole")
        try store(data, rate: rate, chunkSeconds: 0.5, at: blocks.file("store"))
        try store(data, rate: rate, chunkSeconds: 0.5, at: whole.file("store"))
        try process(blocks, graph: writingGraph(cases), boxSize: 16)
        try process(whole, graph: writingGraph(cases), boxSize: 0)
        for (output, _) in cases {
            let (a, _) = try joined(blocks, output)
            let (b, _) = try joined(whole, output)
            #expect(relativeDifference(a, b) < tolerance, "\(output)")
        }
    }
}
