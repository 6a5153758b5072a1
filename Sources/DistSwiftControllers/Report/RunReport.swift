import DistSwiftIO
import DistSwiftWorkers
import Foundation

/// `run.json`: what one run of a job did — every task with its worker, process, tries, times, size, status and
/// error; every try (a task tried three times has three); totals, throughput and each worker's utilisation. The
/// tries are the run's `TaskAttempt`s as such; their times relative to the run's start (`start`, `end`, in seconds)
/// are derived when the report is encoded. `--retry-failed` reads it back to find the failed tasks.
public struct RunReport: Encodable, Sendable {
    /// A task's row: how it ended, with its last try.
    public struct Task: Sendable, Equatable {
        public var id: String
        public var status: TaskFate
        /// Tries made (1 when the first succeeded).
        public var attempts: Int
        /// Bytes read by its successful try, 0 when it did not succeed.
        public var bytes: Int
        public var error: String?
        /// The last try; nil for a task stopped before it started.
        public var last: TaskAttempt?
    }

    public struct Worker: Codable, Sendable, Equatable {
        public var worker: Int
        /// Every process that served the slot (a crashed, timed-out or recycled worker is replaced).
        public var pids: [Int32]
        public var tasks: Int
        public var busySeconds: Double
        /// Busy time over the run's wall time.
        public var utilisation: Double
    }

    public struct Totals: Codable, Sendable, Equatable {
        /// Tasks this run was given (after the shard, --retry-failed and resume).
        public var tasks: Int
        public var ok: Int
        public var failed: Int
        public var interrupted: Int
        /// Tasks an earlier run had finished, not run again.
        public var skipped: Int
        public var attempts: Int
        public var retries: Int
        public var bytes: Int
        public var seconds: Double
        public var megabytesPerSecond: Double
        public var tasksPerSecond: Double
    }

    public var job: String
    /// The job's fingerprint (graph and options; see `DistributedJob.fingerprint`).
    public var fingerprint: String
    public var version: String
    public var startedAt: String
    public var startedAtNs: Int64
    public var workers: Int
    /// `--batch`, or "auto" for the automatic rule.
    public var tasksInFlightPerWorker: String
    public var maxTasksPerWorker: Int
    public var taskTimeoutSeconds: Double?
    public var retries: Int
    public var shard: String
    /// What ran the tasks: "local" (the worker pool) or e.g. "slurm job 1234"; nil in reports from before engines.
    public var engine: String?
    /// For a cluster run, the nodes that ran tasks: `worker` (in tasks, attempts and utilisation) indexes this list,
    /// and a node that ran several array tasks at once can be busy more than 100 % of the time. nil for the pool.
    public var nodes: [String]?
    public var totals: Totals
    public var workerUtilisation: [Worker]
    public var tasks: [Task]
    public var attempts: [TaskAttempt]

    /// Seconds from the run's start to `ns`.
    public func secondsSinceStart(_ ns: Int64) -> Double { Double(ns - startedAtNs) / 1e9 }

    public static func fileName(shard: Shard) -> String {
        shard == .all ? "run.json" : "run-shard-\(shard.index)-of-\(shard.count).json"
    }

    public static func timelineName(shard: Shard) -> String {
        shard == .all ? "timeline.svg" : "timeline-shard-\(shard.index)-of-\(shard.count).svg"
    }

    /// Builds the report of a pool run over `tasks` (in their run order).
    public init(job: String, fingerprint: String, tasks ids: [String], skipped: Int, outcome: RunOutcome, options: PoolOptions,
                shard: Shard, startedAtNs: Int64, endedAtNs: Int64, engine: String = "local", nodes: [String]? = nil) {
        self.job = job
        self.fingerprint = fingerprint
        version = DistSwiftVersion.current
        startedAt = UTCTime.iso8601(startedAtNs)
        self.startedAtNs = startedAtNs
        workers = options.workers
        tasksInFlightPerWorker = options.tasksInFlightPerWorker.map(String.init) ?? "auto"
        maxTasksPerWorker = options.maxTasksPerWorker
        taskTimeoutSeconds = options.taskTimeoutSeconds
        retries = options.retries
        self.shard = shard.description
        self.engine = engine
        self.nodes = nodes
        let attempts = outcome.attempts
        self.attempts = attempts
        let lastAttempt = Dictionary(outcome.attempts.map { ($0.id, $0) }, uniquingKeysWith: { _, later in later })
        let tryCounts = Dictionary(outcome.attempts.map { ($0.id, 1) }, uniquingKeysWith: +)
        let tasks = ids.map { id in
            let last = lastAttempt[id]
            let fate = outcome.fates[id] ?? .interrupted
            return Task(id: id, status: fate, attempts: tryCounts[id] ?? 0, bytes: fate == .ok ? last?.bytes ?? 0 : 0,
                        error: fate == .ok ? nil : outcome.errors[id] ?? (fate == .interrupted ? "stopped by Ctrl-C" : nil),
                        last: last)
        }
        self.tasks = tasks
        let wall = max(Double(endedAtNs - startedAtNs) / 1e9, 1e-9)
        let bytes = tasks.reduce(0) { $0 + $1.bytes }
        let ok = tasks.filter { $0.status == .ok }.count
        totals = Totals(tasks: ids.count, ok: ok, failed: tasks.filter { $0.status == .failed }.count,
                        interrupted: tasks.filter { $0.status == .interrupted }.count, skipped: skipped,
                        attempts: attempts.count, retries: max(0, attempts.count - tryCounts.count),
                        bytes: bytes, seconds: wall, megabytesPerSecond: Double(bytes) / 1e6 / wall,
                        tasksPerSecond: Double(ok) / wall)
        let slots = Set(attempts.map { $0.worker ?? 0 }).sorted()
        workerUtilisation = slots.map { slot in
            let mine = attempts.filter { ($0.worker ?? 0) == slot }
            var pids: [Int32] = []
            for a in mine where !pids.contains(a.pid) { pids.append(a.pid) }
            let busy = mine.reduce(0) { $0 + $1.seconds }
            return Worker(worker: slot, pids: pids, tasks: mine.filter { $0.status == .ok }.count, busySeconds: busy,
                          utilisation: busy / wall)
        }
    }

    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [UInt8(ascii: "\n")]
    }

    /// Writes `run.json` and `timeline.svg` (with the shard's names) into `location`, each atomically.
    public func write(to location: any StorageLocation, shard: Shard) throws {
        try location.write(Self.fileName(shard: shard), bytes: try encoded())
        try location.write(Self.timelineName(shard: shard), bytes: Array(TimelineSVG.render(self).utf8))
    }


    /// The tasks of the last run that failed for good, read for `--retry-failed`; refused when that run was of
    /// another job, graph or options (two graphs may share a results location).
    public static func failedTasks(in location: any StorageLocation, shard: Shard, job: String, fingerprint: String)
        throws -> [String]
    {
        let path = fileName(shard: shard)
        guard location.exists(path) else {
            throw StoreError(location: location.address(of: path), problem: "does not exist: there is no last run to retry",
                             fix: "run without --retry-failed")
        }
        let report = try JSONDecoder().decode(RunReportHeadline.self, from: Data(try location.readAll(path)))
        guard report.job == job && report.fingerprint == fingerprint else {
            throw StoreError(location: location.address(of: path),
                             problem: "is the report of another run (\(report.job) with fingerprint \(report.fingerprint), "
                                 + "this is \(job) with \(fingerprint): another graph or other options)",
                             fix: "run without --retry-failed; finished tasks are skipped anyway")
        }
        return report.tasks.filter { $0.status == .failed }.map(\.id)
    }
}
