import DistSwiftWorkers

/// What a pool run gave: each task's fate and every try (a task's successful try is its last, with status ok).
public struct RunOutcome: Sendable {
    public var taskCount: Int
    public var fates: [String: TaskFate]
    public var errors: [String: String]
    public var attempts: [TaskAttempt]
    public var wasStopped: Bool

    /// The successful try of each task that succeeded.
    public var succeeded: [TaskAttempt] { attempts.filter { $0.status == .ok } }
}
