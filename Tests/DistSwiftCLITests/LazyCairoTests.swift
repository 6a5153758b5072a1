import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// cairo is opened at run time by the first drawing (CDistShims/dist_cairo.c), so a run that never draws — the
/// controller and the pool worker of a noise log — does not load it; a drawing command does. The loader's own
/// trace (LD_DEBUG=libs, inherited by the workers; LD_DEBUG_OUTPUT: one file per process) is what tells.
@Suite("cairo is loaded only by processes that draw")
struct LazyCairoTests {
    @Test("a noise-log run (controller and worker) never maps libcairo; distswift plot loads it and draws")
    func cairoOnlyWhenDrawing() throws {
        let folder = try TemporaryFolder("distswift-lazy-cairo")
        func tracing(_ name: String) throws -> [String: String] {
            try FileManager.default.createDirectory(atPath: folder.file(name), withIntermediateDirectories: true)
            var environment = ProcessInfo.processInfo.environment
            environment["LD_DEBUG"] = "libs"
            environment["LD_DEBUG_OUTPUT"] = folder.file(name + "/ld")
            return environment
        }
        /// Each traced process's loader log (the files LD_DEBUG_OUTPUT names ld.PID).
        func traces(_ name: String) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: folder.file(name)).map {
                try String(contentsOfFile: folder.file(name + "/" + $0), encoding: .utf8)
            }
        }
        let config = try smallNoiseProject(in: folder)
        let noise = try distswift("process", config, "--workers", "1", "--fft-planning", "estimate",
                                  environment: try tracing("noise-trace"))
        #expect(noise.status == 0, "\(noise.stderr)")
        // Every distswift process initialises the Swift runtime: at least the controller and its pool worker.
        let noiseTraces = try traces("noise-trace").filter { $0.contains("calling init:") && $0.contains("libswiftCore") }
        #expect(noiseTraces.count >= 2, "LD_DEBUG_OUTPUT should hold the controller's and its worker's traces")
        #expect(!noiseTraces.contains { $0.contains("libcairo") })
        #expect(FileManager.default.fileExists(atPath: folder.file("project/out/rms/1704067200.npy")))

        let input = LocalStorage(root: folder.file("archive/well/bands"))
        try NPYWriter.write(vector: (0..<30).map { 1_704_067_200 + 10 * Double($0) }, to: input, path: "time.npy")
        try NPYWriter.write(vector: (0..<20).map { 10 * Double($0) }, to: input, path: "measured_depth.npy")
        try NPYWriter.write(Array2D(rows: 20, columns: 30, values: (0..<600).map { Double($0 % 7) }), to: input,
                            path: "1704067200.npy")
        _ = try folder.write("plots.json", """
            {"time_reference": "time.npy", "depth_reference": "measured_depth.npy",
             "plots": [{"plot_type": "well_log", "out_plot": "LOG", "plot_list": [{"data": "1704067200.npy"}]}]}
            """)
        let plotConfig = try folder.write("plot-system.json", """
            {"in_drive": "archive", "out_drive": "work", "project": "well", "data": "bands", "results": "plots",
             "config": "plots.json"}
            """)
        let plot = try distswift("plot", plotConfig, environment: try tracing("plot-trace"))
        #expect(plot.status == 0, "\(plot.stderr)")
        #expect(try traces("plot-trace").contains { $0.contains("libcairo.so.2") })
        #expect(FileManager.default.fileExists(atPath: folder.file("work/well/plots/LOG.png")))
    }
}

/// A synthetic store of 8 channels × 2 s at 1 kHz and a system config running fft → rms_from_fft → write_npy on it
/// (outputs in project/out/rms); returns the config's path.
func smallNoiseProject(in folder: TemporaryFolder) throws -> String {
    let synth = try distswift("synth", "--store", folder.file("project/raw"), "--channels", "8", "--rate", "1000",
                              "--seconds", "2")
    #expect(synth.status == 0, "\(synth.stderr)")
    _ = try folder.write("noise.json", """
        {"command_list": [{"name": "fft", "uid": 1, "in_uid": 0},
          {"name": "rms_from_fft", "uid": 2, "in_uid": 1, "low_freq": 0, "high_freq": -1},
          {"name": "write_npy", "uid": 3, "in_uid": 2, "directory_out": "rms"}]}
        """)
    return try folder.write("system.json", #"{"in_drive": ".", "out_drive": ".", "project": "project", "data": "raw", "results": "out", "config": "noise.json"}"#)
}
