import DistSwiftIO
import DistSwiftNative
import DistSwiftWorkers
import Foundation
import Synchronization

/// The one controller of `ingest` and `process`: selects the run's tasks (shard, `--retry-failed`, resume), runs
/// them on the worker pool with progress, stops cleanly on Ctrl-C, and writes `run.json` and `timeline.svg`.
public struct JobController: Sendable {
    public let pool: WorkerPool
    public let selection: TaskSelection
    public let progress: ProgressDisplay.Style

    public init(pool: WorkerPool, selection: TaskSelection, progress: ProgressDisplay.Style) {
        self.pool = pool
        self.selection = selection
        self.progress = progress
    }

    /// What a run did.
    public struct Run: Sendable {
        /// The tasks run, in their order.
        public var tasks: [String]
        public var skipped: [String]
        public var outcome: PoolOutcome
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

    public func run(_ job: some PooledJob) async throws -> Run {
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
        try job.prepare()

        let display = ProgressDisplay(style: progress, total: tasks.count, noun: job.taskNoun)
        for line in job.messages(skipped: skipped) { display.message(line) }
        let unrecorded = Mutex<[String: String]>([:])
        let stopRequest = StopRequest()
        let interrupts = InterruptWatch { stopRequest.request() }
        defer { interrupts.cancel() }
        ProcessSignals.ignoreBrokenPipes()

        let startedAtNs = WallClock.nowNs
        let outcome = await pool.run(tasks, stopRequest: stopRequest) { event in
            switch event {
            case .succeeded(let result, _):
                do {
                    try job.recordFinished(result)
                } catch {
                    unrecorded.withLock { $0[result.id] = "\(error)" }
                }
                display.taskSucceeded(bytes: result.bytes)
                if let line = job.message(finished: result) { display.message(line) }
            case .attemptFailed(_, let final):
                if final { display.taskFailed() }
            case .tick:
                display.tick()
            }
        }
        display.finish()

        let report = RunReport(job: job.name, fingerprint: job.fingerprint, tasks: tasks, skipped: skipped.count, outcome: outcome,
                               options: pool.options, shard: selection.shard, startedAtNs: startedAtNs,
                               endedAtNs: WallClock.nowNs)
        let reportName = RunReport.fileName(shard: selection.shard)
        var reportError: String?
        do {
            try job.reportLocation.write(reportName, bytes: try report.encoded())
            try job.reportLocation.write(RunReport.timelineName(shard: selection.shard),
                                         bytes: Array(TimelineSVG.render(report).utf8))
        } catch {
            reportError = "\(error)"
        }
        return Run(tasks: tasks, skipped: skipped, outcome: outcome, report: report,
                   reportPath: job.reportLocation.address(of: reportName), reportError: reportError,
                   unrecorded: unrecorded.withLock { $0 })
    }
}
