import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// distpy's noise-log graph (fft read only by rms_from_fft and multiple_calcs, which `process` runs as one fused
/// kernel: docs/backends.md) through real `distswift process` runs on a float32 store (`synth`) and a float64 one,
/// against numpy's definitions on the same chunks (Tests/reference/noiselog_reference.py: band-passed energies in
/// the time domain, not Parseval's sums). float64: 1e-9 of each value; float32 chunks: the transform in float32,
/// 1e-5 of each value (measured: float32 7e-8, float64 2e-15).
@Suite("the fused noise log through distswift process, float32 and float64 stores, against numpy",
       .enabled(if: PythonReference.isAvailable, "needs python3 with numpy"))
struct FusedNoiseLogCLITests {
    static let lows = [200.0, 600, 1000]

    static let graph = #"""
        {"command_list": [
          {"name": "to_gpu", "uid": 1, "in_uid": 0},
          {"name": "fft", "uid": 2, "in_uid": 1},
          {"name": "rms_from_fft", "uid": 3, "in_uid": 2, "low_freq": 0, "high_freq": -1},
          {"name": "multiple_calcs", "uid": 4, "in_uid": 2, "func": "te_from_fft", "low_freq": [200, 600, 1000], "high_freq": [-1, -1, -1]},
          {"name": "from_gpu", "uid": 5, "in_uid": 3},
          {"name": "from_gpu", "uid": 6, "in_uid": 4},
          {"name": "write_npy", "uid": 7, "in_uid": 5, "directory_out": "rms"},
          {"name": "write_npy", "uid": 8, "in_uid": 6, "directory_out": "bands"}]}
        """#

    /// Runs the graph on `store` and returns the reference script's worst error per chunk.
    static func errors(store: String, in folder: TemporaryFolder) throws -> [Double] {
        _ = try folder.write("graph.json", graph)
        let config = try folder.write("system.json", #"{"in_directory": "\#(store)", "out_directory": "results", "config": "graph.json", "BOX_SIZE": 5}"#)
        let run = try runProcess(TestPaths.distswiftBinary, ["process", config, "--fft-planning", "estimate", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let script = try String(contentsOfFile: TestPaths.packageRoot + "/Tests/reference/noiselog_reference.py",
                                encoding: .utf8)
        let report = try PythonReference.check(script, arguments: [folder.file(store), folder.file("results"),
                                                                    lows.map { "\($0)" }.joined(separator: ",")])
        print(report)
        let lines = report.split(separator: "\n").map { $0.split(separator: " ") }
        #expect(lines.last.map { $0 == ["chunks", "2"] } == true, "\(report)")
        return lines.dropLast().map { Double($0[1]) ?? .infinity }
    }

    @Test("float32 store (synth): every value within 1e-5 of numpy's float64 definition")
    func float32Store() throws {
        let folder = try TemporaryFolder("fused-noiselog-f32")
        let synth = try runProcess(TestPaths.distswiftBinary, ["synth", "--store", folder.file("store"), "--channels", "11",
                                                               "--rate", "4000", "--seconds", "2"])
        #expect(synth.status == 0, "\(synth.stderr)")
        let errors = try Self.errors(store: "store", in: folder)
        #expect(errors.count == 2 && errors.allSatisfy { $0 <= 1e-5 }, "\(errors)")
    }

    @Test("float64 store: every value within 1e-9 of numpy's definition")
    func float64Store() throws {
        let folder = try TemporaryFolder("fused-noiselog-f64")
        var state: UInt64 = 3
        let record = Array2D(rows: 11, columns: 8001, values: (0..<(11 * 8001)).map { i -> Double in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let t = Double(i % 8001) / 4000
            return sin(2 * .pi * 700 * t + Double(i / 8001)) + 0.3 * sin(2 * .pi * 1500 * t)
                + (Double(state >> 11) / Double(1 << 53) - 0.5)
        })
        // Chunks of 4000 and 4001 samples: an even length (with a Nyquist bin) and an odd one.
        try ChunkContinuityTests.store(record, rate: 4000, chunkSeconds: 4001.0 / 4000, at: folder.file("store"),
                                       segments: [0..<4000, 4000..<8001])
        let errors = try Self.errors(store: "store", in: folder)
        #expect(errors.count == 2 && errors.allSatisfy { $0 <= 1e-9 }, "\(errors)")
    }
}
