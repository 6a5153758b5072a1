import DistSwiftIO

/// Runs one validated graph on one chunk: the unit of work of `distswift process`.
///
/// The chunk arrives extended by the time halo the plan asks for (as much of the neighbouring chunks as exists,
/// `ChunkFrame`). Commands that work on windows run on the extended data; every input of a command defined per
/// chunk (an FFT of the chunk, band energies, writers) is first trimmed to the chunk's own samples by its time
/// axis, so chunked results equal those of one monolithic record. Each value travels with its axes (`DataArray`):
/// a command sees its inputs' axes and the rate of its input, so a `downsample` before a band energy changes the
/// rate the band energy uses.
///
/// Nodes run in file order; a node's result is dropped as soon as its last reader has run (distpy keeps every
/// node's result until the chunk is done). When no command needs the whole fibre at once, the graph runs on blocks
/// of `boxSize` channels read one at a time (with the channel halo the plan asks for, trimmed off before writers),
/// so memory does not grow with the channel count; writers then receive their stacked input once per chunk.
public struct GraphRunner: Sendable {
    public let plan: GraphPlan
    /// Channels per block (`BOX_SIZE`); nil = the whole chunk at once.
    public let boxSize: Int?

    public init(plan: GraphPlan, boxSize: Int?) {
        self.plan = plan
        self.boxSize = boxSize
    }

    /// Seconds spent in each node (indexed like `plan.nodes`), summed over channel blocks.
    public struct Timing: Sendable {
        public var seconds: [Double]
        public var blocks: Int
    }

    /// The channels `load` is asked for when the block `block` runs: the block and its channel halo.
    public func rowsRead(for block: Range<Int>, channels: Int, blocked: Bool) -> Range<Int> {
        guard blocked else { return block }
        return max(0, block.lowerBound - plan.channelHalo.before)..<min(channels, block.upperBound + plan.channelHalo.after)
    }

    /// Runs on a chunk read without any halo (`load(rows)` gives channels `rows` of the frame's samples).
    public func run(frame: ChunkFrame, context: ChunkContext, load: (Range<Int>) throws -> Signal) throws -> Timing {
        try run(frame: frame, context: context) { rows in (try load(rows), frame.samples) }
    }

    /// `load(rows)` reads channels `rows` of the chunk with as much of `plan.timeHalo` as its neighbours give, as
    /// `.real` (float64) or `.singleReal` (the float32 path), and says which samples of the segment it covers.
    public func run(frame: ChunkFrame, context: ChunkContext,
                    load: (Range<Int>) throws -> (Signal, Range<Int>)) throws -> Timing {
        var frame = frame
        let channels = frame.channels
        var timing = Timing(seconds: [Double](repeating: 0, count: plan.nodes.count), blocks: 0)
        let blockSize = plan.channelLocal ? max(1, min(boxSize ?? channels, channels)) : channels
        let blocked = blockSize < channels
        let writers = plan.nodes.filter { $0.command is any WriterCommand }
        var writerInputs: [Int: [[DataArray]]] = [:]
        for lower in stride(from: 0, to: max(channels, 1), by: blockSize) {
            let block = lower..<min(lower + blockSize, channels)
            let rows = rowsRead(for: block, channels: channels, blocked: blocked)
            let (values, read) = try load(rows)
            frame.extended = read
            let chunk = DataArray(values, axes: frame.axes(channels: rows))
            let blockContext = blocked ? context.block(block) : context
            let collected = try runNodes(chunk: chunk, frame: frame, block: blocked ? block : nil,
                                         context: blockContext, timing: &timing, deferWriters: blocked)
            for (index, inputs) in collected { writerInputs[index, default: []].append(inputs) }
            timing.blocks += 1
        }
        if blocked {
            for node in writers {
                guard let blocks = writerInputs[node.index], let writer = node.command as? any WriterCommand else {
                    continue
                }
                let stacked = (0..<blocks[0].count).map { i in Self.stacking(blocks.map { $0[i] }) }
                let start = ContinuousClock.now
                try withCommandContext(node) { try writer.write(stacked.map(\.values), context: context.receiving(stacked.map(\.axes))) }
                timing.seconds[node.index] += (ContinuousClock.now - start).seconds
            }
        }
        return timing
    }

    /// Runs every node once on `chunk`; returns writers' inputs instead of writing when `deferWriters`.
    private func runNodes(chunk: DataArray, frame: ChunkFrame, block: Range<Int>?, context: ChunkContext,
                          timing: inout Timing, deferWriters: Bool) throws -> [Int: [DataArray]] {
        let lastReader = plan.lastReader
        var results = [DataArray?](repeating: nil, count: plan.nodes.count)
        var deferred: [Int: [DataArray]] = [:]
        for node in plan.nodes {
            let acceptsPacked = node.command.acceptsPackedSignals
            let isWriter = node.command is any WriterCommand
            let inputs = node.inputs.map { input -> DataArray in
                var data: DataArray
                switch input {
                case .chunk: data = chunk
                case .node(let i): data = results[i]!
                }
                if !plan.windowed[node.index] { data = data.trimmingTime(to: frame.samples) }
                if isWriter, let block { data = data.trimmingChannels(to: block) }
                if !acceptsPacked { data.values = data.values.canonical() }
                return data
            }
            let values = inputs.map(\.values)
            let nodeContext = context.receiving(inputs.map(\.axes))
            let start = ContinuousClock.now
            if let writer = node.command as? any WriterCommand {
                if deferWriters {
                    deferred[node.index] = inputs
                } else {
                    try withCommandContext(node) { try writer.write(values, context: nodeContext) }
                }
            }
            let output = try withCommandContext(node) { try node.command.execute(values, context: nodeContext) }
            timing.seconds[node.index] += (ContinuousClock.now - start).seconds
            if lastReader[node.index] != nil {
                var axes = node.command.outputAxes(inputs.map(\.axes))
                axes.history.append(node.historyEntry)
                results[node.index] = DataArray(output, axes: axes)
            }
            for case .node(let i) in node.inputs where lastReader[i] == node.index { results[i] = nil }
        }
        return deferred
    }

    /// Channel blocks of one writer input stacked back into the chunk's rows.
    static func stacking(_ blocks: [DataArray]) -> DataArray {
        var axes = blocks[0].axes
        if axes.rows.dimension == .distance { axes.rows.count = blocks.map(\.axes.rows.count).reduce(0, +) }
        return DataArray(Signal.stacking(blocks.map(\.values)), axes: axes)
    }

    private func withCommandContext<R>(_ node: GraphPlan.Node, _ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch let error as CommandError {
            throw CommandError("command_list[uid \(node.uid)] \(error.command)", error.problem, cause: error.cause)
        } catch {
            throw CommandError("command_list[uid \(node.uid)] \(node.name)", "\(error)", cause: error)
        }
    }
}

extension Duration {
    var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) * 1e-18
    }
}
