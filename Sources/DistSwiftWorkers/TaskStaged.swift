/// A worker's notice that it finished a task whose answer waits for a group commit (`WorkerJob.commitsInGroups`):
/// the controller then knows the worker has moved on to the next task it holds. Should the worker die before the
/// commit, the staged tasks go back to the queue untouched and only the task it was running is charged a try.
public struct TaskStaged: Codable, Sendable, Equatable {
    public var staged: String
    public var attempt: Int

    public init(staged: String, attempt: Int) {
        self.staged = staged
        self.attempt = attempt
    }
}
