import DistSwiftCalc
import DistSwiftIO
import DistSwiftWorkers
import Foundation

/// Runs a command graph given as JSON text on one in-memory chunk, the way `distswift process` runs it on a chunk
/// of a store, and returns the output of the last command.
struct GraphHarness {
    let rate: Double
    let positions: [Double]
    let results: LocalStorage

    func plan(_ json: String, registry: CommandRegistry = .standard, file: String = "graph.json") throws -> GraphPlan {
        let document = try GraphDocument.parse(data: Data(json.utf8), file: file)
        return try GraphValidator(registry: registry).plan(document, context: GraphContext(samplingRateHz: rate,
                                                                                           channelPositions: positions))
    }

    /// The last node's output for `input`, running in channel blocks of `box` (nil: whole chunk), with the chunk
    /// read in `precision` as `distswift process` reads it.
    func run(_ json: String, input: Array2D<Double>, box: Int? = nil, precision: ComputePrecision = .float64,
             name: String = "1704067200", backend: any ComputeBackend = CPUBackend(),
             registry: CommandRegistry = .standard, reusesBuffers: Bool = true,
             fusesSpectrumBands: Bool = true) throws -> Signal {
        try runTimed(json, input: input, box: box, precision: precision, name: name, backend: backend,
                     registry: registry, reusesBuffers: reusesBuffers, fusesSpectrumBands: fusesSpectrumBands).output
    }

    /// `run`, also returning the runner's timing (with the transfers a device backend noted).
    func runTimed(_ json: String, input: Array2D<Double>, box: Int? = nil, precision: ComputePrecision = .float64,
                  name: String = "1704067200", backend: any ComputeBackend = CPUBackend(),
                  registry: CommandRegistry = .standard, reusesBuffers: Bool = true,
                  fusesSpectrumBands: Bool = true, capturing axes: (Axes?) -> Void = { _ in }) throws
        -> (output: Signal, timing: GraphRunner.Timing)
    {
        let full = try plan(json, registry: registry)
        // Capture the last node's output with a pass-through writer appended by the harness.
        let last = full.nodes.count - 1
        let capture = CaptureCommand.Box()
        let nodes = full.nodes + [GraphPlan.Node(index: last + 1, uid: 10_000, name: "capture",
                                                 command: CaptureCommand(box: capture, keepsPacked: full.precision == .float32), inputs: [.node(last)],
                                                 outputKind: full.nodes[last].outputKind, parameters: [:],
                                                 inputAxes: full.nodes[last].outputAxes.map { [$0] },
                                                 outputAxes: full.nodes[last].outputAxes)]
        let plan = GraphPlan(file: full.file, name: full.name, description: full.description, nodes: nodes,
                             chunkAxes: full.chunkAxes, precision: full.precision)
        let context = ChunkContext(samplingRateHz: rate, startTimeNs: 1_704_067_200_000_000_000, name: name,
                                   channelPositions: positions, results: results, backend: backend)
        let frame = ChunkFrame.alone(startTimeNs: context.startTimeNs, rateHz: rate, samples: input.columns,
                                     positions: positions)
        let timing = try GraphRunner(plan: plan, boxSize: box, reusesBuffers: reusesBuffers,
                                     fusesSpectrumBands: fusesSpectrumBands).run(frame: frame, context: context) { rows -> Signal in
            let block = input.rows(rows)
            switch precision {
            case .float64: return .real(block)
            case .float32: return .singleReal(Array2D(rows: block.rows, columns: block.columns,
                                                      values: block.values.map { Float($0) }))
            }
        }
        axes(capture.axes)
        return (capture.value!, timing)
    }

    /// `run`, also returning the axes the output arrived with at the end of the graph.
    func runWithAxes(_ json: String, input: Array2D<Double>, box: Int? = nil) throws -> (output: Signal, axes: Axes) {
        var axes: Axes?
        let output = try runTimed(json, input: input, box: box, capturing: { axes = $0 }).output
        return (output, axes!)
    }
}

/// A writer that keeps what it is given (the harness's probe at the end of a graph).
struct CaptureCommand: WriterCommand {
    final class Box: @unchecked Sendable {
        var value: Signal?
        var axes: Axes?
    }
    static let name = "capture"
    static let summary = "test probe"
    static let parameters: [ParameterSpec] = []
    static let accepts = Set(SignalKind.allCases)
    let box: Box
    /// True in a float32 graph: the probe keeps float32 values as they come (it takes packed signals); otherwise it
    /// sees the canonical forms, as every other command.
    var keepsPacked = false
    init(box: Box, keepsPacked: Bool = false) {
        self.box = box
        self.keepsPacked = keepsPacked
    }
    init(_ p: ParameterValues) throws { box = Box() }
    var acceptsPackedSignals: Bool { keepsPacked }
    func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    func write(_ inputs: [Signal], context: ChunkContext) throws {
        box.value = inputs[0]
        box.axes = context.inputAxes.first
    }
}
