import DistSwiftCalc
import DistSwiftIO

/// A `distswift watch` worker: ingests record files and runs the graph on chunks, both in one warm process, so a
/// live run needs one pool. The store grows under it: when a task names a chunk the graph's job (`ProcessJob`,
/// which holds the store's manifest) does not list, it reads the manifest log's new lines (not the whole manifest).
public final class LiveJob: WorkerJob {
    private let ingest: IngestJob
    private let stage: SystemConfig
    private let settings: LiveSettings
    private var process: ProcessJob?
    /// The graph's outputs, written for the worker's group commit (nil: results not in a local folder, each output
    /// made durable on its own).
    private let outputs: GroupCommit?
    /// The fingerprint of the first graph job this worker loaded (it covers included graphs too).
    private var firstProcessFingerprint: String?

    public init(config: SystemConfig, settings: LiveSettings) {
        // A burst of small files: one record file per group commit, not one per file (issue 21).
        ingest = IngestJob(config: config, settings: settings.ingest, batchesRecords: true)
        stage = config.processingItsOutput(graph: settings.graph)
        self.settings = settings
        outputs = (stage.output as? LocalStorage).map(GroupCommit.init)
    }

    public func prepareWorker() {
        WorkerEnvironment.configureForPoolWorker()
    }

    /// Ingest tasks are committed in groups as in `ingest`; a chunk is handed out for processing only after its
    /// file's answer came, i.e. after its group was committed. The graph's outputs too: a chunk's answer (and so
    /// its journal line) comes only once its outputs are synced and renamed into place, one sync per group.
    public var commitsInGroups: Bool { ingest.commitsInGroups || outputs != nil }

    public func commit() throws {
        do {
            try ingest.commit()
        } catch {
            outputs?.discard()
            throw error
        }
        try outputs?.commit()
    }

    public func perform(_ taskID: String) throws -> TaskOutcome {
        switch LiveTask(id: taskID) {
        case .ingest(let paths)?:
            return try performEach(paths) { try ingest.perform($0) }
        case .process(let chunks, let storeChunks, _)?:
            return try performEach(chunks) { chunk in
                // A chunk that fails leaves none of its outputs for the group's commit.
                let mark = outputs?.pendingCount ?? 0
                do {
                    return try processJob(holding: storeChunks, chunk: chunk).perform(chunk)
                } catch {
                    outputs?.rollBack(toPending: mark)
                    throw error
                }
            }
        case nil:
            throw ConfigError(file: "the worker's task", key: nil,
                              problem: "'\(taskID)' is neither an ingest nor a process task of a watch",
                              fix: "controller and worker must be the same distswift")
        }
    }

    /// Runs `body` on each item of a task. One item: its error is the task's. Several: an item that fails is left
    /// out (its writes were rolled back) and named in the outcome's note, so the others' work is committed and
    /// answered, and the controller treats the failed one as a one-item task's failure (`LiveItemFailures`).
    private func performEach(_ items: [String], _ body: (String) throws -> TaskOutcome) throws -> TaskOutcome {
        if items.count == 1 { return try body(items[0]) }
        var bytes = 0
        var failed: [LiveItemFailures.Item] = []
        for item in items {
            do {
                bytes += try body(item).bytes
            } catch {
                failed.append(.init(name: item, error: "\(error)",
                                    worthRetrying: TaskAttempt.Failure.classify(error) != .input))
            }
        }
        return TaskOutcome(bytes: bytes, note: LiveItemFailures(failed: failed).note)
    }

    /// The graph's job on a store that lists `chunk` and at least `storeChunks` chunks: the one held, or the same
    /// refreshed from the manifest's log (its new lines only), or — the first time — loaded.
    private func processJob(holding storeChunks: Int, chunk: String) throws -> ProcessJob {
        func suffices(_ job: ProcessJob) -> Bool { job.store.chunks.count >= storeChunks && job.holds(chunk) }
        if let process {
            if suffices(process) { return process }
            let refreshed = try process.refreshingStore()
            self.process = refreshed
            if suffices(refreshed) { return refreshed }
        }
        let loaded = try ProcessJob(config: stage, fftPlanning: settings.process.fftPlanning,
                                    precision: settings.process.precision, backend: BackendSetting(settings.process),
                                    results: outputs, stateScan: false)
        let fingerprint = try loaded.fingerprint()
        if let first = firstProcessFingerprint, first != fingerprint {
            throw ConfigError(file: settings.graph, key: nil,
                              problem: "(or a graph it includes) changed while the watch runs",
                              fix: "restore it, or stop the watch and start it again with the edited graph")
        }
        if firstProcessFingerprint == nil { loaded.prepareWorker() }
        firstProcessFingerprint = fingerprint
        process = loaded
        return loaded
    }
}
