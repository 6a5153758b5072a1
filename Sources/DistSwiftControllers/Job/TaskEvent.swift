import DistSwiftWorkers

/// What the pool tells its observer (progress, journal, messages), always one at a time.
public enum TaskEvent: Sendable {
    /// A worker answered that a task succeeded: its outputs are in place. The try names its worker.
    case succeeded(TaskAttempt)
    /// A try failed (an error, a crash or a timeout); `final` when no try is left.
    case attemptFailed(TaskAttempt, final: Bool)
    /// A few times a second, so a display can redraw its rate and ETA.
    case tick
    /// A line for people about the run as a whole (e.g. a cluster job's queue state).
    case note(String)
}
