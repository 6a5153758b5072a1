import DistSwiftIO
import DistSwiftNative

/// `median_filter`: scipy.ndimage.median_filter(x, size=distance) — the median of a distance × distance window
/// (channels × samples), mode 'reflect'; for an even window the upper of the two middle values, as scipy.
public struct MedianFilterCommand: Command {
    public static let name = "median_filter"
    public static let summary = "median of a distance × distance window (channels × samples), scipy.ndimage"
    public static let details = """
        The window reads distance/2 samples and channels around each value from adjacent chunks and blocks, so
        chunked runs equal one long record; 'reflect' applies at the record's ends. Each window's values are
        kept sorted as it slides along time (one value out and one in per channel row of the window); 3 × 3 windows
        use sorted columns (the median of nine from three sorted triples). DASCore's median_filter (a window by
        dimension, time and/or distance) is `dascore_median_filter`: this name keeps distpy's meaning.
        """
    public static let parameters = [
        ParameterSpec("distance", .integer, default: .number(3), unit: "samples and channels", "window size"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let size: Int

    public init(_ p: ParameterValues) throws { size = try p.windowLength("distance") }

    var context: AxisContext { AxisContext(before: size / 2, after: size - 1 - size / 2) }
    public func timeContext(_ input: Axes) -> TimeContext { .window(context) }
    public var channelContext: ChannelContext { .window(context) }
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        .real(Self.median(try inputs[0].realValues(for: Self.name), size: size))
    }

    /// scipy.ndimage.median_filter(x, size) with mode 'reflect'.
    static func median(_ x: Array2D<Double>, size: Int) -> Array2D<Double> {
        Array2D(rows: x.rows, columns: x.columns,
                values: SlidingWindowKernels.median(x.values, rows: x.rows, columns: x.columns, size: size))
    }
}
