import ArgumentParser
import DistSwiftCalc
import DistSwiftIO
import Foundation

struct PlotSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw distpy's stage-4 plots (well_log, stack, rgb) named by a system config's plots JSON.",
        discussion: """
            The system config's "config" key names distpy's plots JSON (figure_size, dpi, start_of_fibre,
            end_of_fibre, time_reference, depth_reference, depth_display_unit, well_segments, label_list, plots).
            Data files and reference axes are relative to the input location {in_drive}/{project}/{data}; each plot
            is written to {out_drive}/{project}/{results}/{out_plot}.png. The whole plots JSON is checked first and
            every problem reported at once (docs/plots.md).

            Example:
              distswift plot system-plots.json
              distswift plot system-plots.json --format svg
            """)

    @Argument(help: "The system config (JSON) whose \"config\" key names the plots JSON.")
    var systemConfig: String

    @Option(help: "Picture format: png, svg or pdf.")
    var format: String = "png"

    func run() throws {
        try reportingErrors {
            guard ["png", "svg", "pdf"].contains(format) else {
                throw ValidationError("--format must be png, svg or pdf, not \(format)")
            }
            let system = try SystemConfig.load(path: systemConfig)
            guard let plotsFile = system.workflowFile else {
                throw ConfigError(file: system.file, key: "config", problem: "is missing",
                                  fix: "name the plots JSON (distpy's plotsConfig.json) with \"config\"")
            }
            let config = try PlotsConfig.load(path: plotsFile, input: system.input)
            for note in config.notes { say("note: \(note)") }
            let renderer = PlotRenderer(config: config)
            for entry in config.plots {
                let arrays = try PlotRenderer.loadArrays(entry, input: system.input)
                let rendering = try renderer.render(entry, arrays: arrays, format: format)
                let path = "\(entry.outPlot).\(rendering.fileExtension)"
                try system.output.write(path, bytes: rendering.bytes)
                say("wrote \(system.output.address(of: path))  (\(entry.type.rawValue), \(config.width)×\(config.height) px)")
            }
        }
    }
}
