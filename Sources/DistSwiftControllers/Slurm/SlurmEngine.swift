import DistSwiftIO
import DistSwiftWorkers
import Foundation

/// `--engine slurm`: a run as Slurm job arrays. The task list goes to the job's report location (shared storage)
/// as a manifest, `sbatch --array` submits one array task per slice of it, each running `distswift array-task` on
/// its node, and the controller follows the run by polling `squeue` and reading the result records the array tasks
/// write, until every task has one or the jobs have left the queue. See docs/cluster.md.
public struct SlurmEngine: DetachableEngine {
    public static let name = "slurm"

    public let options: SlurmOptions
    /// The pool each array task runs its slice with.
    public let pool: PoolOptions
    /// The `distswift` the nodes run: this one, so it must be on a path they all see.
    public let executable: String
    /// The system config, as an absolute path the nodes see.
    public let systemConfig: String
    public let slurm: SlurmClient

    public init(options: SlurmOptions, pool: PoolOptions, executable: String, systemConfig: String,
                slurm: SlurmClient = SlurmClient()) {
        self.options = options
        self.pool = pool
        self.executable = executable
        self.systemConfig = systemConfig
        self.slurm = slurm
    }

    public var tasksRecordThemselves: Bool { true }

    public func run(_ selected: SelectedTasks, of job: some DistributedJob, stopRequest: StopRequest,
                    observe: @escaping @Sendable (TaskEvent) -> Void) async throws -> EngineOutcome {
        guard !selected.tasks.isEmpty else {
            return EngineOutcome(outcome: RunOutcome(taskCount: 0, fates: [:], errors: [:], attempts: [],
                                                     wasStopped: false),
                                 options: pool, engine: Self.name)
        }
        let manifest = try await submitRun(selected, of: job)
        observe(.note(Self.summary(of: manifest, location: job.reportLocation)))
        return try await follow(manifest, in: job.reportLocation, stopRequest: stopRequest, observe: observe)
    }

    public func submit(_ selected: SelectedTasks, of job: some DistributedJob) async throws -> DetachedSubmission {
        let manifest = try await submitRun(selected, of: job)
        return DetachedSubmission(jobIDs: manifest.jobIDs, tasks: selected.tasks.count,
                                  summary: Self.summary(of: manifest, location: job.reportLocation)
                                      + "; `distswift status \(job.reportLocation)` reports on it")
    }

    static func summary(of manifest: ArrayRunManifest, location: any StorageLocation) -> String {
        let arrays = manifest.submissions.map { "\($0.jobID) (\($0.slots) array task\($0.slots == 1 ? "" : "s"))" }
        return "submitted \(manifest.tasks.count) \(manifest.taskNoun) as slurm job\(arrays.count == 1 ? "" : "s") "
            + arrays.joined(separator: ", ")
            + (manifest.tasksPerArrayTask > 1 ? ", \(manifest.tasksPerArrayTask) \(manifest.taskNoun) per array task" : "")
            + "; logs in \(manifest.logsFolder)"
    }

    /// Writes the manifest and submits the arrays; returns the manifest with the job ids. Either every part of
    /// the run is submitted or none stays queued.
    func submitRun(_ selected: SelectedTasks, of job: some DistributedJob) async throws -> ArrayRunManifest {
        let tasks = selected.tasks
        try slurm.requireSlurm()
        let limits = try await SlurmClusterLimits.query(slurm)
        let plan = ArrayPlan(taskCount: tasks.count, maxArraySize: limits.maxArraySize,
                             tasksPerArrayTask: options.tasksPerArrayTask, maxParallel: options.maxParallel)
        let location = job.reportLocation
        let submittedAtNs = WallClock.nowNs
        let layout = ArrayRunLayout(engine: Self.name, run: ArrayRunLayout.newRunName(nowNs: submittedAtNs))
        // Slurm does not create the folder of --output, and an array task that cannot open its log fails silently.
        let logs = location.localPath(of: layout.logsFolder)
            ?? FileManager.default.currentDirectoryPath + "/distswift-slurm-logs/" + layout.run
        do {
            try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        } catch {
            throw EngineError(problem: "cannot create the Slurm log folder \(logs): \(error)",
                              fix: "the results location must be writable (and shared with the nodes)")
        }
        var manifest = ArrayRunManifest(
            engine: Self.name, run: layout.run, job: job.name, fingerprint: job.fingerprint, taskNoun: job.taskNoun,
            journalFingerprint: job.journalFingerprint, shard: selected.shard.description, skipped: selected.skipped,
            tasks: tasks,
            tasksPerArrayTask: plan.tasksPerArrayTask, systemConfig: systemConfig,
            spec: job.spec, pool: .init(pool), logsFolder: logs, submittedAtNs: submittedAtNs,
            submissions: [])
        try location.write(layout.manifest, bytes: try manifest.encoded())
        for (number, part) in plan.parts.enumerated() {
            let script = SlurmBatchScript(executable: executable, systemConfig: systemConfig, manifest: manifest,
                                          part: part, options: options)
            try location.write(layout.folder + "/submission-\(number).sh", bytes: Array(script.text.utf8))
            let output = try await slurm.run("sbatch", script.arguments, input: script.text)
            guard output.succeeded, let jobID = Self.jobID(parsable: output.standardOutput) else {
                await cancel(manifest.jobIDs)
                let cancelled = manifest.jobIDs.isEmpty ? ""
                    : " (the parts submitted before it, jobs \(manifest.jobIDs.joined(separator: ", ")), were cancelled)"
                throw EngineError(
                    problem: "sbatch rejected the submission\(cancelled): \(output.errorText)",
                    fix: "check --partition, --account, --time, --mem and --sbatch-option against the cluster "
                        + "(`sinfo`, `sacctmgr show assoc user=$USER`); the script and arguments are in "
                        + location.address(of: layout.folder))
            }
            manifest.submissions.append(.init(jobID: jobID, firstSlot: part.firstSlot, slots: part.slots,
                                              arguments: script.arguments))
            // Rewritten after every part, so that the manifest names every job that may already run.
            try location.write(layout.manifest, bytes: try manifest.encoded())
        }
        return manifest
    }

    /// sbatch --parsable prints "JOBID" or "JOBID;CLUSTER".
    public static func jobID(parsable text: String) -> String? {
        let id = text.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        return !id.isEmpty && id.allSatisfy(\.isNumber) ? id : nil
    }

    private func cancel(_ jobIDs: [String]) async {
        guard !jobIDs.isEmpty else { return }
        _ = try? await slurm.run("scancel", jobIDs)
    }

    /// Follows a submitted run until every task has a record, the jobs left the queue, or `stopRequest` (Ctrl-C,
    /// which leaves the jobs running: they do not need the controller).
    public func follow(_ manifest: ArrayRunManifest, in location: any StorageLocation, stopRequest: StopRequest,
                       observe: @escaping @Sendable (TaskEvent) -> Void) async throws -> EngineOutcome {
        var records = ArrayRunRecords(manifest: manifest)
        let queue = SlurmQueue(slurm: slurm)
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
                switch await queue.poll(manifest.jobIDs) {
                case .active(let states):
                    goneSinceNs = nil
                    note = "slurm \(jobs): \(states)"
                case .gone:
                    if let since = goneSinceNs, Double(now - since) / 1e9 >= options.recordGraceSeconds {
                        lost = true
                    } else if goneSinceNs == nil {
                        goneSinceNs = now
                    }
                case .unavailable(let reason):
                    note = "squeue failed, still following: \(reason)"
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
                let ids = manifest.jobIDs.joined(separator: " ")
                observe(.note("stopped following; slurm \(jobs) \(keep) running without distswift: "
                              + "`distswift status \(location)` reports on them, `scancel \(ids)` stops them"))
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
        let engine = "\(name) job\(jobs.count == 1 ? "" : "s") \(jobs.joined(separator: ", ")) (run \(manifest.run))"
        return EngineOutcome(outcome: records.outcome(lost: lost, stopped: stopped), options: options, engine: engine,
                             nodes: records.nodes, startedAtNs: manifest.submittedAtNs,
                             endedAtNs: records.lastEndNs ?? WallClock.nowNs)
    }
}
