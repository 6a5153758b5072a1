import DistSwiftIO

/// How the pool runs a job's tasks: how many worker processes, how many tasks each holds at once, when a worker is
/// replaced, and how often a task is tried.
public struct PoolOptions: Sendable {
    /// Worker processes, each single-threaded.
    public var workers: Int
    /// Tasks in flight per worker (`--batch`); nil chooses it as the run goes (`InFlightDepth`).
    public var tasksInFlightPerWorker: Int?
    /// A worker is replaced by a fresh process after this many tasks, so a slow leak in a library cannot build up.
    public var maxTasksPerWorker: Int
    /// A task running longer than this is taken as hung: its worker is killed and the task retried; nil: no limit.
    public var taskTimeoutSeconds: Double?
    /// Further attempts a task gets after a failure, a crash of its worker or a timeout.
    public var retries: Int

    public static let defaultMaxTasksPerWorker = 1000
    public static let defaultRetries = 2

    public init(workers: Int, tasksInFlightPerWorker: Int? = nil,
                maxTasksPerWorker: Int = PoolOptions.defaultMaxTasksPerWorker, taskTimeoutSeconds: Double? = nil,
                retries: Int = PoolOptions.defaultRetries) {
        precondition(workers >= 1 && maxTasksPerWorker >= 1 && retries >= 0)
        self.workers = workers
        self.tasksInFlightPerWorker = tasksInFlightPerWorker
        self.maxTasksPerWorker = maxTasksPerWorker
        self.taskTimeoutSeconds = taskTimeoutSeconds
        self.retries = retries
    }

    /// `--workers` when given; else distpy's `ncpu` when `parallel_flag` is 1; else one worker.
    public static func workerCount(requested: Int?, config: SystemConfig) -> Int {
        requested ?? (config.parallel ? config.workerCount : 1)
    }
}
