import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// IIR filters along time through `distswift process` run from the state scan (a totals pass keeps each chunk's
/// filter end states; each chunk's passes start from the recording's states at its ends) instead of a halo: chunks
/// of several lengths — a short last chunk among them — channel blocks and a gap between segments give the outputs
/// of the whole record filtered at once, to 1e-11 of the output's peak (float64; measured at most 6.4e-12, for a
/// 1–100 Hz band at 2 kHz followed by a notch — rounding in the states of poles near the unit circle), much
/// tighter than the halo's 1e-9. The whole record is one chunk: its filters pad both ends, the path the
/// scipy/DASCore reference tests check.
@Suite("IIR filters continuous across chunks by the state scan")
struct StateScanFilterTests {
    static let graph = """
        {"command_list": [
          {"name": "pass_filter", "uid": 1, "in_uid": 0, "time": [5, 400]},
          {"name": "write_npy", "uid": 2, "in_uid": 1, "directory_out": "band"},
          {"name": "pass_filter", "uid": 3, "in_uid": 0, "time": [null, 300], "corners": 6},
          {"name": "write_npy", "uid": 4, "in_uid": 3, "directory_out": "low"},
          {"name": "pass_filter", "uid": 5, "in_uid": 0, "time": [2, null]},
          {"name": "write_npy", "uid": 6, "in_uid": 5, "directory_out": "high"},
          {"name": "notch_filter", "uid": 7, "in_uid": 0, "time": 150, "q": 30},
          {"name": "write_npy", "uid": 8, "in_uid": 7, "directory_out": "notch"},
          {"name": "butter", "uid": 9, "in_uid": 0, "type": "bandstop", "freq": [500, 700], "padtype": "even"},
          {"name": "write_npy", "uid": 10, "in_uid": 9, "directory_out": "butter"},
          {"name": "pass_filter", "uid": 11, "in_uid": 0, "time": [5, 400], "zerophase": false},
          {"name": "write_npy", "uid": 12, "in_uid": 11, "directory_out": "causal"},
          {"name": "pass_filter", "uid": 13, "in_uid": 0, "time": [1, 100]},
          {"name": "notch_filter", "uid": 14, "in_uid": 13, "time": 50, "q": 20},
          {"name": "write_npy", "uid": 15, "in_uid": 14, "directory_out": "chain"},
          {"name": "decimate", "uid": 16, "in_uid": 0, "time": 4},
          {"name": "write_npy", "uid": 17, "in_uid": 16, "directory_out": "decimated"},
          {"name": "downsample", "uid": 18, "in_uid": 0, "xsample": 3},
          {"name": "pass_filter", "uid": 19, "in_uid": 18, "time": [5, 400]},
          {"name": "write_npy", "uid": 20, "in_uid": 19, "directory_out": "every_third_channel"}
        ]}
        """
    static let outputs = ["band", "low", "high", "notch", "butter", "causal", "chain", "decimated",
                          "every_third_channel"]
    static let tolerance = 1e-11

    static func expectEqual(_ a: TemporaryFolder, _ b: TemporaryFolder, _ what: String) throws {
        try ChunkContinuityTests.expectJoinedEqual(a, b, outputs: outputs, tolerance: tolerance, label: what + " ")
    }

    /// The state scan ran (its files are there) and the filters read no halo (`describe` of the process plan is
    /// not available, so the scan's completion marker stands for it).
    static func expectScanned(_ folder: TemporaryFolder) throws {
        let totals = try FileManager.default.contentsOfDirectory(atPath: folder.file("results/.running-totals"))
        #expect(totals.count == 1)
        #expect(FileManager.default.fileExists(atPath: folder.file("results/.running-totals/\(totals[0])/state-scan-complete")))
    }

    @Test("1-s and 0.7-s chunks (a short last one) and BOX_SIZE blocks equal one 6-s chunk to 1e-11")
    func chunkedEqualsMonolithic() throws {
        let data = ChunkContinuityTests.record(channels: 20, samples: 12_000, rate: ChunkContinuityTests.rate)
        let whole = try TemporaryFolder("scan-whole")
        try ChunkContinuityTests.store(data, rate: ChunkContinuityTests.rate, chunkSeconds: 6, at: whole.file("store"))
        try ChunkContinuityTests.process(whole, graph: Self.graph)
        for (seconds, box) in [(1.0, nil), (0.7, nil), (1.0, 6)] as [(Double, Int?)] {
            let chunked = try TemporaryFolder("scan-chunked")
            try ChunkContinuityTests.store(data, rate: ChunkContinuityTests.rate, chunkSeconds: seconds,
                                           at: chunked.file("store"))
            try ChunkContinuityTests.process(chunked, graph: Self.graph, boxSize: box)
            try Self.expectScanned(chunked)
            try Self.expectEqual(chunked, whole, "\(seconds)-s chunks, BOX_SIZE \(box.map(String.init) ?? "none"):")
        }
    }

    @Test("validate says which filters scan in process and what process then reads: no halo for a lone pass_filter")
    func validateSaysScan() throws {
        let folder = try TemporaryFolder("scan-validate")
        let graph = try folder.write("g.json", #"{"command_list": [{"name": "pass_filter", "uid": 1, "in_uid": 0, "time": [1, 100]}, {"name": "write_npy", "uid": 2, "in_uid": 1, "directory_out": "f"}]}"#)
        let run = try runProcess(TestPaths.distswiftBinary, ["validate", graph, "--rate", "10000", "--samples", "10000"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("uid 1 pass_filter: time 84471 before, 84471 after in watch; in process from the "
                                    + "state scan"), "\(run.stdout)")
        #expect(run.stdout.contains("process reads around each chunk: nothing"), "\(run.stdout)")
    }

    @Test("a gap starts each filter again: each segment equals its own record filtered at once")
    func gap() throws {
        let (chunked, wholes) = try ChunkContinuityTests.processedAcrossGap("scan-gap", graph: Self.graph)
        try Self.expectEqual(chunked, wholes, "gap:")
    }
}
