import DistSwiftIO
import DistSwiftNative
import DistSwiftTestSupport
import Foundation
import Testing

@Suite("distswift plot (command line)")
struct PlotCLITests {
    @Test("distswift plot draws every plot of a system config's plots JSON; a broken one exits 1 with every problem")
    func plotCommand() throws {
        let folder = try TemporaryFolder("distswift-plot-cli")
        let input = LocalStorage(root: folder.file("archive/well/NoiseLog_stacked"))
        let band = "band_01_200--1"
        try input.makeFolder(band)
        try NPYWriter.write(vector: (0..<30).map { 1_704_067_200 + 10 * Double($0) }, to: input, path: "\(band)/time.npy")
        try NPYWriter.write(vector: (0..<20).map { 10 * Double($0) }, to: input, path: "\(band)/measured_depth.npy")
        try NPYWriter.write(Array2D(rows: 20, columns: 30, values: (0..<600).map { Double($0 % 30 + $0 / 30) }),
                            to: input, path: "\(band)/1704067200.npy")
        let data = "\(band)/1704067200.npy"
        _ = try folder.write("plots.json", """
            {"figure_size": [6, 4], "dpi": 100, "time_reference": "\(band)/time.npy",
             "depth_reference": "\(band)/measured_depth.npy", "well_segments": "/nonexistent/segments.txt",
             "plots": [
               {"plot_type": "well_log", "out_plot": "LOG", "plot_list": [{"data": "\(data)", "colormap": "UAVK"}]},
               {"plot_type": "rgb", "out_plot": "RGB", "plot_list": [{"data": "\(data)"}, {"data": "\(data)"}, {"data": "\(data)", "inverted": "yes"}]}]}
            """)
        let system = try folder.write("system.json", """
            {"in_drive": "archive", "out_drive": "work", "project": "well", "data": "NoiseLog_stacked",
             "results": "plots", "config": "plots.json"}
            """)
        let run = try runProcess(TestPaths.distswiftBinary, ["plot", system])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("note: well_segments"))
        for name in ["LOG", "RGB"] {
            let path = folder.file("work/well/plots/\(name).png")
            #expect(run.stdout.contains(path))
            let image = try CairoImage(png: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
            #expect(image.width == 600 && image.height == 400)
        }
        let svg = try runProcess(TestPaths.distswiftBinary, ["plot", system, "--format", "svg"])
        #expect(svg.status == 0 && FileManager.default.fileExists(atPath: folder.file("work/well/plots/LOG.svg")))

        _ = try folder.write("plots.json", """
            {"time_reference": "\(band)/time.npy", "depth_reference": "\(band)/measured_depth.npy",
             "plots": [{"plot_type": "stak", "out_plot": "S", "plot_list": [{"data": "nothing.npy", "colormap": "viridiss"}]}]}
            """)
        let broken = try runProcess(TestPaths.distswiftBinary, ["plot", system])
        #expect(broken.status == 1)
        for words in ["plots[0].plot_type", "did you mean \"stack\"", "plots[0].plot_list[0].data",
                      "plots[0].plot_list[0].colormap", "did you mean \"viridis\""] {
            #expect(broken.stderr.contains(words), "\(words): \(broken.stderr)")
        }
    }
}
