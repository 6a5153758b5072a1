import ArgumentParser
import DistSwiftCalc
import DistSwiftIngesters
import DistSwiftIO
import DistSwiftNative
import DistSwiftWorkers
import Foundation

/// `distswift worker JOB …`: a pool worker, started by the controller of `ingest` or `process` with that job's
/// arguments. It loads the job once, then answers task messages from standard input, one JSON line each, on
/// standard output. Not for people: hidden from the help.
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Serve the tasks of a job from standard input (started by ingest and process; not for direct use).",
        shouldDisplay: false,
        subcommands: [ProcessWorker.self, IngestWorker.self])

    struct ProcessWorker: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "process", abstract: "One graph on one chunk per task.")

        @Argument(help: "The system config (JSON).")
        var systemConfig: String

        @Option(help: "FFTW planning: measure or estimate.")
        var fftPlanning: FFTWPlanningRigor = .measure

        @Option(help: "float32 or float64 (default: the store's).")
        var precision: ComputePrecision?

        func run() throws {
            serveTasks(Result {
                let config = try SystemConfig.load(path: systemConfig,
                                                   faults: WriteFaults.fromEnvironment(ProcessInfo.processInfo.environment))
                return try ProcessJob(config: config, fftPlanning: fftPlanning, precision: precision)
            })
        }
    }

    struct IngestWorker: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ingest", abstract: "One input file per task.")

        @Argument(help: "The system config (JSON).")
        var systemConfig: String

        @OptionGroup var ingest: IngestArguments

        func run() throws {
            serveTasks(Result {
                let config = try SystemConfig.load(path: systemConfig,
                                                   faults: WriteFaults.fromEnvironment(ProcessInfo.processInfo.environment))
                return IngestJob(config: config, options: ingest.options(config))
            })
        }
    }
}

/// Serves task messages until standard input ends. Answers are written unbuffered: the controller waits for each.
/// When the controller has died, the write raises SIGPIPE, which ends the worker: nobody is left to answer.
private func serveTasks(_ job: Result<any WorkerJob, any Error>) {
    WorkerLoop(job: job, faults: WorkerFaults.fromEnvironment(ProcessInfo.processInfo.environment))
        .serve(nextLine: { readLine() }, send: { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) })
}
