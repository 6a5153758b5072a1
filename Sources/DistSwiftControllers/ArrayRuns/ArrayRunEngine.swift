import DistSwiftIO
import DistSwiftWorkers
import Foundation

/// A run as job arrays of a batch system (`--engine slurm`). The task list goes to the job's report location
/// (shared storage) as a manifest, the batch system gets one array task per slice of it, each running
/// `distswift array-task` on its node, and the controller follows the run by polling the queue and reading the
/// result records the array tasks write, until every task has one or the jobs have left the queue. See
/// docs/cluster.md.
public struct ArrayRunEngine: DetachableEngine {
    public let system: any BatchSystem
    public let options: ArrayRunOptions
    /// The pool each array task runs its slice with.
    public let pool: PoolOptions
    /// The `distswift` the nodes run: this one, so it must be on a path they all see.
    public let executable: String
    /// The system config, as an absolute path the nodes see.
    public let systemConfig: String

    public init(system: any BatchSystem, options: ArrayRunOptions, pool: PoolOptions, executable: String,
                systemConfig: String) {
        self.system = system
        self.options = options
        self.pool = pool
        self.executable = executable
        self.systemConfig = systemConfig
    }

    /// The batch system's `--engine` name.
    public var name: String { type(of: system).name }

    public var tasksRecordThemselves: Bool { true }

    public func run(_ selected: SelectedTasks, of job: some DistributedJob, stopRequest: StopRequest,
                    observe: @escaping @Sendable (TaskEvent) -> Void) async throws -> EngineOutcome {
        guard !selected.tasks.isEmpty else {
            return EngineOutcome(outcome: RunOutcome(taskCount: 0, fates: [:], errors: [:], attempts: [],
                                                     wasStopped: false),
                                 options: pool, engine: name)
        }
        let manifest = try await submitRun(selected, of: job)
        observe(.note(summary(of: manifest)))
        return try await follow(manifest, in: job.reportLocation, stopRequest: stopRequest, observe: observe)
    }

    public func submit(_ selected: SelectedTasks, of job: some DistributedJob) async throws -> DetachedSubmission {
        let manifest = try await submitRun(selected, of: job)
        return DetachedSubmission(jobIDs: manifest.jobIDs, tasks: selected.tasks.count,
                                  summary: summary(of: manifest)
                                      + "; `distswift status \(job.reportLocation)` reports on it")
    }

    func summary(of manifest: ArrayRunManifest) -> String {
        let arrays = manifest.submissions.map { "\($0.jobID) (\($0.slots) array task\($0.slots == 1 ? "" : "s"))" }
        return "submitted \(manifest.tasks.count) \(manifest.taskNoun) as \(name) job\(arrays.count == 1 ? "" : "s") "
            + arrays.joined(separator: ", ")
            + (manifest.tasksPerArrayTask > 1 ? ", \(manifest.tasksPerArrayTask) \(manifest.taskNoun) per array task" : "")
            + "; logs in \(manifest.logsFolder)"
    }

    /// Writes the manifest and submits the arrays; returns the manifest with the job ids. Either every part of
    /// the run is submitted or none stays queued.
    func submitRun(_ selected: SelectedTasks, of job: some DistributedJob) async throws -> ArrayRunManifest {
        let tasks = selected.tasks
        try system.requireAvailable()
        let plan = ArrayPlan(taskCount: tasks.count, maxArraySize: try await system.maxArraySize(),
                             tasksPerArrayTask: options.tasksPerArrayTask, maxParallel: options.maxParallel)
        let location = job.reportLocation
        let submittedAtNs = WallClock.nowNs
        let layout = ArrayRunLayout(engine: name, run: ArrayRunLayout.newRunName(nowNs: submittedAtNs))
        // Batch systems do not create the folder of their logs, and an array task that cannot open its log fails
        // silently.
        let logs = location.localPath(of: layout.logsFolder)
            ?? FileManager.default.currentDirectoryPath + "/distswift-\(name)-logs/" + layout.run
        do {
            try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        } catch {
            throw EngineError(problem: "cannot create the \(type(of: system).displayName) log folder \(logs): \(error)",
                              fix: "the results location must be writable (and shared with the nodes)")
        }
        var manifest = ArrayRunManifest(
            engine: name, run: layout.run, job: job.name, fingerprint: job.fingerprint, taskNoun: job.taskNoun,
            journalFingerprint: job.journalFingerprint, shard: selected.shard.description, skipped: selected.skipped,
            tasks: tasks,
            tasksPerArrayTask: plan.tasksPerArrayTask, systemConfig: systemConfig,
            spec: job.spec, pool: .init(pool), logsFolder: logs, submittedAtNs: submittedAtNs,
            submissions: [])
        try location.write(layout.manifest, bytes: try manifest.encoded())
        for (number, part) in plan.parts.enumerated() {
            do {
                manifest.submissions.append(try await system.submit(part, number: number, of: manifest,
                                                                    executable: executable, in: location))
            } catch let rejection as BatchRejection {
                await system.cancel(manifest.jobIDs)
                let cancelled = manifest.jobIDs.isEmpty ? ""
                    : " (the parts submitted before it, jobs \(manifest.jobIDs.joined(separator: ", ")), were cancelled)"
                throw EngineError(problem: "\(rejection.submitter) rejected the submission\(cancelled): \(rejection.problem)",
                                  fix: rejection.fix)
            }
            // Rewritten after every part, so that the manifest names every job that may already run.
            try location.write(layout.manifest, bytes: try manifest.encoded())
        }
        return manifest
    }

    /// Follows a submitted run until every task has a record, the jobs left the queue, or `stopRequest` (Ctrl-C,
    /// which leaves the jobs running: they do not need the controller).
    public func follow(_ manifest: ArrayRunManifest, in location: any StorageLocation, stopRequest: StopRequest,
                       observe: @escaping @Sendable (TaskEvent) -> Void) async throws -> EngineOutcome {
        var records = ArrayRunRecords(manifest: manifest)
        let pollNs = Int64(options.pollSeconds * 1e9)
        let jobs = (manifest.jobIDs.count == 1 ? "job " : "jobs ") + manifest.jobIDs.joined(separator: ", ")
        var lastNote = ""
        var goneSinceNs: Int64?
        var nextPollNs: Int64 = 0
        var lost = false
        var stopped = false
        while true {
            let now = WallClock.nowNs
            if now >= nextPollNs {
                var note = lastNote
                do {
                    for record in try records.refresh(from: location, byName: goneSinceNs != nil) {
                        Self.announce(record, rows: records.nodes, observe)
                    }
                } catch {
                    // Shared storage can fail for a moment; the records stay there for the next poll.
                    note = "cannot read the result records now, still following: \(error)"
                }
                if records.isComplete { break }
                switch await system.poll(manifest.jobIDs) {
                case .active(let states):
                    goneSinceNs = nil
                    note = "\(name) \(jobs): \(states)"
                case .gone:
                    if let since = goneSinceNs, Double(now - since) / 1e9 >= options.recordGraceSeconds {
                        lost = true
                    } else if goneSinceNs == nil {
                        goneSinceNs = now
                    }
                case .unavailable(let reason):
                    note = "\(type(of: system).queueCommand) failed, still following: \(reason)"
                }
                if lost { break }
                if note != lastNote {
                    observe(.note(note))
                    lastNote = note
                }
                nextPollNs = now + pollNs
            }
            if stopRequest.isRequested {
                stopped = true
                let keep = manifest.jobIDs.count == 1 ? "keeps" : "keep"
                let cancel = type(of: system).cancelCommand(manifest.jobIDs)
                observe(.note("stopped following; \(name) \(jobs) \(keep) running without distswift: "
                              + "`distswift status \(location)` reports on them, `\(cancel)` stops them"))
                break
            }
            observe(.tick)
            try? await Task.sleep(for: .milliseconds(min(200, max(1, pollNs / 1_000_000))))
        }
        if !stopped { try? location.write(manifest.layout.reportedMarker, bytes: []) }
        return Self.engineOutcome(records, lost: lost, stopped: stopped)
    }

    /// A record as the controller's events: a success with its successful try, or a final failure.
    static func announce(_ record: ArrayTaskRecord, rows: [String], _ observe: @Sendable (TaskEvent) -> Void) {
        let row = rows.firstIndex(of: record.node) ?? 0
        if record.status == .ok {
            let success = record.succeeded
                ?? TaskAttempt(id: record.task, attempt: 1, status: .ok, startNs: 0, endNs: 0, bytes: 0, pid: 0)
            observe(.succeeded(success.ran(by: row)))
        } else {
            let attempt = record.attempts.last ?? TaskAttempt(id: record.task, attempt: 1, status: .failed,
                                                              error: record.error, startNs: 0, endNs: 0, bytes: 0,
                                                              pid: 0)
            observe(.attemptFailed(attempt.ran(by: row), final: true))
        }
    }

    /// The run's outcome as the report takes it: one row per node.
    public static func engineOutcome(_ records: ArrayRunRecords, lost: Bool, stopped: Bool) -> EngineOutcome {
        let manifest = records.manifest
        var options = manifest.pool.options
        options.workers = max(1, records.nodes.count)
        let jobs = manifest.jobIDs
        let engine = "\(manifest.engine) job\(jobs.count == 1 ? "" : "s") \(jobs.joined(separator: ", ")) (run \(manifest.run))"
        return EngineOutcome(outcome: records.outcome(lost: lost, stopped: stopped), options: options, engine: engine,
                             nodes: records.nodes, startedAtNs: manifest.submittedAtNs,
                             endedAtNs: records.lastEndNs ?? WallClock.nowNs)
    }
}
