import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// The ambient-noise example (examples/ambient-noise.sh with examples/ambient-noise-graph.json) end to end through
/// the CLI, on a synthetic noise field that travels along the fibre at a known velocity
/// (Tests/reference/ambient_noise_synthetic.py): the stacked correlation of every channel with the first peaks at
/// the travel time between them.
@Suite("The ambient-noise example", .enabled(if: PythonReference.isAvailable, "needs python3 with numpy"))
struct AmbientNoiseExampleTests {
    static let rate = 200.0, spacing = 8.0, velocity = 1000.0, channels = 40

    @Test("whiten → cross_correlate → stack: correlation peaks at (x − x₀)/v within one sample; a PNG is drawn")
    func moveout() throws {
        let folder = try TemporaryFolder("ambient-noise")
        let generator = TestPaths.packageRoot + "/Tests/reference/ambient_noise_synthetic.py"
        let made = try runProcess("/usr/bin/env", ["python3", generator, folder.file("noise.npy"), "\(Self.channels)",
                                                   "6000", "\(Self.rate)", "\(Self.spacing)", "\(Self.velocity)", "5"])
        #expect(made.status == 0, "\(made.stderr)")
        let record = try NPYArrayFile(location: LocalStorage(root: folder.path), path: "noise.npy").read(as: Double.self)
        // 30 s in 2-s chunks: 15 per-chunk correlations to stack.
        try ChunkContinuityTests.store(record, rate: Self.rate, chunkSeconds: 2, at: folder.file("store"),
                                       spacing: Self.spacing)
        let graph = TestPaths.packageRoot + "/examples/ambient-noise-graph.json"
        let system = try folder.write("system.json", #"{"in_directory": "store", "out_directory": "results", "config": "\#(graph)"}"#)
        let script = TestPaths.packageRoot + "/examples/ambient-noise.sh"
        let png = folder.file("correlations.png")
        let run = try runProcess("/bin/bash", [script, system, "--png", png],
                                 environment: ProcessInfo.processInfo.environment.merging(
                                     ["DISTSWIFT": TestPaths.distswiftBinary]) { $1 })
        #expect(run.status == 0, "\(run.stderr)")
        let reduced = LocalStorage(root: folder.file("results/Correlations_reduced"))
        let stack = try NPYArrayFile(location: reduced, path: "stack.npy").read(as: Double.self)
        let lags = try NPYArrayFile(location: reduced, path: "lag.npy").readVector(as: Double.self)
        #expect(stack.rows == Self.channels && stack.columns == lags.count)
        var worst = 0.0
        for c in 0..<stack.rows {
            let row = stack.row(c)
            let peak = row.indices.max { row[$0] < row[$1] }! - row.startIndex
            let expected = Double(c) * Self.spacing / Self.velocity
            worst = max(worst, abs(lags[peak] - expected))
        }
        #expect(worst <= 1 / Self.rate, "largest peak-lag error \(worst) s, more than one sample")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: png))
        #expect(Array(bytes.prefix(4)) == [0x89, 0x50, 0x4E, 0x47], "a PNG file")
        let summary = try String(contentsOfFile: folder.file("results/Correlations_reduced/stack.json"), encoding: .utf8)
        #expect(summary.contains(#""chunks": 15"#), "\(summary)")
    }

    @Test("stack --png without --reduce, or of arrays without a lag axis, is refused with the fix")
    func pngNeedsCorrelations() throws {
        let folder = try TemporaryFolder("ambient-noise-png")
        let data = ChunkContinuityTests.record(channels: 3, samples: 4_000, rate: 2_000)
        try ChunkContinuityTests.store(data, rate: 2_000, chunkSeconds: 1, at: folder.file("store"))
        try ChunkContinuityTests.process(folder, graph: #"{"command_list": [{"name": "abs", "uid": 1, "in_uid": 0}, {"name": "write_npy", "uid": 2, "in_uid": 1, "directory_out": "a"}]}"#)
        let system = folder.file("system.json")
        let plain = try runProcess(TestPaths.distswiftBinary, ["stack", system, "a", "--png", folder.file("x.png")])
        #expect(plain.status != 0 && plain.stderr.contains("--reduce"), "\(plain.stderr)")
        let noLag = try runProcess(TestPaths.distswiftBinary, ["stack", system, "a", "--reduce", "mean", "--png",
                                                               folder.file("x.png")])
        #expect(noLag.status != 0 && noLag.stderr.contains("no lag axis"), "\(noLag.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.file("x.png")))
    }

    @Test("select lag_time: refused with time, a bad range named with the fix, and on data without lags")
    func selectLagTime() throws {
        let folder = try TemporaryFolder("ambient-select-lag")
        let both = try folder.write("both.json", #"{"command_list": [{"name": "select", "uid": 1, "in_uid": 0, "lag_time": [-1, 1], "time": [0, 1]}]}"#)
        let refused = try runProcess(TestPaths.distswiftBinary, ["validate", both])
        #expect(refused.status != 0 && refused.stderr.contains("command_list[0].lag_time"), "\(refused.stderr)")
        let bad = try folder.write("bad.json", #"{"command_list": [{"name": "select", "uid": 1, "in_uid": 0, "lag_time": "2 s"}]}"#)
        let badRun = try runProcess(TestPaths.distswiftBinary, ["validate", bad])
        #expect(badRun.status != 0 && badRun.stderr.contains("lag_time") && badRun.stderr.contains("[-2, 2]"),
                "\(badRun.stderr)")
        let data = ChunkContinuityTests.record(channels: 2, samples: 2_000, rate: 2_000)
        try ChunkContinuityTests.store(data, rate: 2_000, chunkSeconds: 1, at: folder.file("store"))
        _ = try folder.write("graph.json", #"{"command_list": [{"name": "select", "uid": 1, "in_uid": 0, "lag_time": [-1, 1]}, {"name": "write_npy", "uid": 2, "in_uid": 1, "directory_out": "s"}]}"#)
        let config = try folder.write("system.json", #"{"in_directory": "store", "out_directory": "results", "config": "graph.json"}"#)
        let run = try runProcess(TestPaths.distswiftBinary, ["process", config, "--quiet", "--retries", "0"])
        #expect(run.status != 0 && run.stderr.contains("after cross_correlate"), "\(run.stderr)")
    }
}
