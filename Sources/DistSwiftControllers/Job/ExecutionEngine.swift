/// Where a job's tasks run. `JobController` selects the tasks, shows progress, journals and writes the report; an
/// engine only runs the tasks it is given and says how each ended. The local process pool (`WorkerPool`) is one
/// engine, job arrays on a batch system (`ArrayRunEngine` over a `BatchSystem` such as Slurm) another; more can be
/// added beside them without touching the workers, which are the same `distswift` executable everywhere.
public protocol ExecutionEngine: Sendable {
    /// Whether each task records its own success in the job's journal where it runs, so that the controller must
    /// not record it again: an engine whose tasks outlive the controller that submitted them (a batch system) does.
    var tasksRecordThemselves: Bool { get }

    /// Runs the selected tasks of `job` (in their order, as far as the engine orders anything) to their end, or
    /// until `stopRequest`, reporting to `observe` one event at a time.
    func run(_ selected: SelectedTasks, of job: some DistributedJob, stopRequest: StopRequest,
             observe: @escaping @Sendable (TaskEvent) -> Void) async throws -> EngineOutcome
}

/// An engine that can hand the tasks to a system that runs them without the controller (`--detach`).
public protocol DetachableEngine: ExecutionEngine {
    /// Submits the selected tasks and returns at once with what the user needs to follow them later.
    func submit(_ selected: SelectedTasks, of job: some DistributedJob) async throws -> DetachedSubmission
}

/// What the controller selected for a run: the tasks, in their order, and what a report needs of the selection
/// (an engine whose runs outlive the controller writes their report later itself).
public struct SelectedTasks: Sendable {
    public var tasks: [String]
    /// Tasks left out because an earlier run finished them.
    public var skipped: Int
    public var shard: Shard

    public init(tasks: [String], skipped: Int, shard: Shard) {
        self.tasks = tasks
        self.skipped = skipped
        self.shard = shard
    }
}

/// What an engine's run gave, with what the report needs to describe it.
public struct EngineOutcome: Sendable {
    public var outcome: RunOutcome
    /// The options the report shows (for a cluster: the pool each array task ran, with `workers` its nodes).
    public var options: PoolOptions
    /// "local", or e.g. "slurm job 1234".
    public var engine: String
    /// The names of the timeline's rows when they are machines (indexed like `TaskAttempt.worker`); nil when the
    /// rows are the local pool's worker slots.
    public var nodes: [String]?
    /// When the run began and ended, when the engine knows better than the controller (a cluster run began at its
    /// submission and ended with its last task); nil: the controller's own clock around `run`.
    public var startedAtNs: Int64?
    public var endedAtNs: Int64?

    public init(outcome: RunOutcome, options: PoolOptions, engine: String, nodes: [String]? = nil,
                startedAtNs: Int64? = nil, endedAtNs: Int64? = nil) {
        self.outcome = outcome
        self.options = options
        self.engine = engine
        self.nodes = nodes
        self.startedAtNs = startedAtNs
        self.endedAtNs = endedAtNs
    }
}

/// A detached submission: the batch system's job ids and where its state is kept.
public struct DetachedSubmission: Sendable {
    public var jobIDs: [String]
    public var tasks: Int
    /// One line for people: what was submitted and how to follow it.
    public var summary: String

    public init(jobIDs: [String], tasks: Int, summary: String) {
        self.jobIDs = jobIDs
        self.tasks = tasks
        self.summary = summary
    }
}
