import DistSwiftIO

/// How the engine hands a command its input values, given the graph's precision: the one place the float32
/// compute mode is decided, so commands only declare what they can take (`acceptsPackedSignals`,
/// `hasFloat32Kernel`).
///
/// - A command with a float32 kernel in a float32 graph gets float32 values: a float32 chunk as it is, float64
///   values narrowed (noted: the command before it had no float32 kernel).
/// - A command with a float32 kernel in a float64 graph gets a float32 chunk as it is and widens each value as it
///   reads it (one pass, the same float64 result as from a float64 copy of the chunk).
/// - Every other command gets the canonical forms unless it takes packed signals; in a float32 graph that widening
///   is noted, so a user sees which commands still compute in float64.
extension GraphPlan {
    /// `values` in the form `node` takes them, and a note when a float32 graph had to change their precision.
    func input(_ values: Signal, for node: Node) -> (Signal, note: String?) {
        let float32 = runsInFloat32(node)
        if node.command.hasFloat32Kernel {
            switch values {
            case .singleReal: return (values, nil)
            case .real(let a) where float32:
                return (.singleReal(Array2D(rows: a.rows, columns: a.columns, values: a.values.map { Float($0) })),
                        "uid \(node.uid) \(node.name): float64 input narrowed to float32 for its float32 kernel")
            default: break
            }
        }
        guard values.isPacked, !node.command.acceptsPackedSignals else { return (values, nil) }
        let widened: String? = precision == .float32 && !float32
            ? "uid \(node.uid) \(node.name): no float32 kernel; its input is widened to float64" : nil
        return (values.canonical(), widened)
    }
}
