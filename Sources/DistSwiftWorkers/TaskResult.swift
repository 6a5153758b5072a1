import Foundation

/// A worker's answer to one task, one JSON line on its standard output.
public struct TaskResult: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case ok, failed
    }

    public var id: String
    public var attempt: Int
    public var status: Status
    /// Why the task failed (the file, the command and the reason), nil when it succeeded.
    public var error: String?
    /// Wall-clock nanoseconds since the Unix epoch, so times from different workers line up on one axis.
    public var startNs: Int64
    public var endNs: Int64
    /// Bytes of input the task read: the throughput of a run is counted in these.
    public var bytes: Int
    public var pid: Int32
    /// A short account for the controller's message, e.g. "13 chunks".
    public var note: String?
    /// Seconds spent in each command of the graph (process only), for the per-command times of the run.
    public var commandSeconds: [Double]?

    public init(id: String, attempt: Int, status: Status, error: String? = nil, startNs: Int64, endNs: Int64,
                bytes: Int, pid: Int32, note: String? = nil, commandSeconds: [Double]? = nil) {
        self.id = id
        self.attempt = attempt
        self.status = status
        self.error = error
        self.startNs = startNs
        self.endNs = endNs
        self.bytes = bytes
        self.pid = pid
        self.note = note
        self.commandSeconds = commandSeconds
    }

    public var seconds: Double { Double(endNs - startNs) / 1e9 }
}
