/// A validated graph, ready to run on chunks: nodes in file order with their inputs resolved, output kinds and
/// axes, what each command needs from neighbouring samples and channels, and for each node the last node that reads
/// it (so the engine frees results as soon as they are no longer needed).
public struct GraphPlan: Sendable {
    public enum Input: Sendable, Equatable {
        case chunk
        case node(Int)
    }

    /// Samples or channels read beyond a chunk or a channel block.
    public struct Halo: Sendable, Equatable, CustomStringConvertible {
        public var before: Int
        public var after: Int

        public init(before: Int = 0, after: Int = 0) {
            self.before = before
            self.after = after
        }

        public static let none = Halo()

        func union(_ other: Halo) -> Halo {
            Halo(before: max(before, other.before), after: max(after, other.after))
        }

        public var description: String { self == .none ? "none" : "\(before) before, \(after) after" }
    }

    public struct Node: Sendable {
        public let index: Int
        public let uid: Int
        public let name: String
        public let command: any Command
        /// in_uid first, then gather_uids in order.
        public let inputs: [Input]
        public let outputKind: SignalKind
        /// Human-readable parameters as written (for `describe` and the run report).
        public let parameters: [String: String]
        /// The axes of the inputs and the output for the store's nominal chunk (nil when validated without a rate).
        public let inputAxes: [Axes]?
        public let outputAxes: Axes?
        /// What the command needs along time for those axes (nil without a rate).
        public let timeContext: TimeContext?

        public init(index: Int, uid: Int, name: String, command: any Command, inputs: [Input],
                    outputKind: SignalKind, parameters: [String: String], inputAxes: [Axes]? = nil,
                    outputAxes: Axes? = nil, timeContext: TimeContext? = nil) {
            self.index = index
            self.uid = uid
            self.name = name
            self.command = command
            self.inputs = inputs
            self.outputKind = outputKind
            self.parameters = parameters
            self.inputAxes = inputAxes
            self.outputAxes = outputAxes
            self.timeContext = timeContext
        }

        /// The history entry this node adds to its output's axes: "butter(freq=[100, 400], type=\"bandpass\")".
        public var historyEntry: String {
            name + "(" + parameters.keys.sorted().map { "\($0)=\(parameters[$0]!)" }.joined(separator: ", ") + ")"
        }
    }

    public let file: String
    public let name: String?
    public let description: String?
    public let nodes: [Node]
    /// The axes of the chunk the graph was validated for (nil without a rate).
    public let chunkAxes: Axes?
    /// Per node: true when it runs on the chunk extended by the time halo (its command works on a window and
    /// every input comes from the chunk through such commands); false when its inputs are trimmed to the chunk.
    public let windowed: [Bool]
    /// Per node: the time halo (samples of the chunk's rate) of the data it receives, before any trim.
    public let receivedHalo: [Halo]
    /// Samples of the neighbouring chunks to read before and after each chunk.
    public let timeHalo: Halo
    /// Channels to read around each channel block (when the graph runs in blocks).
    public let channelHalo: Halo
    /// The graph's `"precision"`: float32 runs every command that declares a float32 kernel (`hasFloat32Kernel`)
    /// in single precision on float32 values; float64 (the default, distpy's) computes everything in double.
    public let precision: ComputePrecision
    /// The nodes (indices) of `LinearStateScanCommand`s that run from the state scan's filter states instead of a
    /// time halo (`usingStateScan`, for `process`); empty in every other plan.
    public let stateScanned: Set<Int>

    public init(file: String, name: String?, description: String?, nodes: [Node], chunkAxes: Axes? = nil,
                precision: ComputePrecision = .float64, stateScanned: Set<Int> = []) {
        self.file = file
        self.stateScanned = stateScanned
        self.precision = precision
        self.name = name
        self.description = description
        self.nodes = nodes
        self.chunkAxes = chunkAxes
        let contexts = ContextPlanner(nodes: nodes, chunkRateHz: chunkAxes?.columns.rateHz)
        windowed = contexts.windowed
        receivedHalo = contexts.receivedHalo
        timeHalo = contexts.timeHalo
        channelHalo = contexts.channelHalo
        need = contexts.need
    }

    /// Per node: what its output must cover around the chunk for the windowed commands downstream (base samples).
    let need: [Halo]

    /// For each node, the index of the last node that reads its output (nil: nobody does).
    public var lastReader: [Int?] {
        var last = [Int?](repeating: nil, count: nodes.count)
        for node in nodes {
            for case .node(let i) in node.inputs { last[i] = node.index }
        }
        return last
    }

    /// The index of the last node that reads the chunk (nil: none does).
    public var chunkLastReader: Int? { nodes.last { $0.inputs.contains(.chunk) }?.index }

    /// True when `node` computes in its in_uid input's buffer instead of a fresh one (`Command.worksInPlace`): it
    /// is that value's last reader and reads it only once (not also among its gather_uids), and no writer before
    /// it keeps it for the end of the chunk. The engine's decision is made at run time from the same facts (and
    /// copy-on-write keeps it safe where it is not); this is what `describe` says.
    public func reusesInput(_ node: Node) -> Bool {
        guard node.command.worksInPlace, let first = node.inputs.first,
              node.inputs.filter({ $0 == first }).count == 1 else { return false }
        let last: Int?
        switch first {
        case .chunk: last = chunkLastReader
        case .node(let i): last = lastReader[i]
        }
        guard last == node.index else { return false }
        // A writer's input (and so its output, the same value) is kept for the end of the chunk in channel blocks.
        if case .node(let i) = first, nodes[i].command is any WriterCommand { return false }
        let keptByWriter = nodes.contains { other in
            other.index < node.index && other.command is any WriterCommand && other.inputs.first == first
        }
        return !keptByWriter
    }

    /// The indices of every node that the nodes `targets` read from, directly or through others.
    public func ancestors(of targets: Set<Int>) -> Set<Int> {
        var found: Set<Int> = []
        var pending = Array(targets)
        while let index = pending.popLast() {
            for case .node(let i) in nodes[index].inputs where found.insert(i).inserted { pending.append(i) }
        }
        return found
    }

    /// The nodes whose command keeps a running total across chunks (`integrate` along time): `process` runs a
    /// totals pass for them first.
    public var runningTotalNodes: [Node] {
        nodes.filter { ($0.command as? any RunningTotalCommand)?.needsRunningTotal == true }
    }

    /// True when no command needs the whole fibre at once: the graph then runs on channel blocks of `BOX_SIZE`
    /// rows (read with `channelHalo` around them), and memory stays flat in the channel count.
    public var channelLocal: Bool { nodes.allSatisfy { $0.command.channelLocal } }

    /// True when `node` computes in single precision: a float32 graph and a command with a float32 kernel.
    public func runsInFloat32(_ node: Node) -> Bool { precision == .float32 && node.command.hasFloat32Kernel }
}

/// Works out, from what each command declares, which part of a graph runs on the halo-extended chunk and how much
/// of the neighbouring chunks and channels to read: the declared context summed along every path.
struct ContextPlanner {
    var windowed: [Bool] = []
    var receivedHalo: [GraphPlan.Halo] = []
    var timeHalo = GraphPlan.Halo.none
    var need: [GraphPlan.Halo] = []
    var channelHalo = GraphPlan.Halo.none

    /// The chunk's samples per element of a node's input `k` along time: a downsample's stride, or the rate ratio
    /// after a resample (rounded up, so a later window's halo is never short).
    static func timeStride(_ node: GraphPlan.Node, _ k: Int, chunkRateHz: Double?) -> Int {
        // A 3-D input's time is its third axis (window times): context in windows, scaled by their step.
        guard let axes = node.inputAxes?[k] else { return 1 }
        let axis = axes.third?.dimension == .time ? axes.third! : axes.columns
        guard let chunkRateHz, let rate = axis.rateHz, case .time(_, let gridRate) = axis.grid,
              gridRate != chunkRateHz else { return axis.stride }
        return max(1, Int((chunkRateHz / rate - 1e-9).rounded(.up)))
    }

    init(nodes: [GraphPlan.Node], chunkRateHz: Double? = nil) {
        // Forward: a node runs on extended data when its command declares a window and all its inputs are extended.
        for node in nodes {
            guard case .window? = node.timeContext else { windowed.append(false); continue }
            windowed.append(node.inputs.allSatisfy { input in
                if case .node(let i) = input { return windowed[i] }
                return true
            })
        }
        // Backward (consumers come after producers): what each output must cover around the chunk, in base
        // samples, is the most any windowed consumer needs.
        let (chunkNeed, need) = Self.accumulate(nodes) { node in
            guard windowed[node.index], case .window(let c)? = node.timeContext else { return nil }
            return c
        } stride: { node, k in Self.timeStride(node, k, chunkRateHz: chunkRateHz) }
        timeHalo = chunkNeed
        self.need = need
        // What arrives at a node: the halo its source carries (the chunk's, or what its producer kept), or none
        // once trimmed. A producer's output keeps the chunk halo less what its own window used up.
        var carried = [GraphPlan.Halo](repeating: .none, count: nodes.count)
        for node in nodes {
            let arriving = node.inputs.map { input -> GraphPlan.Halo in
                switch input {
                case .chunk: return chunkNeed
                case .node(let i): return carried[i]
                }
            }.reduce(GraphPlan.Halo.none) { $0.union($1) }
            receivedHalo.append(windowed[node.index] ? arriving : .none)
            if windowed[node.index] { carried[node.index] = need[node.index] }
        }
        // Channels: only matters when the graph runs in blocks (no command needs the whole fibre).
        guard nodes.allSatisfy({ $0.command.channelLocal }) else { return }
        let (blockNeed, _) = Self.accumulate(nodes) { node in
            if case .window(let c) = node.command.channelContext { return c }
            return nil
        } stride: { node, k in node.inputAxes?[k].rows.stride ?? 1 }
        channelHalo = blockNeed
    }

    /// The declared context summed along every path, from the last node back to the chunk: a node's input must
    /// cover what its output must cover plus its own window, scaled to base elements by its input's stride.
    /// Returns what the chunk must cover and what each node's output must.
    static func accumulate(_ nodes: [GraphPlan.Node], context: (GraphPlan.Node) -> AxisContext?,
                           stride: (GraphPlan.Node, Int) -> Int) -> (GraphPlan.Halo, [GraphPlan.Halo]) {
        var need = [GraphPlan.Halo](repeating: .none, count: nodes.count)
        var chunkNeed = GraphPlan.Halo.none
        for node in nodes.reversed() {
            guard let c = context(node) else { continue }
            for (k, input) in node.inputs.enumerated() {
                let s = stride(node, k)
                let required = GraphPlan.Halo(before: need[node.index].before + c.before * s,
                                              after: need[node.index].after + c.after * s)
                switch input {
                case .chunk: chunkNeed = chunkNeed.union(required)
                case .node(let i): need[i] = need[i].union(required)
                }
            }
        }
        return (chunkNeed, need)
    }
}
