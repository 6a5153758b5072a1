import DistSwiftIO
import DistSwiftNative

/// `argmax`: the index of the largest value — along channels (axis 0: for every sample, the channel index, 1 ×
/// samples) or along time (axis 1: for every channel, the sample index within the chunk, channels × 1). The first
/// index wins ties, as numpy.argmax; indices are returned as numbers.
public struct ArgmaxCommand: Command {
    public static let name = "argmax"
    public static let summary = "index of the maximum along channels (axis 0) or along time (axis 1)"
    public static let details = """
        axis 0: one row of channel indices per sample (needs the whole fibre, pointwise in time); axis 1: the
        sample index of each channel's maximum in the chunk (per chunk). distpy returned 1-D arrays.
        """
    public static let parameters = [ParameterSpec("axis", .axis, default: .number(0), "0: over channels; 1: over time")]
    public static let accepts: Set<SignalKind> = [.timeSeries, .perChannel, .perSample, .spectrum2D]

    let axis: Int

    public init(_ p: ParameterValues) throws { axis = p.axis("axis") }

    public var channelContext: ChannelContext { axis == 0 ? .wholeFibre : .local }
    public func timeContext(_ input: Axes) -> TimeContext { axis == 0 ? .pointwise : .perChunk }
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { axis == 0 ? .perSample : .perChannel }
    public func outputAxes(_ inputs: [Axes]) -> Axes {
        let axes = axis == 0 ? inputs[0].replacingRows(.labelled(.aggregate, [Self.name]))
            : inputs[0].replacingColumns(.labelled(.statistic, [Self.name]))
        return axes.unitless
    }

    /// A float32 chunk is searched as it is: no float64 copy of the chunk (which a fresh process faults in) for a
    /// result of one row.
    public var acceptsPackedSignals: Bool { true }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let (best, rows, columns): ([Double], Int, Int)
        if case .singleReal(let a) = inputs[0] {
            best = AxisKernels.argmax(a.values, rows: a.rows, columns: a.columns, alongRows: axis != 0)
            (rows, columns) = (a.rows, a.columns)
        } else {
            let a = try inputs[0].canonical().realValues(for: Self.name)
            best = AxisKernels.argmax(a.values, rows: a.rows, columns: a.columns, alongRows: axis != 0)
            (rows, columns) = (a.rows, a.columns)
        }
        return .real(axis == 0 ? Array2D(rows: 1, columns: columns, values: best)
                               : Array2D(rows: rows, columns: 1, values: best))
    }
}
