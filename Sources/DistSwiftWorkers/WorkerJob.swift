/// One kind of work a worker process serves: it is loaded once when the worker starts (config, store, graph), then
/// runs one task per message. Implementations keep the job's logic where it already lives (`GraphRunner`,
/// `FileIngester`); this protocol only gives the worker loop one shape for both.
public protocol WorkerJob {
    /// Called once before the first task (e.g. one-thread numeric libraries, saved FFT plans).
    func prepareWorker()
    /// Runs one task; throws with a message that names the file or command when it fails.
    func perform(_ taskID: String) throws -> TaskOutcome
    /// Called once after the last task, when the controller closes the worker's input.
    func finishWorker()
    /// Makes the work of the tasks performed since the last call durable. A job that writes for a group commit
    /// (`commitsInGroups`) has its tasks' answers held until this returns: a task is reported done only once its
    /// results would survive a crash. When it throws, those tasks are reported failed (and tried again).
    func commit() throws
    /// True when `perform` leaves its writes for `commit`.
    var commitsInGroups: Bool { get }
}

extension WorkerJob {
    public func prepareWorker() {}
    public func finishWorker() {}
    public func commit() throws {}
    public var commitsInGroups: Bool { false }
}

/// What a task reports besides success: its input size and a short account.
public struct TaskOutcome: Sendable {
    public var bytes: Int
    public var note: String?
    public var commandSeconds: [Double]?

    public init(bytes: Int, note: String? = nil, commandSeconds: [Double]? = nil) {
        self.bytes = bytes
        self.note = note
        self.commandSeconds = commandSeconds
    }
}
