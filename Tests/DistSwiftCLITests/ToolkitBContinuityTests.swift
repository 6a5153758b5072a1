import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// Chunked == monolithic for the DASCore toolkit's windowed commands (issue 19, part B): six 1-s chunks and one
/// 6-s chunk of the same samples, run by `distswift process`, give the same values (NaNs at the same places: the
/// ends of the record) and the same UTC time axes.
@Suite("DASCore toolkit commands: chunk boundaries do not show")
struct ToolkitBContinuityTests {
    static let windowed: [(String, String)] = [
        ("rolling_mean", #""name": "rolling_mean", "time": 0.05"#),
        ("rolling_mean_step", #""name": "rolling_mean", "time": 0.0505, "step": 0.007"#),
        ("rolling_std", #""name": "rolling_std", "time": 101, "step": 30, "samples": true"#),
        ("rolling_median", #""name": "rolling_median", "time": 0.02, "step": 0.0035"#),
        ("rolling_max", #""name": "rolling_max", "time": 0.1, "step": 0.03"#),
        ("rolling_min", #""name": "rolling_min", "time": 64, "samples": true"#),
        ("agc", #""name": "agc", "time": 0.2"#),
    ]

    static var graph: String {
        let entries = windowed.enumerated().flatMap { i, c in
            [#"{"uid": \#(2 * i + 1), "in_uid": 0, \#(c.1)}"#,
             #"{"name": "write_npy", "uid": \#(2 * i + 2), "in_uid": \#(2 * i + 1), "directory_out": "\#(c.0)"}"#]
        }
        return #"{"command_list": ["# + entries.joined(separator: ",\n") + "]}"
    }

    /// The largest difference over the output's peak where both are finite; infinity when NaNs sit elsewhere.
    static func relativeDifference(_ a: Array2D<Double>, _ b: Array2D<Double>) -> Double {
        guard a.rows == b.rows, a.columns == b.columns else { return .infinity }
        var peak = 0.0, worst = 0.0
        for (x, y) in zip(a.values, b.values) {
            if x.isNaN != y.isNaN { return .infinity }
            if x.isNaN { continue }
            peak = max(peak, abs(y))
            worst = max(worst, abs(x - y))
        }
        return worst / max(peak, .leastNormalMagnitude)
    }

    @Test("six 1-s chunks equal one 6-s chunk for rolling statistics (with steps) and agc; time axes are the window centres")
    func chunkedEqualsMonolithic() throws {
        let rate = ChunkContinuityTests.rate
        let data = ChunkContinuityTests.record(channels: 6, samples: 12_000, rate: rate)
        let chunked = try TemporaryFolder("tkb-chunked"), whole = try TemporaryFolder("tkb-whole")
        try ChunkContinuityTests.store(data, rate: rate, chunkSeconds: 1, at: chunked.file("store"))
        try ChunkContinuityTests.store(data, rate: rate, chunkSeconds: 6, at: whole.file("store"))
        try ChunkContinuityTests.process(chunked, graph: Self.graph)
        try ChunkContinuityTests.process(whole, graph: Self.graph)
        for (output, _) in Self.windowed {
            let (a, timesA) = try ChunkContinuityTests.joined(chunked, output)
            let (b, timesB) = try ChunkContinuityTests.joined(whole, output)
            #expect(Self.relativeDifference(a, b) < 1e-9, "\(output)")
            #expect(timesA == timesB, "\(output): time axes differ")
            #expect(a.values.contains { !$0.isNaN }, "\(output): nothing but NaN")
        }
        // rolling_mean_step: 0.007 s at 2 kHz is 14 samples; outputs at every 14th sample of the record from its
        // first, so the UTC times are start + k · 7 ms.
        let (_, times) = try ChunkContinuityTests.joined(whole, "rolling_mean_step")
        let start: Int64 = 1_704_067_200_000_000_000
        #expect(times.count == (12_000 + 13) / 14)
        #expect(times.enumerated().allSatisfy { k, t in t == start + Int64(k) * 7_000_000 })
    }
}
