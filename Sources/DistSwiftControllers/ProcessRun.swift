import DistSwiftCalc
import DistSwiftIO
import DistSwiftNative
import DistSwiftWorkers
import Foundation

/// `distswift process`: the system config's graph on every chunk of the input store, outputs under the results
/// location. One task = one graph on one chunk; serial for now (the process pool will run the same tasks in
/// parallel). A chunk that fails is reported and the others still run.
public struct ProcessRun: Sendable {
    public struct Failure: Sendable {
        public let chunk: String
        public let error: String
    }

    public struct Report: Sendable {
        public var processed: [String] = []
        public var failures: [Failure] = []
        /// Seconds per node, summed over chunks (indexed like the plan's nodes).
        public var secondsPerNode: [Double] = []
        public var succeeded: Bool { failures.isEmpty }
    }

    public let store: ChunkStore
    public let plan: GraphPlan
    public let results: any StorageLocation
    public let boxSize: Int?
    /// FFTW planning for this run: `.measure` (default for processing) with wisdom kept between runs.
    public var fftPlanning: FFTWPlanningRigor = .measure

    /// Opens the store, reads the graph named by the config and validates it against the store's rate and size.
    public init(config: SystemConfig, registry: CommandRegistry = .standard) throws {
        guard let graphFile = config.workflowFile else {
            throw ConfigError(file: config.file, key: "config", problem: "is missing; process needs a command graph",
                              fix: "add \"config\": \"graphs/noiselog.json\" (a file with a command_list)")
        }
        store = try ChunkStore.open(config.input, distpyDefaults: .init(config))
        let graph = try GraphDocument.load(path: graphFile)
        let context = GraphContext(samplingRateHz: store.samplingRateHz, samplesPerChunk: store.chunks.first?.samples,
                                   channelSpacingM: StoreManifest.spacing(of: store.channelPositions))
        plan = try GraphValidator(registry: registry).plan(graph, context: context)
        results = config.output
        boxSize = config.boxSize
    }

    public func run(progress: (String) -> Void = { _ in }) -> Report {
        var report = Report()
        report.secondsPerNode = [Double](repeating: 0, count: plan.nodes.count)
        WorkerEnvironment.configureForPoolWorker()
        let wisdom = WorkerEnvironment.wisdomFolder(ProcessInfo.processInfo.environment)
        if let wisdom, fftPlanning == .measure { WorkerEnvironment.importWisdom(from: wisdom) }
        defer { if let wisdom, fftPlanning == .measure { WorkerEnvironment.exportWisdom(to: wisdom) } }
        // One backend for the whole run: its FFT plans are made once per shape and reused by every chunk.
        let backend = CPUBackend(rigor: fftPlanning)
        let runner = GraphRunner(plan: plan, boxSize: boxSize)
        for chunk in store.chunks {
            let name = String(chunk.file.dropLast(4))  // "1704067200.npy" → "1704067200"
            let context = ChunkContext(samplingRateHz: store.samplingRateHz, startTimeNs: chunk.startTimeNs,
                                       name: name, channelPositions: store.channelPositions, results: results,
                                       backend: backend)
            do {
                let timing = try runner.run(channels: store.channelCount, context: context) { rows in
                    try store.read(chunk, channels: rows, as: Double.self)
                }
                for (i, s) in timing.seconds.enumerated() { report.secondsPerNode[i] += s }
                report.processed.append(chunk.file)
                progress("processed \(chunk.file)")
            } catch {
                report.failures.append(Failure(chunk: chunk.file, error: "\(error)"))
                progress("failed \(chunk.file): \(error)")
            }
        }
        return report
    }
}
