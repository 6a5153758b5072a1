import DistSwiftWorkers

/// What a pool run gave: each task's fate, the successful answers, and every try for the report.
public struct RunOutcome: Sendable {
    public var taskCount: Int
    public var fates: [String: TaskFate]
    public var errors: [String: String]
    public var results: [String: TaskResult]
    public var attempts: [TaskAttempt]
    public var wasStopped: Bool
}
