/// Which IIR filters of a `process` plan run from the state scan instead of a halo.
extension GraphPlan {
    /// This plan for `process`, whose totals pass gives each `LinearStateScanCommand` along time the filter states
    /// its chunk starts from: such a node then needs no time halo (its context becomes per chunk, so its input is
    /// trimmed to the chunk's own samples and the halo upstream shrinks to what other commands need). A node keeps
    /// its halo where the scan cannot stand in for it:
    /// - a windowed command downstream needs the node's output beyond the chunk (a halo of filtered samples; the
    ///   scan gives states at the chunk's ends only) — decided from the last node back, so a chain of filters all
    ///   scan once the last of them does;
    /// - a running total (`integrate` along time) is upstream or downstream: the two totals passes would each need
    ///   the other's results first;
    /// - the plan has no rate (validated without a store).
    /// `watch` has no totals pass and keeps the plan as validated.
    public func usingStateScan() -> GraphPlan {
        guard let chunkAxes, !nodes.isEmpty else { return self }
        let totals = Set(runningTotalNodes.map(\.index))
        let besideTotals = ancestors(of: totals).union(nodes.filter { !ancestors(of: [$0.index]).isDisjoint(with: totals) }
            .map(\.index))
        var nodes = self.nodes
        var scanned: Set<Int> = []
        while true {
            let current = GraphPlan(file: file, name: name, description: description, nodes: nodes,
                                    chunkAxes: chunkAxes, precision: precision)
            let next = nodes.reversed().first { node in
                guard !scanned.contains(node.index), !besideTotals.contains(node.index),
                      let command = node.command as? any LinearStateScanCommand, command.scansTime,
                      case .window? = node.timeContext, current.windowed[node.index],
                      current.need[node.index] == .none else { return false }
                return true
            }
            guard let next else { break }
            scanned.insert(next.index)
            nodes[next.index] = GraphPlan.Node(
                index: next.index, uid: next.uid, name: next.name, command: next.command, inputs: next.inputs,
                outputKind: next.outputKind, parameters: next.parameters, inputAxes: next.inputAxes,
                outputAxes: next.outputAxes, timeContext: .perChunk)
        }
        guard !scanned.isEmpty else { return self }
        return GraphPlan(file: file, name: name, description: description, nodes: nodes, chunkAxes: chunkAxes,
                         precision: precision, stateScanned: scanned)
    }

    /// The nodes that run from the state scan, in file order.
    public var stateScanNodes: [Node] { nodes.filter { stateScanned.contains($0.index) } }
}
