/// How a task ended in a run.
public enum TaskFate: String, Codable, Sendable {
    case ok, failed
    /// The run was stopped (Ctrl-C) before the task finished; a rerun does it.
    case interrupted
}
