import DistSwiftIO
import DistSwiftNative
import DistSwiftWorkers
import Foundation
import Synchronization

/// The one controller of `ingest` and `process`: selects the run's tasks (shard, `--retry-failed`, resume), runs
/// them on its engine (the local worker pool, or a cluster) with progress, stops cleanly on Ctrl-C, and writes
/// `run.json` and `timeline.svg`.
public struct JobController: Sendable {
    public let engine: any ExecutionEngine
    public let selection: TaskSelection
    public let progress: ProgressDisplay.Style

    public init(engine: any ExecutionEngine, selection: TaskSelection, progress: ProgressDisplay.Style) {
        self.engine = engine
        self.selection = selection
        self.progress = progress
    }

    /// What a run did.
    public struct Run: Sendable {
        /// The tasks run, in their order.
        public var tasks: [String]
        public var skipped: [String]
        public var outcome: RunOutcome
        public var report: RunReport
        /// Where the report was written, or why it could not be.
        public var reportPath: String
        public var reportError: String?
        /// Tasks whose success could not be recorded (the journal could not be written): they run again next time.
        public var unrecorded: [String: String]

        public var failed: [String] { tasks.filter { outcome.fates[$0] == .failed } }
        public var succeeded: [String] { tasks.filter { outcome.fates[$0] == .ok } }
        public var wasInterrupted: Bool { outcome.wasStopped }
    }

    /// What `--detach` submitted.
    public struct Detached: Sendable {
        public var submission: DetachedSubmission?
        public var skipped: [String]
    }

    public func run(_ job: some DistributedJob) async throws -> Run {
        // One run per location: taken before the journal is read, so a second run neither redoes nor races this one.
        let lock = try RunLock.acquire(job.reportLocation, shard: selection.shard, command: "distswift \(job.name)")
        defer { lock.release() }
        let (tasks, skipped) = try select(job)
        try job.prepare()

        let display = ProgressDisplay(style: progress, total: tasks.count, noun: job.taskNoun)
        if let stale = lock.tookOverFrom {
            display.message("note: took over the lock of `\(stale.command)` (pid \(stale.process.pid), started "
                            + "\(stale.started)), which no longer runs" + lock.debrisNote)
        }
        for line in job.messages(skipped: skipped) { display.message(line) }
        let unrecorded = Mutex<[String: String]>([:])
        let stopRequest = StopRequest()
        let interrupts = InterruptWatch { stopRequest.request() }
        defer { interrupts.cancel() }
        ProcessSignals.ignoreBrokenPipes()

        let recordsSuccess = !engine.tasksRecordThemselves
        let startedAtNs = WallClock.nowNs
        let selected = SelectedTasks(tasks: tasks, skipped: skipped.count, shard: selection.shard)
        let ran = try await engine.run(selected, of: job, stopRequest: stopRequest) { event in
            switch event {
            case .succeeded(let attempt):
                if recordsSuccess {
                    do {
                        try job.recordFinished(attempt)
                    } catch {
                        unrecorded.withLock { $0[attempt.id] = "\(error)" }
                    }
                }
                display.taskSucceeded(bytes: attempt.bytes)
                if let line = job.message(finished: attempt) { display.message(line) }
            case .attemptFailed(_, let final):
                if final { display.taskFailed() }
            case .tick:
                display.tick()
            case .note(let line):
                display.message(line)
            }
        }
        // A worker killed in the middle of a task (--task-timeout, a crash, Ctrl-C) may have been renaming a file
        // into place, and no later run takes this run's lock over: its hidden temporaries go now (only those whose
        // writer no longer runs; see AbandonedWrites).
        if ran.outcome.attempts.contains(where: { [.timedOut, .crashed, .interrupted].contains($0.status) }) {
            let removed = job.reportLocation.removeAbandonedWrites()
            if !removed.isEmpty {
                display.message("removed \(removed.count) unfinished write\(removed.count == 1 ? "" : "s") of killed workers")
            }
        }
        display.finish()

        let report = RunReport(job: job.name, fingerprint: job.fingerprint, tasks: tasks, skipped: skipped.count,
                               outcome: ran.outcome, options: ran.options, shard: selection.shard,
                               startedAtNs: ran.startedAtNs ?? startedAtNs, endedAtNs: ran.endedAtNs ?? WallClock.nowNs,
                               engine: ran.engine, nodes: ran.nodes)
        var reportError: String?
        do {
            try report.write(to: job.reportLocation, shard: selection.shard)
        } catch {
            reportError = "\(error)"
        }
        return Run(tasks: tasks, skipped: skipped, outcome: ran.outcome, report: report,
                   reportPath: job.reportLocation.address(of: RunReport.fileName(shard: selection.shard)),
                   reportError: reportError, unrecorded: unrecorded.withLock { $0 })
    }

    /// `--detach`: selects the tasks as `run` does and hands them to the engine without waiting for them; nil
    /// submission when no task is left to do.
    public func submit(_ job: some DistributedJob) async throws -> Detached {
        guard let engine = engine as? any DetachableEngine else {
            throw EngineError(problem: "this engine cannot run detached", fix: "leave out --detach")
        }
        // Held while submitting only: a detached run's array tasks go on after this process ends.
        let lock = try RunLock.acquire(job.reportLocation, shard: selection.shard, command: "distswift \(job.name) --detach")
        defer { lock.release() }
        let (tasks, skipped) = try select(job)
        guard !tasks.isEmpty else { return Detached(submission: nil, skipped: skipped) }
        try job.prepare()
        let selected = SelectedTasks(tasks: tasks, skipped: skipped.count, shard: selection.shard)
        return Detached(submission: try await engine.submit(selected, of: job), skipped: skipped)
    }

    /// The tasks this run takes, in their order, and those left out because an earlier run finished them.
    private func select(_ job: some DistributedJob) throws -> (tasks: [String], skipped: [String]) {
        var tasks = selection.shard.select(try job.taskIDs())
        var skipped: [String] = []
        if selection.retryFailed {
            let failed = Set(try RunReport.failedTasks(in: job.reportLocation, shard: selection.shard, job: job.name,
                                                       fingerprint: job.fingerprint))
            tasks = tasks.filter(failed.contains)
        } else if !selection.force {
            let finished = try job.finishedEarlier(among: tasks)
            skipped = tasks.filter(finished.contains)
            tasks = tasks.filter { !finished.contains($0) }
        }
        return (tasks, skipped)
    }
}
