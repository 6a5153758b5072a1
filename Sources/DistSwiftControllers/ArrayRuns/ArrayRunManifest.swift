import DistSwiftIO
import DistSwiftWorkers
import Foundation

/// The task list of one array run, written to the job's report location before anything is submitted: array task
/// SLOT runs `tasks[SLOT × tasksPerArrayTask ..< (SLOT + 1) × tasksPerArrayTask]` with a pool of its own. It also
/// holds what the report of the run needs (job, fingerprint, options), so that `distswift status` can write the
/// report of a detached run without the command that submitted it.
public struct ArrayRunManifest: Codable, Sendable, Equatable {
    /// The pool each array task runs its slice with (the local pool's options, one process per worker).
    public struct Pool: Codable, Sendable, Equatable {
        public var workers: Int
        public var tasksInFlightPerWorker: Int?
        public var maxTasksPerWorker: Int
        public var taskTimeoutSeconds: Double?
        public var retries: Int

        public init(_ options: PoolOptions) {
            workers = options.workers
            tasksInFlightPerWorker = options.tasksInFlightPerWorker
            maxTasksPerWorker = options.maxTasksPerWorker
            taskTimeoutSeconds = options.taskTimeoutSeconds
            retries = options.retries
        }

        public var options: PoolOptions {
            PoolOptions(workers: workers, tasksInFlightPerWorker: tasksInFlightPerWorker,
                        maxTasksPerWorker: maxTasksPerWorker, taskTimeoutSeconds: taskTimeoutSeconds, retries: retries)
        }
    }

    /// One submission to the batch system: a job array whose index i is slot `firstSlot + i`.
    public struct Submission: Codable, Sendable, Equatable {
        public var jobID: String
        public var firstSlot: Int
        public var slots: Int
        /// The arguments it was submitted with, for people reading the manifest.
        public var arguments: [String]

        public init(jobID: String, firstSlot: Int, slots: Int, arguments: [String]) {
            self.jobID = jobID
            self.firstSlot = firstSlot
            self.slots = slots
            self.arguments = arguments
        }
    }

    public var engine: String
    public var run: String
    /// "ingest" or "process", with its `DistributedJob` fingerprint and what its tasks are called.
    public var job: String
    public var fingerprint: String
    public var taskNoun: String
    /// Set for jobs whose resume state is a journal: each array task journals its finished tasks under it.
    public var journalFingerprint: String?
    public var shard: String
    /// Tasks the selection left out because an earlier run finished them (for the report's totals).
    public var skipped: Int
    public var tasks: [String]
    public var tasksPerArrayTask: Int
    /// The system config the array tasks load (absolute), and the job their pool's workers serve.
    public var systemConfig: String
    public var spec: JobSpec
    public var pool: Pool
    /// Where the batch system writes the logs, as the nodes see it.
    public var logsFolder: String
    public var submittedAtNs: Int64
    public var submissions: [Submission]

    public init(engine: String, run: String, job: String, fingerprint: String, taskNoun: String,
                journalFingerprint: String?, shard: String, skipped: Int, tasks: [String], tasksPerArrayTask: Int,
                systemConfig: String, spec: JobSpec, pool: Pool, logsFolder: String, submittedAtNs: Int64,
                submissions: [Submission]) {
        precondition(tasksPerArrayTask >= 1)
        self.engine = engine
        self.run = run
        self.job = job
        self.fingerprint = fingerprint
        self.taskNoun = taskNoun
        self.journalFingerprint = journalFingerprint
        self.shard = shard
        self.skipped = skipped
        self.tasks = tasks
        self.tasksPerArrayTask = tasksPerArrayTask
        self.systemConfig = systemConfig
        self.spec = spec
        self.pool = pool
        self.logsFolder = logsFolder
        self.submittedAtNs = submittedAtNs
        self.submissions = submissions
    }

    public var layout: ArrayRunLayout { ArrayRunLayout(engine: engine, run: run) }

    public var slotCount: Int { (tasks.count + tasksPerArrayTask - 1) / tasksPerArrayTask }

    /// The positions (in `tasks`) that array task `slot` runs.
    public func positions(slot: Int) -> Range<Int> {
        let start = min(slot * tasksPerArrayTask, tasks.count)
        return start..<min(start + tasksPerArrayTask, tasks.count)
    }

    public func slot(ofPosition position: Int) -> Int { position / tasksPerArrayTask }

    /// The submission that runs `slot`, and the slot's index in that job array.
    public func submission(ofSlot slot: Int) -> (submission: Submission, index: Int)? {
        submissions.first { (slot - $0.firstSlot) >= 0 && (slot - $0.firstSlot) < $0.slots }
            .map { ($0, slot - $0.firstSlot) }
    }

    public var jobIDs: [String] { submissions.map(\.jobID) }

    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [UInt8(ascii: "\n")]
    }

    public static func load(from location: any StorageLocation, path: String) throws -> ArrayRunManifest {
        guard location.exists(path) else {
            throw StoreError(location: location.address(of: path), problem: "does not exist",
                             fix: "the array run's folder was removed or the path is not the one submitted")
        }
        do {
            return try JSONDecoder().decode(ArrayRunManifest.self, from: Data(try location.readAll(path)))
        } catch let error as DecodingError {
            throw StoreError(location: location.address(of: path), problem: "is not an array run manifest (\(error))",
                             fix: "it was written by another version of distswift; submit the run again")
        }
    }

    /// The runs of `engine` in `location`, oldest first.
    public static func runs(in location: any StorageLocation, engine: String) throws -> [String] {
        let folder = ArrayRunLayout.runsFolder(engine: engine)
        guard location.exists(folder) else { return [] }
        return try location.list(folder).filter(\.isFolder).map(\.name).sorted()
    }
}
