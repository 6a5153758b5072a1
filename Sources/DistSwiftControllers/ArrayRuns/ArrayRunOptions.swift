/// How an array run is cut and followed, whatever the batch system: tasks per array task, how many run at once,
/// how often the queue is polled, and how long records may lag behind the queue.
public struct ArrayRunOptions: Sendable, Equatable {
    /// At most this many array tasks run at once (Slurm: sbatch --array=…%K).
    public var maxParallel: Int?
    /// Tasks per array task; nil: one, or as many as it takes to fit the batch system's largest array in one.
    public var tasksPerArrayTask: Int?
    /// Seconds between two looks at the queue and the result records while following.
    public var pollSeconds: Double
    /// How long tasks may still lack a record after the job left the queue before they count as failed: a network
    /// file system can show a new file to another machine some seconds late.
    public var recordGraceSeconds: Double

    public static let defaultPollSeconds = 5.0

    public init(maxParallel: Int? = nil, tasksPerArrayTask: Int? = nil,
                pollSeconds: Double = ArrayRunOptions.defaultPollSeconds, recordGraceSeconds: Double? = nil) {
        precondition(pollSeconds > 0 && (maxParallel ?? 1) >= 1 && (tasksPerArrayTask ?? 1) >= 1)
        self.maxParallel = maxParallel
        self.tasksPerArrayTask = tasksPerArrayTask
        self.pollSeconds = pollSeconds
        self.recordGraceSeconds = recordGraceSeconds ?? max(3 * pollSeconds, 1)
    }
}
