import DistSwiftWorkers

/// How to start one worker process: the distswift executable with the job's spec (`worker --job SPEC`) and the
/// environment it runs in.
public struct WorkerLaunch: Sendable {
    public var executable: String
    public var arguments: [String]
    public var environment: [String: String]

    /// `parentEnvironment` is passed on with one-thread numeric libraries (`WorkerEnvironment.childEnvironment`):
    /// N single-threaded workers on N cores, not N × cores threads competing.
    public init(executable: String, spec: JobSpec, parentEnvironment: [String: String]) {
        self.executable = executable
        arguments = spec.workerArguments
        environment = WorkerEnvironment.childEnvironment(parentEnvironment)
    }
}
