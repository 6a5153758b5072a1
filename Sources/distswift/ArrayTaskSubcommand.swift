import ArgumentParser
import DistSwiftControllers
import DistSwiftIO
import Foundation

/// `distswift array-task SYSTEM.json --manifest M --slot S`: one array task of a cluster run, as the batch script
/// of `--engine slurm` starts it on a node. Runs slot S of the run's task list (the manifest, in the config's report
/// location) and writes a result record per task. Not for people: hidden from the help.
struct ArrayTaskSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "array-task",
        abstract: "Run one slot of a cluster run's task list (started by --engine slurm; not for direct use).",
        shouldDisplay: false)

    @Argument(help: "The system config (JSON) of the run.")
    var systemConfig: String

    @Option(help: "The run's manifest, relative to the report location (the store for ingest, the results for process).")
    var manifest: String

    @Option(help: "Which slot of the task list to run (0-based).")
    var slot: Int

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let config = try reportingErrors {
            try SystemConfig.load(path: systemConfig, faults: WriteFaults.fromEnvironment(environment))
        }
        let task = ArrayTask(location: config.output, manifestPath: manifest, slot: slot,
                             executable: currentExecutable(), environment: environment)
        let summary = try await reportingErrors { try await task.run(say: { say($0) }) }
        say("\(summary.ok) of \(summary.tasks) ok" + (summary.failed > 0 ? ", \(summary.failed) failed" : ""))
        if summary.failed > 0 || !summary.unwritten.isEmpty { throw ExitCode.failure }
    }
}
