import DistSwiftWorkers

/// How to start one worker process: the distswift executable with the job's worker arguments (e.g.
/// `worker process SYSTEM.json --fft-planning measure`) and the environment it runs in.
public struct WorkerLaunch: Sendable {
    public var executable: String
    public var arguments: [String]
    public var environment: [String: String]

    /// `parentEnvironment` is passed on with one-thread numeric libraries (`WorkerEnvironment.childEnvironment`):
    /// N single-threaded workers on N cores, not N × cores threads competing.
    public init(executable: String, arguments: [String], parentEnvironment: [String: String]) {
        self.executable = executable
        self.arguments = arguments
        environment = WorkerEnvironment.childEnvironment(parentEnvironment)
    }
}
