import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// Polyphase `resample` with a period is continuous along time: the output samples lie on one grid from the start
/// of the recording, the filter's reach comes from the neighbouring chunks, and six 1-s chunks give
/// scipy.signal.resample_poly of the whole 6-s record.
@Suite("Polyphase resample is continuous across chunks")
struct ContinuousResampleTests {
    static let cases: [(String, String)] = [
        ("down_5_8", #""name": "resample", "time": 0.0008, "method": "polyphase""#),          // 2000 → 1250 Hz
        ("up_3_2", #""name": "resample", "time": 0.000333333333333333, "method": "polyphase""#),  // → 3000 Hz
        ("down_3", #""name": "resample", "time": 0.0015, "method": "polyphase""#),            // → 666.67 Hz
    ]

    @Test("six 1-s chunks equal one 6-s chunk to 1e-9 of the peak, time axes included; later windows too")
    func chunkedEqualsMonolithic() throws {
        try ChunkContinuityTests.expectChunkedEqualsMonolithic(Self.cases, channels: 4, tolerance: 1e-9,
                                                               name: "resample-poly")
        // A window after the rate change (its halo counted at the new rate) and a decimation before it.
        let graph = """
            {"command_list": [
              {"name": "resample", "uid": 1, "in_uid": 0, "time": 0.0008, "method": "polyphase"},
              {"name": "pass_filter", "uid": 2, "in_uid": 1, "time": [20, 300]},
              {"name": "write_npy", "uid": 3, "in_uid": 2, "directory_out": "then_filter"},
              {"name": "decimate", "uid": 4, "in_uid": 0, "time": 2, "filter_type": "fir"},
              {"name": "resample", "uid": 5, "in_uid": 4, "time": 0.0016, "method": "polyphase"},
              {"name": "write_npy", "uid": 6, "in_uid": 5, "directory_out": "decimated_first"},
              {"name": "resample", "uid": 7, "in_uid": 0, "time": 0.0008, "method": "polyphase"},
              {"name": "detrend", "uid": 8, "in_uid": 7, "dim": "time", "type": "constant"},
              {"name": "write_npy", "uid": 9, "in_uid": 8, "directory_out": "then_per_chunk"}
            ]}
            """
        let (chunked, whole) = try ChunkContinuityTests.chunkedAndWhole("resample-chain", channels: 3,
                                                                        samples: 12_000, wholeSeconds: 6)
        try ChunkContinuityTests.process(chunked, graph: graph)
        try ChunkContinuityTests.process(whole, graph: graph)
        for output in ["then_filter", "decimated_first"] {
            let (a, timesA) = try ChunkContinuityTests.joined(chunked, output)
            let (b, timesB) = try ChunkContinuityTests.joined(whole, output)
            #expect(ChunkContinuityTests.relativeDifference(a, b) < 1e-9, "\(output)")
            #expect(timesA == timesB, "\(output)")
        }
        // A per-chunk command after it sees exactly each chunk's own 1,250 samples.
        let (perChunk, times) = try ChunkContinuityTests.joined(chunked, "then_per_chunk")
        #expect(perChunk.columns == 7_500 && times.count == 7_500)
    }

    @Test("the chunked result is scipy.signal.resample_poly of the whole record (1e-9 of the peak)")
    func againstScipy() throws {
        guard PythonReference.isAvailable else { return }
        let data = ChunkContinuityTests.record(channels: 4, samples: 12_000, rate: ChunkContinuityTests.rate)
        let folder = try TemporaryFolder("resample-scipy")
        try ChunkContinuityTests.store(data, rate: ChunkContinuityTests.rate, chunkSeconds: 1, at: folder.file("store"))
        try ChunkContinuityTests.process(folder, graph: ChunkContinuityTests.writingGraph(Self.cases))
        try NPYWriter.write(data, to: LocalStorage(root: folder.path), path: "record.npy")
        for (output, ratio) in [("down_5_8", (5, 8)), ("up_3_2", (3, 2)), ("down_3", (1, 3))] {
            let (ours, times) = try ChunkContinuityTests.joined(folder, output)
            try NPYWriter.write(ours, to: LocalStorage(root: folder.path), path: output + ".npy")
            let error = try PythonReference.check("""
                import sys, numpy as np, scipy.signal as s
                x = np.load(sys.argv[1]); ours = np.load(sys.argv[2])
                ref = s.resample_poly(x, int(sys.argv[3]), int(sys.argv[4]), axis=1)
                assert ours.shape == ref.shape, (ours.shape, ref.shape)
                print(np.abs(ours - ref).max() / np.abs(ref).max())
                """, arguments: [folder.file("record.npy"), folder.file(output + ".npy"), "\(ratio.0)", "\(ratio.1)"])
            #expect((Double(error.trimmingCharacters(in: .whitespacesAndNewlines)) ?? .infinity) < 1e-9, "\(output): \(error)")
            // Output j at j·down/up input samples from the record's start.
            let start: Int64 = 1_704_067_200_000_000_000
            let period = 1e9 * Double(ratio.1) / (ChunkContinuityTests.rate * Double(ratio.0))
            #expect(times.enumerated().allSatisfy { k, t in abs(Double(t - start) - Double(k) * period) <= 1 },
                    "\(output): the time axis is one grid from the record's start")
        }
    }
}
