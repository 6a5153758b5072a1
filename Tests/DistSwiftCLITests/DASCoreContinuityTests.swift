import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// The DASCore-style commands (issue 19, part A) that are continuous along time: 1-s chunks equal one 6-s chunk
/// through `distswift process` (the halo each declares), and their time axes and rates are what the physics says.
@Suite("Chunk boundaries do not show for the DASCore-style continuous commands")
struct DASCoreContinuityTests {
    static let continuous: [(String, String)] = [
        ("pass_band", #""name": "pass_filter", "time": [100, 400], "corners": 4"#),
        ("pass_low", #""name": "pass_filter", "time": [null, 300]"#),
        ("pass_causal", #""name": "pass_filter", "time": [20, 150], "zerophase": false"#),
        ("decimate_iir", #""name": "decimate", "time": 4"#),
        ("decimate_fir", #""name": "decimate", "time": 3, "filter_type": "fir""#),
        ("differentiate", #""name": "differentiate", "dim": "time""#),
        ("differentiate_step", #""name": "differentiate", "step": 4"#),
        ("notch", #""name": "notch_filter", "time": 600, "q": 20"#),
        ("savgol", #""name": "savgol_filter", "time": 0.0105, "polyorder": 3"#),
        ("hampel", #""name": "hampel_filter", "time": 7, "samples": true, "threshold": 1.5"#),
        ("median", #""name": "dascore_median_filter", "time": 6, "samples": true"#),
        ("gaussian", #""name": "gaussian_filter", "time": 0.003"#),
    ]

    /// Windowed along the fibre too (counts in samples): channel blocks equal the whole fibre.
    static let blocked: [(String, String)] = [
        ("median2d", #""name": "dascore_median_filter", "time": 3, "distance": 5, "samples": true"#),
        ("hampel2d", #""name": "hampel_filter", "time": 5, "distance": 3, "samples": true, "threshold": 1.5"#),
        ("hampel_exact", #""name": "hampel_filter", "time": 3, "distance": 5, "samples": true, "threshold": 1.5, "approximate": false"#),
        ("gaussian2d", #""name": "gaussian_filter", "time": 2, "distance": 1.5, "samples": true"#),
        ("wiener_noise", #""name": "wiener_filter", "time": 5, "distance": 3, "samples": true, "noise": 0.05"#),
    ]

    @Test("six 1-s chunks equal one 6-s chunk, time axes included")
    func chunkedEqualsMonolithic() throws {
        try ChunkContinuityTests.expectChunkedEqualsMonolithic(Self.continuous, channels: 6, tolerance: 1e-9,
                                                               name: "dascore")
    }

    @Test("six 1-s chunks equal one 6-s chunk for the windows along both dimensions")
    func twoDimensionalWindows() throws {
        try ChunkContinuityTests.expectChunkedEqualsMonolithic(Self.blocked, channels: 6, tolerance: 1e-9,
                                                               name: "dascore-2d")
    }

    @Test("BOX_SIZE 16 equals the whole fibre for the windows along distance")
    func channelBlocks() throws {
        try ChunkContinuityTests.expectBlocksEqualWholeFibre(Self.blocked, tolerance: 1e-12, name: "dascore")
    }

    @Test("decimate by 4 of 10 kHz data writes a 2.5 kHz time.npy, and a later check sees 1250 Hz Nyquist")
    func decimatedRate() throws {
        let folder = try TemporaryFolder("dascore-decimate-rate")
        let data = ChunkContinuityTests.record(channels: 3, samples: 20_000, rate: 10_000)
        try ChunkContinuityTests.store(data, rate: 10_000, chunkSeconds: 1, at: folder.file("store"))
        try ChunkContinuityTests.process(folder, graph: #"{"command_list": [{"name": "decimate", "uid": 1, "in_uid": 0, "time": 4}, {"name": "write_npy", "uid": 2, "in_uid": 1, "directory_out": "d"}]}"#)
        let (out, times) = try ChunkContinuityTests.joined(folder, "d")
        #expect(out.columns == 5_000)
        #expect(times.count == 5_000 && zip(times.dropFirst(), times).allSatisfy { $0 - $1 == 400_000 },
                "2.5 kHz: 400,000 ns between samples")
        let graph = try folder.write("late.json", #"{"command_list": [{"name": "decimate", "uid": 1, "in_uid": 0, "time": 4}, {"name": "pass_filter", "uid": 2, "in_uid": 1, "time": [10, 2000]}]}"#)
        let run = try runProcess(TestPaths.distswiftBinary, ["validate", graph, "--rate", "10000"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("command_list[1].time") && run.stderr.contains("1250")
                && run.stderr.contains("`decimate` (uid 1)"), "\(run.stderr)")
    }

    @Test("resample writes each chunk at the new rate; time.npy starts at the chunk and steps by the new period")
    func resampledRate() throws {
        let folder = try TemporaryFolder("dascore-resample-rate")
        let data = ChunkContinuityTests.record(channels: 3, samples: 6_000, rate: 2_000)
        try ChunkContinuityTests.store(data, rate: 2_000, chunkSeconds: 1, at: folder.file("store"))
        try ChunkContinuityTests.process(folder, graph: #"{"command_list": [{"name": "resample", "uid": 1, "in_uid": 0, "time": 0.0008}, {"name": "write_npy", "uid": 2, "in_uid": 1, "directory_out": "r"}]}"#)
        let (out, times) = try ChunkContinuityTests.joined(folder, "r")
        #expect(out.columns == 3 * 1_250, "three chunks of 1,250 samples at 1,250 Hz")
        let start: Int64 = 1_704_067_200_000_000_000
        var expected: [Int64] = []
        for chunk in 0..<3 {
            let chunkStart = start + Int64(chunk) * 1_000_000_000
            for k in 0..<1_250 { expected.append(chunkStart + Int64(k) * 800_000) }
        }
        #expect(times == expected)
    }
}
