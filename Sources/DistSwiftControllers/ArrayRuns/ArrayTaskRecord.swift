import DistSwiftIO
import DistSwiftWorkers
import Foundation

/// The result record of one task of an array run, written (atomically) by the array task that ran it, after the
/// task's outputs were in place. The records on the shared storage are the run's source of truth: a batch system
/// forgets finished jobs, and the controller that submitted them may be gone.
public struct ArrayTaskRecord: Codable, Sendable, Equatable {
    public var task: String
    /// The task's position in the manifest's task list (the record's file name).
    public var position: Int
    public var status: TaskFate
    /// The last try's error, for a failed task.
    public var error: String?
    /// The machine that ran it (as the batch system names it, else the host name).
    public var node: String
    /// The batch system's name for the array task, e.g. "1234_5" (job id, underscore, array index).
    public var batchTask: String?
    /// Every try, as the local pool records them (`worker` is the slot of the array task's own pool); the last of
    /// a successful task is its successful try (bytes, note, per-command seconds).
    public var attempts: [TaskAttempt]

    public init(task: String, position: Int, status: TaskFate, error: String?, node: String, batchTask: String?,
                attempts: [TaskAttempt]) {
        self.task = task
        self.position = position
        self.status = status
        self.error = error
        self.node = node
        self.batchTask = batchTask
        self.attempts = attempts
    }

    public func encoded() throws -> [UInt8] {
        Array((try TaskLine.encode(self) + "\n").utf8)
    }

    public static func decode(_ bytes: [UInt8]) throws -> ArrayTaskRecord {
        try JSONDecoder().decode(ArrayTaskRecord.self, from: Data(bytes))
    }

    /// The successful try, for a task that succeeded.
    public var succeeded: TaskAttempt? { status == .ok ? attempts.last { $0.status == .ok } : nil }
}
