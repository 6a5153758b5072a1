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

    public var channelLocal: Bool { plan.channelLocal }
    public var outputFolders: [String] { plan.nodes.flatMap { $0.command.outputFolders } }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { plan.nodes.last?.outputKind ?? inputs[0] }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        var results: [Signal] = []
        for node in plan.nodes {
            let nodeInputs = node.inputs.map { input -> Signal in
                switch input {
                case .chunk: return inputs[0]
                case .node(let i): return results[i]
                }
            }
            if let writer = node.command as? any WriterCommand { try writer.write(nodeInputs, context: context) }
            results.append(try node.command.execute(nodeInputs, context: context))
        }
        return results.last ?? inputs[0]
    }
}
