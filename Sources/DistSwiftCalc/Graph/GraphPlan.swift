/// A validated graph, ready to run on chunks: nodes in file order with their inputs resolved, output kinds, and
/// for each node the last node that reads it (so the engine frees results as soon as they are no longer needed).
public struct GraphPlan: Sendable {
    public enum Input: Sendable, Equatable {
        case chunk
        case node(Int)
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

        public init(index: Int, uid: Int, name: String, command: any Command, inputs: [Input],
                    outputKind: SignalKind, parameters: [String: String]) {
            self.index = index
            self.uid = uid
            self.name = name
            self.command = command
            self.inputs = inputs
            self.outputKind = outputKind
            self.parameters = parameters
        }
    }

    public let file: String
    public let name: String?
    public let description: String?
    public let nodes: [Node]

    public init(file: String, name: String?, description: String?, nodes: [Node]) {
        self.file = file
        self.name = name
        self.description = description
        self.nodes = nodes
    }

    /// For each node, the index of the last node that reads its output (nil: nobody does).
    public var lastReader: [Int?] {
        var last = [Int?](repeating: nil, count: nodes.count)
        for node in nodes {
            for case .node(let i) in node.inputs { last[i] = node.index }
        }
        return last
    }

    /// True when every command treats channels independently: the whole graph can then run on channel blocks of
    /// `BOX_SIZE` rows, and memory stays flat in the channel count.
    public var channelLocal: Bool { nodes.allSatisfy { $0.command.channelLocal } }
}
