/// What a batch system's queue says of a run's jobs, at one poll.
public enum BatchQueueState: Sendable, Equatable {
    /// Array tasks still queued or running, described for people (e.g. "2 running, 1 pending (Resources)").
    case active(String)
    /// None left: every array task has ended (batch systems forget finished jobs).
    case gone
    /// The queue could not be asked: nothing can be concluded from this poll.
    case unavailable(String)
}
