import DistSwiftIO

/// `gather`: in_uid's columns followed by each gathered input's columns (numpy `hstack`). All inputs need the same
/// number of rows. distpy leaves a 1-D gathered input as a column of zeros (its bug #20); in distswift every input
/// is 2-D, so every column is written.
public struct GatherCommand: Command {
    public static let name = "gather"
    public static let summary = "columns of in_uid followed by the columns of each gather_uids input"
    public static let parameters: [ParameterSpec] = []
    public static let gather = GatherRule.required
    public static let accepts: Set<SignalKind> = [.timeSeries, .perChannel, .perSample]

    public init(_ p: ParameterValues) throws {}

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs.count > 1 ? .perChannel : inputs[0] }

    /// Columns of several inputs side by side no longer share one coordinate: they are labelled by input.
    public func outputAxes(_ inputs: [Axes]) -> Axes {
        guard inputs.count > 1 else { return inputs[0] }
        let labels = inputs.enumerated().flatMap { i, axes in (0..<axes.columns.count).map { "input \(i) column \($0)" } }
        return inputs[0].replacingColumns(.labelled(.statistic, labels))
    }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let arrays = try inputs.map { signal -> Array2D<Double> in
            guard case .real(let a) = signal else { throw CommandError(Self.name, "needs real inputs") }
            return a
        }
        let rows = arrays[0].rows
        if let bad = arrays.firstIndex(where: { $0.rows != rows }) {
            throw CommandError(Self.name, "input \(bad) has \(arrays[bad].rows) rows but in_uid has \(rows)")
        }
        let columns = arrays.map(\.columns).reduce(0, +)
        var values: [Double] = []
        values.reserveCapacity(rows * columns)
        for r in 0..<rows {
            for a in arrays { values.append(contentsOf: a.row(r)) }
        }
        return .real(Array2D(rows: rows, columns: columns, values: values))
    }
}
