import DistSwiftIngesters
import DistSwiftIO
import DistSwiftWorkers
import Foundation

/// `distswift status`: where the latest array run of a report location stands, whatever its batch system, from its
/// result records and the batch system's queue, for runs submitted with `--detach` or left while running. Once the run is over and nobody wrote its report
/// yet, `finish` writes it (`run.json`, `timeline.svg`; for ingest also `store.json`), as a followed run would have.
public struct ArrayRunStatus: Sendable {
    public let location: any StorageLocation
    public let records: ArrayRunRecords
    public let queue: BatchQueueState

    public var manifest: ArrayRunManifest { records.manifest }

    /// Every task has a record, or the jobs have left the queue (tasks without a record then failed).
    public var isOver: Bool { records.isComplete || queue == .gone }
    public var missing: Int { records.missing.count }
    public var wasReported: Bool { location.exists(manifest.layout.reportedMarker) }

    /// The latest run in `location` of any of `systems` (run names sort by submission time), nil when there is none.
    public static func latest(in location: any StorageLocation, systems: [any BatchSystem]) async throws
        -> ArrayRunStatus?
    {
        var latest: (run: String, system: any BatchSystem)?
        for system in systems {
            guard let run = try ArrayRunManifest.runs(in: location, engine: type(of: system).name).last else { continue }
            if latest.map({ run > $0.run }) ?? true { latest = (run, system) }
        }
        guard let (run, system) = latest else { return nil }
        let layout = ArrayRunLayout(engine: type(of: system).name, run: run)
        let manifest = try ArrayRunManifest.load(from: location, path: layout.manifest)
        var records = ArrayRunRecords(manifest: manifest)
        _ = try records.refresh(from: location)
        let queue: BatchQueueState
        if records.isComplete {
            queue = .gone
        } else if let reason = system.queueUnavailableReason {
            queue = .unavailable(reason)
        } else {
            queue = await system.poll(manifest.jobIDs)
        }
        if queue == .gone { _ = try records.refresh(from: location, byName: true) }
        return ArrayRunStatus(location: location, records: records, queue: queue)
    }

    /// The run's outcome so far, as the report counts it.
    public var outcome: EngineOutcome { ArrayRunEngine.engineOutcome(records, lost: queue == .gone, stopped: false) }

    /// The lines `distswift status` prints.
    public func lines() -> [String] {
        let m = manifest
        var counts = ["\(records.ok) ok"]
        if records.failed > 0 { counts.append("\(records.failed) failed") }
        if missing > 0 { counts.append("\(missing) " + (queue == .gone ? "without a record (failed)" : "not finished")) }
        var lines = ["\(m.engine) run \(m.run): \(m.job) of \(m.tasks.count) \(m.taskNoun) as job\(m.jobIDs.count == 1 ? "" : "s") "
                     + "\(m.jobIDs.joined(separator: ", ")), submitted \(UTCTime.iso8601(m.submittedAtNs).prefix(19))Z",
                     "\(m.tasks.count) \(m.taskNoun): " + counts.joined(separator: ", ")]
        switch queue {
        case .active(let states): lines.append("queue: \(states)")
        case .gone:
            lines.append(records.isComplete ? "over: every task has its record"
                         : "over: the jobs have left the queue; tasks without a record failed")
        case .unavailable(let reason): lines.append("queue unknown: \(reason)")
        }
        let errors = outcome.outcome.errors
        for id in m.tasks where outcome.outcome.fates[id] == .failed {
            lines.append("failed: " + (errors[id] ?? id))
        }
        lines.append("logs: \(m.logsFolder)")
        return lines
    }

    /// Writes the report of an over run that nobody reported yet (and, for ingest, assembles the store); returns
    /// the report's path, nil when there was nothing to do.
    public func finish() throws -> String? {
        guard isOver && !wasReported else { return nil }
        let ran = outcome
        let shard = Shard(parsing: manifest.shard) ?? .all
        if manifest.job == "ingest" && ran.outcome.fates.values.contains(.ok) {
            _ = try StoreAssembler.assemble(location)
        }
        let report = RunReport(job: manifest.job, fingerprint: manifest.fingerprint, tasks: manifest.tasks,
                               skipped: manifest.skipped, outcome: ran.outcome, options: ran.options, shard: shard,
                               startedAtNs: ran.startedAtNs ?? manifest.submittedAtNs,
                               endedAtNs: ran.endedAtNs ?? WallClock.nowNs, engine: ran.engine, nodes: ran.nodes)
        try report.write(to: location, shard: shard)
        try location.write(manifest.layout.reportedMarker, bytes: [])
        return location.address(of: RunReport.fileName(shard: shard))
    }
}
