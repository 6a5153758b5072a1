import DistSwiftIO

/// Runs one validated graph on one chunk: the unit of work of `distswift process`.
///
/// Nodes run in file order; a node's result is dropped as soon as its last reader has run (distpy keeps every
/// node's result until the chunk is done). When every command treats channels independently, the whole graph runs
/// on blocks of `boxSize` channels read one at a time from the store, so memory does not grow with the channel
/// count; writers then receive their stacked input once per chunk.
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

    /// `load(rows)` reads channels `rows` of the chunk, as `.real` (float64) or `.singleReal` (the float32 path).
    public func run(channels: Int, context: ChunkContext, load: (Range<Int>) throws -> Signal) throws -> Timing {
        var timing = Timing(seconds: [Double](repeating: 0, count: plan.nodes.count), blocks: 0)
        let blockSize = plan.channelLocal ? max(1, min(boxSize ?? channels, channels)) : channels
        let writers = plan.nodes.filter { $0.command is any WriterCommand }
        var writerInputs: [Int: [[Signal]]] = [:]
        for lower in stride(from: 0, to: max(channels, 1), by: blockSize) {
            let rows = lower..<min(lower + blockSize, channels)
            let chunk = try load(rows)
            let blockContext = blockSize == channels ? context : context.block(rows)
            let collected = try runNodes(chunk: chunk, context: blockContext, timing: &timing,
                                         deferWriters: blockSize < channels)
            for (index, inputs) in collected { writerInputs[index, default: []].append(inputs) }
            timing.blocks += 1
        }
        if blockSize < channels {
            for node in writers {
                guard let blocks = writerInputs[node.index], let writer = node.command as? any WriterCommand else {
                    continue
                }
                let stacked = (0..<blocks[0].count).map { i in Signal.stacking(blocks.map { $0[i] }) }
                let start = ContinuousClock.now
                try withCommandContext(node) { try writer.write(stacked, context: context) }
                timing.seconds[node.index] += (ContinuousClock.now - start).seconds
            }
        }
        return timing
    }

    /// Runs every node once on `chunk`; returns writers' inputs instead of writing when `deferWriters`.
    private func runNodes(chunk: Signal, context: ChunkContext, timing: inout Timing, deferWriters: Bool) throws
        -> [Int: [Signal]]
    {
        let lastReader = plan.lastReader
        var results = [Signal?](repeating: nil, count: plan.nodes.count)
        var deferred: [Int: [Signal]] = [:]
        for node in plan.nodes {
            let acceptsPacked = node.command.acceptsPackedSignals
            let inputs = node.inputs.map { input -> Signal in
                let signal: Signal
                switch input {
                case .chunk: signal = chunk
                case .node(let i): signal = results[i]!
                }
                return acceptsPacked ? signal : signal.canonical()
            }
            let start = ContinuousClock.now
            if let writer = node.command as? any WriterCommand {
                if deferWriters {
                    deferred[node.index] = inputs
                } else {
                    try withCommandContext(node) { try writer.write(inputs, context: context) }
                }
            }
            let output = try withCommandContext(node) { try node.command.execute(inputs, context: context) }
            timing.seconds[node.index] += (ContinuousClock.now - start).seconds
            if lastReader[node.index] != nil { results[node.index] = output }
            for case .node(let i) in node.inputs where lastReader[i] == node.index { results[i] = nil }
        }
        return deferred
    }

    private func withCommandContext<R>(_ node: GraphPlan.Node, _ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch let error as CommandError {
            throw CommandError("command_list[uid \(node.uid)] \(error.command)", error.problem)
        } catch {
            throw CommandError("command_list[uid \(node.uid)] \(node.name)", "\(error)")
        }
    }
}

extension Duration {
    var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) * 1e-18
    }
}
