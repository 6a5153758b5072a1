import DistSwiftIO
import DistSwiftWorkers

/// What the controller needs to know of a job to run it through the pool; `ProcessRun` and `IngestRun` are the two.
/// The work itself happens in the workers, started with its `spec`.
public protocol DistributedJob: Sendable {
    /// The job's name in the report ("process", "ingest").
    var name: String { get }
    /// What its tasks are called in progress lines ("chunks", "files").
    var taskNoun: String { get }
    /// The job as its workers load it (`distswift worker --job SPEC`).
    var spec: JobSpec { get }
    /// Where `run.json` and `timeline.svg` go.
    var reportLocation: any StorageLocation { get }
    /// Names what decides the tasks' outputs (graph and options): `--retry-failed` refuses the report of another.
    var fingerprint: String { get }
    /// Every task, in a deterministic order (shards are cut from it).
    func taskIDs() throws -> [String]
    /// Tasks an earlier run finished, which a rerun skips unless forced.
    func finishedEarlier(among tasks: [String]) throws -> Set<String>
    /// Called before the first task runs (e.g. to repair a journal's torn end).
    func prepare() throws
    /// Called in the controller when a worker answered that a task succeeded, i.e. after its outputs are in place.
    func recordFinished(_ attempt: TaskAttempt) throws
    /// The line shown for a finished task, if any.
    func message(finished attempt: TaskAttempt) -> String?
    /// The lines shown for tasks skipped because an earlier run finished them.
    func messages(skipped tasks: [String]) -> [String]
    /// The fingerprint its journal records finished tasks under, for tasks that journal themselves where they run
    /// (array tasks on a cluster, each in a journal file of its own); nil for a job whose resume state is not a
    /// journal.
    var journalFingerprint: String? { get }
}

extension DistributedJob {
    public var journalFingerprint: String? { nil }
}
