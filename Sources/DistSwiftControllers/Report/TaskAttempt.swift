/// One try of one task by one worker process, as the run report and the timeline show it.
public struct TaskAttempt: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        /// The worker answered that the task succeeded.
        case ok
        /// The worker answered that the task failed (the error names the reason).
        case failed
        /// The worker process ended while running the task.
        case crashed
        /// The task ran past `--task-timeout`; its worker was killed.
        case timedOut
        /// Ctrl-C stopped the run while the task was running.
        case interrupted
    }

    public var id: String
    /// The pool slot (0 ..< workers) whose process ran it; a replaced worker keeps its slot.
    public var worker: Int
    public var pid: Int32
    public var attempt: Int
    /// Wall-clock nanoseconds since the Unix epoch.
    public var startNs: Int64
    public var endNs: Int64
    public var bytes: Int
    public var status: Status
    public var error: String?

    public init(id: String, worker: Int, pid: Int32, attempt: Int, startNs: Int64, endNs: Int64, bytes: Int,
                status: Status, error: String?) {
        self.id = id
        self.worker = worker
        self.pid = pid
        self.attempt = attempt
        self.startNs = startNs
        self.endNs = endNs
        self.bytes = bytes
        self.status = status
        self.error = error
    }

    public var seconds: Double { Double(endNs - startNs) / 1e9 }
}
