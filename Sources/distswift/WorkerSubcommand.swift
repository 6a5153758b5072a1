import ArgumentParser
import DistSwiftIO
import DistSwiftWorkers
import Foundation

/// `distswift worker --job SPEC`: a pool worker, started by the controller of `ingest` or `process` (or by an array
/// task) with the job spec it made. It loads the job once, then answers task messages from standard input, one
/// JSON line each, on standard output. Not for people: hidden from the help.
struct WorkerSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Serve the tasks of a job from standard input (started by ingest and process; not for direct use).",
        shouldDisplay: false)

    @Option(help: "The job spec (JSON), as the controller made it.")
    var job: String

    /// Serves task messages until standard input ends. Answers are written unbuffered: the controller waits for
    /// each. When the controller has died, the write raises SIGPIPE, which ends the worker: nobody is left to answer.
    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let loaded = Result { try JobSpec.decode(job).load(faults: WriteFaults.fromEnvironment(environment)) }
        WorkerLoop(job: loaded, faults: WorkerFaults.fromEnvironment(environment))
            .serve(nextLine: { readLine() }, send: { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) })
    }
}
