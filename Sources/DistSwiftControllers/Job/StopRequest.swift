import Synchronization

/// Ctrl-C's message to a running pool: set from the signal handler's thread, read by the scheduler and by every
/// worker session at its next tick.
public final class StopRequest: Sendable {
    private let requested = Atomic<Bool>(false)

    public init() {}

    public func request() { requested.store(true, ordering: .sequentiallyConsistent) }

    public var isRequested: Bool { requested.load(ordering: .sequentiallyConsistent) }
}
