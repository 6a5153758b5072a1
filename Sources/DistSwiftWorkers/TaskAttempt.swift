import Foundation

/// One try of one task, the one record of it everywhere: the worker's answer (one JSON line on its standard
/// output), the pool's bookkeeping, the journal, an array task's record, `run.json` and the timeline. Times are
/// wall-clock nanoseconds since the Unix epoch, so tries from different workers and machines line up on one axis;
/// durations and times relative to a run are derived when a report is encoded.
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

    /// Why a `failed` try failed, which decides whether it is worth another: the same input fails the same way
    /// again, an I/O error or anything unforeseen may not.
    public enum Failure: String, Codable, Sendable {
        /// The input itself: an unrecognised, corrupt or inconsistent file or chunk, a graph that does not fit the
        /// data. Tried once.
        case input
        /// Reading or writing storage failed (a full disk, a network drive gone, an S3 error). Retried.
        case io
        /// Anything else. Retried.
        case other
    }

    public var id: String
    /// 1 for the first try of the task.
    public var attempt: Int
    public var status: Status
    /// Why the try failed (the file, the command and the reason), nil when it succeeded.
    public var error: String?
    public var startNs: Int64
    public var endNs: Int64
    /// Bytes of input the task read: the throughput of a run is counted in these.
    public var bytes: Int
    /// The worker process that ran it.
    public var pid: Int32
    /// The pool slot (0 ..< workers) whose process ran it, or for a cluster run the row of its node; nil in the
    /// worker's own answer (a worker does not know its slot), set by the pool that receives it.
    public var worker: Int?
    /// A short account for the controller's message, e.g. "13 chunks".
    public var note: String?
    /// Seconds spent in each command of the graph (process only), for the per-command times of the run.
    public var commandSeconds: [Double]?
    /// For a `failed` try: what kind of failure (nil for other statuses).
    public var failure: Failure?

    /// Whether another try could end differently: not for a failure of the input itself.
    public var isWorthRetrying: Bool { failure != .input }

    public init(id: String, attempt: Int, status: Status, error: String? = nil, startNs: Int64, endNs: Int64,
                bytes: Int, pid: Int32, worker: Int? = nil, note: String? = nil, commandSeconds: [Double]? = nil) {
        self.id = id
        self.attempt = attempt
        self.status = status
        self.error = error
        self.startNs = startNs
        self.endNs = endNs
        self.bytes = bytes
        self.pid = pid
        self.worker = worker
        self.note = note
        self.commandSeconds = commandSeconds
    }

    public var seconds: Double { Double(endNs - startNs) / 1e9 }

    /// The same try as run by pool slot (or node row) `worker`.
    public func ran(by worker: Int) -> TaskAttempt {
        var copy = self
        copy.worker = worker
        return copy
    }
}
