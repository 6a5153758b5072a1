import DistSwiftCalc
import DistSwiftIO

/// A `distswift watch` worker: ingests record files and runs the graph on chunks, both in one warm process, so a
/// live run needs one pool. The store grows under it: the graph's job (`ProcessJob`, which holds the store's
/// manifest) is loaded again whenever a task names a store larger than the one it holds.
public final class LiveJob: WorkerJob {
    private let ingest: IngestJob
    private let stage: SystemConfig
    private let settings: LiveSettings
    private var process: ProcessJob?
    /// The fingerprint of the first graph job this worker loaded (it covers included graphs too).
    private var firstProcessFingerprint: String?

    public init(config: SystemConfig, settings: LiveSettings) {
        ingest = IngestJob(config: config, settings: settings.ingest)
        stage = config.processingItsOutput(graph: settings.graph)
        self.settings = settings
    }

    public func prepareWorker() {
        WorkerEnvironment.configureForPoolWorker()
    }

    /// Ingest tasks are committed in groups as in `ingest`; a chunk is handed out for processing only after its
    /// file's answer came, i.e. after its group was committed.
    public var commitsInGroups: Bool { ingest.commitsInGroups }

    public func commit() throws {
        try ingest.commit()
    }

    public func perform(_ taskID: String) throws -> TaskOutcome {
        switch LiveTask(id: taskID) {
        case .ingest(let path)?:
            return try ingest.perform(path)
        case .process(let chunk, let storeChunks, _)?:
            return try processJob(holding: storeChunks).perform(chunk)
        case nil:
            throw ConfigError(file: "the worker's task", key: nil,
                              problem: "'\(taskID)' is neither an ingest nor a process task of a watch",
                              fix: "controller and worker must be the same distswift")
        }
    }

    private func processJob(holding storeChunks: Int) throws -> ProcessJob {
        if let process, process.store.chunks.count >= storeChunks { return process }
        let loaded = try ProcessJob(config: stage, fftPlanning: settings.process.fftPlanning,
                                    precision: settings.process.precision, backend: BackendSetting(settings.process))
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
