import ArgumentParser
import DistSwiftIO
import DistSwiftNative
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

    /// How long a worker that commits in groups waits for the next task before it commits what it holds: the
    /// controller sends the next tasks one per answer it reads, so right after a group's answers they trickle in.
    static let groupWaitMilliseconds: Int32 = 3

    /// Serves task messages until standard input ends. Answers are written unbuffered: the controller waits for
    /// each. When the controller has died, the write raises SIGPIPE, which ends the worker: nobody is left to answer;
    /// and before that, the worker stops as soon as it sees its parent change (`WorkerLoop.serve`'s
    /// `controllerAlive`), so it commits nothing after its controller is gone.
    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let controller = ProcessIdentity.parentID
        let loaded = Result { try JobSpec.decode(job).load(faults: WriteFaults.fromEnvironment(environment)) }
        let input = StandardInputLines()
        WorkerLoop(job: loaded, faults: WorkerFaults.fromEnvironment(environment))
            .serve(nextLine: { input.next() },
                   hasWaitingInput: { input.hasWaitingInput(withinMilliseconds: Self.groupWaitMilliseconds) },
                   controllerAlive: { ProcessIdentity.parentID == controller },
                   send: { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) })
    }
}
