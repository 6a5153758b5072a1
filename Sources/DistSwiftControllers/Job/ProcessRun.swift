import DistSwiftCalc
import DistSwiftIO
import DistSwiftNative
import DistSwiftWorkers
import Foundation

/// `distswift process` as a pooled job: the system config's graph on every chunk of the input store, one task per
/// chunk, outputs under the results location. The graph is validated against the store here, before any worker
/// starts; each finished chunk is journalled so that a rerun resumes.
public struct ProcessRun: DistributedJob {
    public let config: SystemConfig
    /// The job as the workers will load it: store, validated plan, results location.
    public let job: ProcessJob
    public let journal: RunJournal
    /// What the workers are started with: the config, the resolved settings and the fingerprint journalled under.
    public let spec: JobSpec

    /// `backend`: what each worker computes on (`--backend`, `--gpus`); not part of the fingerprint, since the
    /// backends agree to float rounding.
    /// `stateScan` false: IIR filters along time read a halo instead (`--no-state-scan`).
    public init(config: SystemConfig, fftPlanning: FFTWPlanningRigor = .measure, precision: ComputePrecision? = nil,
                shard: Shard = .all, backend: BackendSetting = BackendSetting(),
                registry: CommandRegistry = .standard, stateScan: Bool = true) throws {
        self.config = config
        job = try ProcessJob(config: config, fftPlanning: fftPlanning, precision: precision, backend: backend,
                             registry: registry, stateScan: stateScan)
        let fingerprint = try job.fingerprint()
        journal = RunJournal(location: config.output, fingerprint: fingerprint, shard: shard)
        spec = JobSpec(systemConfig: config.file,
                       work: .process(ProcessSettings(fftPlanning: job.fftPlanning, precision: job.precision,
                                                      backend: backend.choice, gpus: backend.gpus,
                                                      workersPerGPU: backend.workersPerGPU, stateScan: stateScan)),
                       fingerprint: fingerprint)
    }

    public var name: String { "process" }
    public var taskNoun: String { "chunks" }
    public var reportLocation: any StorageLocation { config.output }
    public var fingerprint: String { journal.fingerprint }
    public var journalFingerprint: String? { journal.fingerprint }

    public func taskIDs() throws -> [String] { job.taskIDs }

    public func finishedEarlier(among tasks: [String]) throws -> Set<String> { try journal.finishedTasks() }

    /// Repairs the journal, then runs the totals pass of a graph with running totals (`integrate` along time)
    /// and the state scan of its IIR filters along time, whose results every chunk's task reads (done once per
    /// graph and store; a rerun finds them). The state scan's time goes to standard error: it is part of the
    /// filters' cost.
    public func prepare() throws {
        try journal.repairTornEnd()
        try job.prepareRunningTotals()
        let seconds = try job.prepareStateScan()
        if seconds > 0 {
            let line = "distswift process: state scan of \(job.plan.stateScanNodes.count) IIR filter(s) over "
                + "\(job.store.chunks.count) chunks: \(String(format: "%.3f", seconds)) s\n"
            try? FileHandle.standardError.write(contentsOf: Data(line.utf8))
        }
    }

    public func recordFinished(_ attempt: TaskAttempt) throws { try journal.record(attempt) }

    public func message(finished attempt: TaskAttempt) -> String? { nil }

    public func messages(skipped tasks: [String]) -> [String] {
        tasks.isEmpty ? [] : ["skipped \(tasks.count) chunks already processed with this graph (--force redoes them)"]
    }

    /// Seconds per command of the graph, summed over the chunks a run processed (indexed like the plan's nodes).
    public func commandSeconds(_ run: JobController.Run) -> [Double] {
        var total = [Double](repeating: 0, count: job.plan.nodes.count)
        for attempt in run.outcome.succeeded {
            for (i, s) in (attempt.commandSeconds ?? []).enumerated() where i < total.count { total[i] += s }
        }
        return total
    }
}
