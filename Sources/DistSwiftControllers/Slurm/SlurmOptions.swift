/// How `--engine slurm` submits and follows a run: the usual sbatch resources, the user's own sbatch options, how
/// tasks are cut into array tasks, and how often the queue is polled.
public struct SlurmOptions: Sendable, Equatable {
    public var partition: String?
    public var account: String?
    /// sbatch's --time, per array task (e.g. "30", "2:00:00", "1-00:00:00").
    public var time: String?
    /// sbatch's --mem, per array task (e.g. "4G").
    public var memory: String?
    /// At most this many array tasks run at once (sbatch --array=…%K).
    public var maxParallel: Int?
    /// Passed to sbatch as they are, after distswift's own options (so they win).
    public var sbatchOptions: [String]
    /// Tasks per array task; nil: one, or as many as it takes to fit the cluster's MaxArraySize in one array.
    public var tasksPerArrayTask: Int?
    /// Seconds between two looks at the queue and the result records while following.
    public var pollSeconds: Double
    /// How long tasks may still lack a record after the job left the queue before they count as failed: a network
    /// file system can show a new file to another machine some seconds late.
    public var recordGraceSeconds: Double

    public static let defaultPollSeconds = 5.0

    public init(partition: String? = nil, account: String? = nil, time: String? = nil, memory: String? = nil,
                maxParallel: Int? = nil, sbatchOptions: [String] = [], tasksPerArrayTask: Int? = nil,
                pollSeconds: Double = SlurmOptions.defaultPollSeconds, recordGraceSeconds: Double? = nil) {
        precondition(pollSeconds > 0 && (maxParallel ?? 1) >= 1 && (tasksPerArrayTask ?? 1) >= 1)
        self.partition = partition
        self.account = account
        self.time = time
        self.memory = memory
        self.maxParallel = maxParallel
        self.sbatchOptions = sbatchOptions
        self.tasksPerArrayTask = tasksPerArrayTask
        self.pollSeconds = pollSeconds
        self.recordGraceSeconds = recordGraceSeconds ?? max(3 * pollSeconds, 1)
    }
}
