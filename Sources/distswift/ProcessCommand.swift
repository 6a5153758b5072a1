import ArgumentParser
import DistSwiftControllers
import DistSwiftIO
import DistSwiftNative
import Foundation

extension FFTWPlanningRigor: ExpressibleByArgument {}

struct ProcessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process",
        abstract: "Run the system config's command graph on every chunk of the store.",
        discussion: """
            The store is the input location {in_drive}/{project}/{data}; the graph is the file named by the
            config's "config" key; outputs go to folders (each command's directory_out) under
            {out_drive}/{project}/{results}, named after the chunk. The graph is validated against the store's
            sampling rate before anything runs. A chunk that fails is reported and the others still run; the exit
            status is 1 when any chunk failed.

            Example:
              distswift process examples/noiselog-system.json
            """)

    @Argument(help: "The system config (JSON) whose \"config\" key names the command graph.")
    var systemConfig: String

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    @Option(help: "FFTW planning: measure (faster transforms; plans saved in ~/.cache/distswift) or estimate.")
    var fftPlanning: FFTWPlanningRigor = .measure

    func run() throws {
        let config = try reportingErrors { try SystemConfig.load(path: systemConfig) }
        var run = try reportingErrors { try ProcessRun(config: config) }
        run.fftPlanning = fftPlanning
        if !quiet {
            say("graph \(run.plan.file): \(run.plan.nodes.count) commands on \(run.store.chunks.count) chunks of "
                + "\(run.store.channelCount) channels at \(run.store.samplingRateHz) Hz"
                + (run.plan.channelLocal ? ", in blocks of \(run.boxSize.map(String.init) ?? "all") channels" : ""))
        }
        let report = run.run(progress: { if !quiet { say($0) } })
        for failure in report.failures {
            FileHandle.standardError.write(Data("distswift: error: \(failure.chunk): \(failure.error)\n".utf8))
        }
        if !quiet {
            let total = report.secondsPerNode.reduce(0, +)
            for (node, seconds) in zip(run.plan.nodes, report.secondsPerNode) {
                let share = total > 0 ? 100 * seconds / total : 0
                say("  " + "uid \(node.uid) \(node.name)".padding(toLength: 24, withPad: " ", startingAt: 0)
                    + String(format: "%9.3f s %6.1f %%", seconds, share))
            }
            say("results in \(config.output)")
        }
        if !report.succeeded {
            FileHandle.standardError.write(Data(
                "distswift: error: \(report.failures.count) of \(run.store.chunks.count) chunks failed\n".utf8))
            throw ExitCode.failure
        }
    }
}
