import DistSwiftCalc
import DistSwiftIO
import DistSwiftNative
import Foundation
import Synchronization

/// `process`: the system config's graph on one chunk of the input store per task; outputs under the results
/// location, each written atomically by its writer command. The controller builds one too, to validate the graph
/// against the store before any worker starts and to list the tasks.
public final class ProcessJob: WorkerJob, Sendable {
    public let store: ChunkStore
    public let plan: GraphPlan
    public let results: any StorageLocation
    public let channelBlocks: ChannelBlocks
    public let fftPlanning: FFTWPlanningRigor
    /// float32 reads chunks and runs the FFT and band energies in single precision; other commands get float64.
    public let precision: ComputePrecision
    private let chunkIndex: [String: Int]
    /// Which chunks continue one another in time (where halos may be read from).
    let timeline: ChunkTimeline
    // One CPU backend for the worker's life: its FFT plans are made once per shape and reused by every chunk.
    private let cpu: CPUBackend
    /// Which backend the workers compute on; the worker makes it at its first chunk (`computeBackend`).
    public let backendSetting: BackendSetting
    // The backend this worker made (the CPU's, or CUDA's with its context and kernels), made once, then reused.
    private let madeBackend: Mutex<(any ComputeBackend)?>
    // Transfer notes already written to standard error by this worker (each once).
    private let notedTransfers: Mutex<Set<String>>
    // The folder of the totals pass's files (`runningTotalsFolder`), named once: naming it hashes every chunk of the
    // store, which each chunk task would otherwise redo (twice with both running totals and a state scan).
    let totalsFolder = Mutex<String?>(nil)
    let runner: GraphRunner

    /// Opens the store, reads the graph named by the config and validates it against the store's rate and size.
    /// `precision` nil: the precision of the store's data type (`ComputePrecision.matching`). `results`: where the
    /// outputs go instead of the config's output location (the same folder, written for a group commit).
    /// `stateScan`: IIR filters along time run from the state scan's states (`GraphPlan.usingStateScan`; the
    /// controller runs `prepareStateScan` first) instead of reading a halo — false for `watch`, which has no
    /// totals pass.
    public init(config: SystemConfig, fftPlanning: FFTWPlanningRigor = .measure, precision: ComputePrecision? = nil,
                backend: BackendSetting = BackendSetting(), registry: CommandRegistry = .standard,
                results: (any StorageLocation)? = nil, stateScan: Bool = true) throws {
        guard let graphFile = config.workflowFile else {
            throw ConfigError(file: config.file, key: "config", problem: "is missing; process needs a command graph",
                              fix: "add \"config\": \"graphs/noiselog.json\" (a file with a command_list)")
        }
        store = try ChunkStore.open(config.input, distpyDefaults: .init(config))
        let graph = try GraphDocument.load(path: graphFile)
        var context = GraphContext(samplingRateHz: store.samplingRateHz, samplesPerChunk: store.chunks.first?.samples,
                                   channelSpacingM: StoreManifest.spacing(of: store.channelPositions),
                                   channelPositions: store.channelPositions, units: store.manifest?.units ?? "")
        context.gaugeLengthM = store.manifest?.gaugeLengthM
        let validated = try GraphValidator(registry: registry).plan(graph, context: context)
        plan = stateScan ? validated.usingStateScan() : validated
        self.results = results ?? config.output
        channelBlocks = config.channelBlocks
        self.fftPlanning = fftPlanning
        self.precision = precision ?? .matching(store.dtype)
        chunkIndex = Dictionary(store.chunks.enumerated().map { ($1.file, $0) }, uniquingKeysWith: { first, _ in first })
        timeline = ChunkTimeline(chunks: store.chunks, samplingRateHz: store.samplingRateHz)
        cpu = CPUBackend(rigor: fftPlanning)
        backendSetting = backend
        madeBackend = Mutex(nil)
        notedTransfers = Mutex([])
        // Cache-sized blocks for local stores; an object store's blocks are requests (ChannelBlocks.withoutCacheSizing).
        runner = GraphRunner(plan: plan, blocks: store.location is LocalStorage ? channelBlocks
                                                 : channelBlocks.withoutCacheSizing)
    }

    /// The same job on the store as it is now (`ChunkStore.refreshed`: only the manifest log's new lines are read),
    /// keeping the validated graph, the FFT plans and the compute backend this worker made; `self` when the store
    /// has not changed. A live worker calls it when a task names a chunk it does not know yet.
    public func refreshingStore() throws -> ProcessJob {
        let now = try store.refreshed()
        return now.chunks.count == store.chunks.count && now.manifestLog == store.manifestLog
            && now.chunks.last == store.chunks.last ? self : ProcessJob(self, store: now)
    }

    private init(_ job: ProcessJob, store: ChunkStore) {
        self.store = store
        plan = job.plan
        results = job.results
        channelBlocks = job.channelBlocks
        fftPlanning = job.fftPlanning
        precision = job.precision
        chunkIndex = Dictionary(store.chunks.enumerated().map { ($1.file, $0) }, uniquingKeysWith: { first, _ in first })
        timeline = ChunkTimeline(chunks: store.chunks, samplingRateHz: store.samplingRateHz)
        cpu = job.cpu
        backendSetting = job.backendSetting
        madeBackend = Mutex(job.madeBackend.withLock { $0 })
        notedTransfers = Mutex(job.notedTransfers.withLock { $0 })
        runner = job.runner
    }

    /// How chunks are cut into channel blocks on the CPU: the config's `BOX_SIZE` rule for this job's store.
    public var blocks: ChannelBlocks { runner.blocks }

    /// Whether the store this job holds lists `chunk`.
    public func holds(_ chunk: String) -> Bool { chunkIndex[chunk] != nil }

    /// Every chunk's file name, in time order.
    public var taskIDs: [String] { store.chunks.map(\.file) }

    /// Names what decides a chunk's outputs besides the chunk itself: the bytes of the graph and of every graph it
    /// includes, the channel block size, the FFT planning and the precision. A journal entry made under another fingerprint does
    /// not count as done, so editing the graph redoes the work.
    public func fingerprint() throws -> String {
        var hash = ContentFingerprint()
        for file in Self.graphFiles(of: plan) {
            hash.add(file)
            hash.add(try Array(Data(contentsOf: URL(fileURLWithPath: file))))
        }
        hash.add("BOX_SIZE=\(channelBlocks.fingerprint)")
        hash.add("fft-planning=\(fftPlanning.rawValue)")
        hash.add("precision=\(precision.rawValue)")
        // The halo path (watch, --no-state-scan) agrees with the state scan to its halo_tolerance, not bit for
        // bit: a run of the other kind redoes the chunks. Plans without scanned filters are the same either way.
        if !plan.stateScanned.isEmpty { hash.add("iir-state-scan") }
        return hash.hex
    }

    private static func graphFiles(of plan: GraphPlan) -> [String] {
        [plan.file] + plan.nodes.flatMap { node in
            (node.command as? SubgraphCommand).map { graphFiles(of: $0.plan) } ?? []
        }
    }

    public func prepareWorker() {
        WorkerEnvironment.configureForPoolWorker()
        if fftPlanning == .measure, let wisdom = WorkerEnvironment.wisdomFolder(ProcessInfo.processInfo.environment) {
            WorkerEnvironment.importWisdom(from: wisdom)
        }
    }

    public func finishWorker() {
        if fftPlanning == .measure, let wisdom = WorkerEnvironment.wisdomFolder(ProcessInfo.processInfo.environment) {
            WorkerEnvironment.exportWisdom(to: wisdom)
        }
    }

    /// This worker's backend, made at its first chunk: the CPU's, or CUDA's (`BackendChoice.make`).
    public func computeBackend() throws -> any ComputeBackend {
        try madeBackend.withLock { made in
            if let made { return made }
            let backend = try backendSetting.choice.make(
                cpu: cpu, gpus: backendSetting.gpus, slot: Int(getpid()), workersPerGPU: backendSetting.workersPerGPU,
                environment: ProcessInfo.processInfo.environment, note: { self.note([$0]) })
            made = backend
            return backend
        }
    }

    /// Writes each line to standard error once per worker (backend choice, transfers of commands without a device
    /// kernel).
    private func note(_ lines: Set<String>) {
        let new = notedTransfers.withLock { noted in lines.subtracting(noted).sorted().filter { noted.insert($0).inserted } }
        for line in new {
            try? FileHandle.standardError.write(contentsOf: Data("distswift worker (pid \(getpid())): \(line)\n".utf8))
        }
    }

    public func perform(_ taskID: String) throws -> TaskOutcome {
        guard let index = chunkIndex[taskID] else {
            throw StoreError(location: store.location.description, problem: "has no chunk \(taskID)",
                             fix: "the store changed since the run started; run process again")
        }
        let chunk = store.chunks[index]
        var (context, frame) = try chunkSetting(at: index)
        context.segmentPosition = segmentPosition(ofChunkAt: index)
        let timing = try runner.run(frame: frame, context: context,
                                    runningTotals: try runningTotals(forChunkAt: index),
                                    stateScans: try stateScans(forChunkAt: index),
                                    load: { rows in try read(chunkAt: index, channels: rows) },
                                    loadBlock: samplesReadAlone ? { rows, columns in
                                        try self.read(chunkAt: index, channels: rows, samples: columns)
                                    } : nil)
        note(timing.transfers)
        return TaskOutcome(bytes: chunk.samples * store.channelCount * store.dtype.byteWidth,
                           commandSeconds: timing.seconds)
    }

    /// What the graph runs with on chunk `index`: its context, and where it sits in its recording segment.
    func chunkSetting(at index: Int) throws -> (ChunkContext, ChunkFrame) {
        let chunk = store.chunks[index]
        let name = String(chunk.file.dropLast(4))  // "1704067200.npy" → "1704067200"
        var context = ChunkContext(samplingRateHz: store.samplingRateHz, startTimeNs: chunk.startTimeNs, name: name,
                                   channelPositions: store.channelPositions, results: results,
                                   backend: try computeBackend())
        context.gaugeLengthM = store.manifest?.gaugeLengthM
        let placement = timeline.placements[index]
        let own = placement.firstSample..<(placement.firstSample + chunk.samples)
        let frame = ChunkFrame(segmentOriginNs: placement.segmentOriginNs, rateHz: store.samplingRateHz,
                               samples: own, positions: store.channelPositions, units: store.manifest?.units ?? "")
        return (context, frame)
    }

    /// Channels `rows` of chunk `index` and the time halo the graph needs, from its neighbours in the same
    /// contiguous segment, in the job's precision; and which samples of the segment they cover.
    func read(chunkAt index: Int, channels rows: Range<Int>,
              in precision: ComputePrecision? = nil) throws -> (Signal, Range<Int>) {
        let halo = plan.timeHalo
        switch precision ?? self.precision {
        case .float32:
            let (data, read) = try store.readExtended(chunkAt: index, channels: rows, before: halo.before,
                                                      after: halo.after, timeline: timeline, as: Float.self)
            return (.singleReal(data), read)
        case .float64:
            let (data, read) = try store.readExtended(chunkAt: index, channels: rows, before: halo.before,
                                                      after: halo.after, timeline: timeline, as: Double.self)
            return (.real(data), read)
        }
    }

    /// True when a range of samples is worth reading on its own (one positioned read per channel): from local
    /// files. From an object store each would be a request, so a selection along time reads the chunk whole there
    /// (a channel range, one contiguous ranged read, is still read alone).
    var samplesReadAlone: Bool { store.location is LocalStorage }

    /// Channels `rows` and samples `samples` (from the chunk's first) of chunk `index`, nothing around them: the
    /// narrowed read of a graph whose only readers of the chunk select along time.
    func read(chunkAt index: Int, channels rows: Range<Int>, samples: Range<Int>) throws -> Signal {
        let file = try store.array(store.chunks[index])
        switch precision {
        case .float32: return .singleReal(try file.readBlock(rows: rows, columns: samples, as: Float.self))
        case .float64: return .real(try file.readBlock(rows: rows, columns: samples, as: Double.self))
        }
    }
}

/// The backend part of `ProcessSettings`, as a job holds it.
public struct BackendSetting: Sendable, Equatable {
    public var choice: BackendChoice
    public var gpus: [Int]?
    public var workersPerGPU: Int

    public init(choice: BackendChoice = .cpu, gpus: [Int]? = nil, workersPerGPU: Int = 1) {
        self.choice = choice
        self.gpus = gpus
        self.workersPerGPU = workersPerGPU
    }

    public init(_ settings: ProcessSettings) {
        self.init(choice: settings.backend, gpus: settings.gpus, workersPerGPU: settings.workersPerGPU)
    }
}
