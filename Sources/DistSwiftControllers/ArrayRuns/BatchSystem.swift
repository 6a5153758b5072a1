import DistSwiftIO

/// A batch system that runs job arrays: what `ArrayRunEngine` needs of it to submit an array run, follow it and
/// report on it, and what an array task needs to know who it is. Slurm (`Slurm/SlurmBatchSystem`) is one; a second
/// (Kubernetes indexed Jobs, PBS job arrays) is one folder beside it conforming to this, plus its entry in
/// `BatchSystems.all` and its options in the CLI. Everything else (manifests, array tasks, records, the report,
/// `distswift status`) is shared.
public protocol BatchSystem: Sendable {
    /// The `--engine` value, the folder of its runs (`.distswift/NAME`) and the report's "NAME job …".
    static var name: String { get }
    /// Its name in sentences ("Slurm").
    static var displayName: String { get }
    /// The command people run to stop jobs, e.g. "scancel 12 13".
    static func cancelCommand(_ jobIDs: [String]) -> String
    /// What is asked about the queue, for messages when asking fails (e.g. "squeue").
    static var queueCommand: String { get }
    /// The log file, in the run's logs folder, of array index `index` of submission `jobID`.
    static func logFileName(jobID: String, index: Int) -> String
    /// Who runs an array task, from the environment the batch system starts it in.
    static func arrayTaskIdentity(environment: [String: String]) -> ArrayTaskIdentity

    /// Throws the message a user needs when the batch system cannot be used from here.
    func requireAvailable() throws
    /// The most array tasks one submission may have.
    func maxArraySize() async throws -> Int
    /// Submits part `number` of the run `manifest` describes (its array index i runs slot `part.firstSlot + i` with
    /// `executable`); throws `BatchRejection` when the batch system refuses it.
    func submit(_ part: ArrayPlan.Part, number: Int, of manifest: ArrayRunManifest, executable: String,
                in location: any StorageLocation) async throws -> ArrayRunManifest.Submission
    /// Cancels submitted jobs (best effort: a run that could not be submitted whole is taken back).
    func cancel(_ jobIDs: [String]) async
    /// Where the jobs stand.
    func poll(_ jobIDs: [String]) async -> BatchQueueState
    /// Why the queue cannot be asked from here, nil when it can (`distswift status` then says so instead).
    var queueUnavailableReason: String? { get }
}
