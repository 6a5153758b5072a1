import DistSwiftIO

/// `extract`: one channel (axis 0: row `index`) or one sample (axis 1: column `index`) of the chunk. distpy turns
/// either into a column; here a channel stays a row along time (1 × samples, keeping its time axis) and a sample is
/// a column (channels × 1). Negative indices count from the end, as in Python.
public struct ExtractCommand: ReadNarrowingCommand {
    public static let name = "extract"
    public static let summary = "one row (axis 0: channel index) or one column (axis 1: sample index) of the input"
    public static let details = """
        axis 0 needs the whole fibre (the index is a channel of the whole chunk) and keeps the time axis; axis 1 is
        a sample of the chunk (per chunk).
        """
    public static let parameters = [
        ParameterSpec("index", .integer, default: .number(0), "row or column index (negative: from the end)"),
        ParameterSpec("axis", .axis, default: .number(1), "0: a channel (row); 1: a sample (column)"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries, .perChannel, .perSample, .spectrum]

    let index: Int
    let axis: Int

    public init(_ p: ParameterValues) throws {
        index = p.integer("index")
        axis = p.axis("axis")
    }

    public var channelContext: ChannelContext { axis == 0 ? .wholeFibre : .local }
    public func timeContext(_ input: Axes) -> TimeContext { axis == 0 ? .pointwise : .perChunk }
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { axis == 0 ? .perSample : .perChannel }

    func resolved(_ count: Int) -> Int? {
        let i = index < 0 ? count + index : index
        return (0..<count).contains(i) ? i : nil
    }

    public func outputAxes(_ inputs: [Axes]) -> Axes {
        let axes = inputs[0]
        if axis == 0 {
            let i = resolved(axes.rows.count) ?? 0
            let label = axes.rows.values.map { "channel at \(Axis.number($0[i])) m" } ?? "row \(i)"
            return axes.replacingRows(.labelled(.aggregate, [label]))
        }
        let i = resolved(axes.columns.count) ?? 0
        return axes.replacingColumns(.labelled(.statistic, ["column \(i)"]))
    }

    /// The picked row or column as a block (nil when the index is outside the input: `execute` says so).
    public func keptBlock(of input: Axes) -> KeptBlock? {
        let count = axis == 0 ? input.rows.count : input.columns.count
        guard let i = resolved(count) else { return nil }
        return axis == 0 ? KeptBlock(rows: i..<(i + 1), columns: 0..<input.columns.count)
            : KeptBlock(rows: 0..<input.rows.count, columns: i..<(i + 1))
    }

    /// The picked values in float64, as `execute` returns them.
    public func result(ofKept block: Signal, context: ChunkContext) throws -> Signal { block.canonical() }

    public var acceptsPackedSignals: Bool { true }  // picks from a float32 chunk without converting all of it

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        if case .singleReal(let a) = inputs[0] {
            let count = axis == 0 ? a.rows : a.columns
            guard let i = resolved(count) else {
                throw CommandError(Self.name, "index \(index) is outside the \(count) " + (axis == 0 ? "rows" : "columns"))
            }
            return .real(axis == 0
                ? Array2D(rows: 1, columns: a.columns, values: a.values[(i * a.columns)..<((i + 1) * a.columns)].map(Double.init))
                : Array2D(rows: a.rows, columns: 1, values: (0..<a.rows).map { Double(a.values[$0 * a.columns + i]) }))
        }
        let p = inputs[0].canonical().parts
        let count = axis == 0 ? p.rows : p.columns
        guard let i = resolved(count) else {
            throw CommandError(Self.name, "index \(index) is outside the \(count) " + (axis == 0 ? "rows" : "columns"))
        }
        let pick: ([Double]) -> [Double] = { values in
            axis == 0 ? Array(values[(i * p.columns)..<((i + 1) * p.columns)])
                : (0..<p.rows).map { values[$0 * p.columns + i] }
        }
        return Signal.from(re: pick(p.re), im: p.im.map(pick), rows: axis == 0 ? 1 : p.rows,
                           columns: axis == 0 ? p.columns : 1)
    }
}
