import DistSwiftIO
import Foundation

/// `graph`: runs another graph file as one command — a macro. Its node 0 is this command's input, its output is the
/// output of its last command. The file is validated with the graph that uses it (path relative to that graph's
/// folder; a graph that includes itself, directly or not, is refused).
public struct SubgraphCommand: Command {
    public static let name = "graph"
    public static let summary = "run another graph file as one command (its node 0 is this command's input)"
    public static let details = """
        The included graph is validated with the outer one and its problems are reported with both paths. Its
        input is treated as a time series; its commands' outputs (directory_out) go under the same results location.
        """
    public static let parameters = [
        ParameterSpec("file", .string, default: nil, "graph JSON file, relative to this graph's folder")
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    public let plan: GraphPlan

    public init(_ p: ParameterValues) throws {
        throw ParameterProblem("file", "a graph command is built by the validator, which loads the file")
    }

    init(plan: GraphPlan) {
        self.plan = plan
    }

    /// Runs on the chunk as given (per chunk along time); channel blocks only when every included command treats
    /// channels on its own.
    public var channelContext: ChannelContext {
        plan.nodes.allSatisfy { $0.command.channelContext == .local } ? .local : .wholeFibre
    }
    public var outputFolders: [String] { plan.nodes.flatMap { $0.command.outputFolders } }

    /// Windowed as a whole when every included command is (its halo is the included plan's), so a filter inside a
    /// macro is as continuous across chunks as one outside; per chunk as soon as one included command is.
    public func timeContext(_ input: Axes) -> TimeContext {
        guard !plan.nodes.isEmpty, plan.windowed.allSatisfy({ $0 }) else { return .perChunk }
        return .window(AxisContext(before: plan.timeHalo.before, after: plan.timeHalo.after))
    }

    /// A running total across chunks (`integrate` along time) needs the totals pass that `process` runs for the
    /// top-level graph's nodes only: inside an included graph it would silently restart at every chunk.
    public func check(_ context: GraphContext) -> [ParameterProblem] {
        guard let inner = plan.runningTotalNodes.first else { return [] }
        return [ParameterProblem("file", "includes \(inner.name) (uid \(inner.uid)), a running total across chunks, "
                                 + "which runs only in the top-level graph",
                                 fix: "move it into the graph that includes this file, or set \"zero_at\": "
                                 + "\"chunk\" on it")]
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { plan.nodes.last?.outputKind ?? inputs[0] }

    public func outputAxes(_ inputs: [Axes]) -> Axes {
        var results: [Axes] = []
        for node in plan.nodes {
            let axes = node.inputs.map { input -> Axes in
                if case .node(let i) = input { return results[i] }
                return inputs[0]
            }
            var output = node.command.outputAxes(axes)
            output.history.append(node.historyEntry)
            results.append(output)
        }
        return results.last ?? inputs[0]
    }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        var results: [DataArray] = []
        let input = DataArray(inputs[0], axes: context.inputAxes.first ?? plan.chunkAxes
            ?? Axes(rows: .labelled(.distance, []), columns: .labelled(.time, [])))
        for node in plan.nodes {
            let nodeInputs = node.inputs.map { source -> DataArray in
                if case .node(let i) = source { return results[i] }
                return input
            }
            let nodeContext = context.receiving(nodeInputs.map(\.axes))
            let values = nodeInputs.map { node.command.acceptsPackedSignals ? $0.values : $0.values.canonical() }
            if let writer = node.command as? any WriterCommand { try writer.write(values, context: nodeContext) }
            var axes = node.command.outputAxes(nodeInputs.map(\.axes))
            axes.history.append(node.historyEntry)
            results.append(DataArray(try node.command.execute(values, context: nodeContext), axes: axes))
        }
        return results.last?.values ?? inputs[0]
    }
}
