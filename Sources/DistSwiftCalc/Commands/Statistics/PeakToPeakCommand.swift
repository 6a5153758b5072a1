import DistSwiftIO
import DistSwiftNative

/// `peak_to_peak`: per channel, the largest range (max − min) inside any centred window of w samples of the chunk
/// (distpy's `extra_numpy.peak_to_peak`: `max_t(maximum_filter − minimum_filter)` with mode 'nearest').
public struct PeakToPeakCommand: Command {
    public static let name = "peak_to_peak"
    public static let summary = "largest max − min inside any window of window_length samples, one value per channel"
    public static let details = """
        A statistic of the chunk, as in distpy: windows are centred (w/2 before, the rest after) and clipped to the
        chunk, which gives the same maxima and minima as scipy's mode 'nearest'. Output channels × 1. Running maxima
        and minima by doubling (O(n log w), in SIMD lanes).
        """
    public static let parameters = [
        ParameterSpec("window_length", .integer, default: .number(200), unit: "samples", "window length w")
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let window: Int

    public init(_ p: ParameterValues) throws {
        window = try p.windowLength("window_length")
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { .perChannel }
    public func outputAxes(_ inputs: [Axes]) -> Axes { inputs[0].replacingColumns(.labelled(.statistic, [Self.name])) }

    public var acceptsPackedSignals: Bool { true }  // reads a float32 chunk directly (`windowRows`)

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let a = try inputs[0].windowRows(for: Self.name)
        let lower = -(window / 2), upper = window - 1 - window / 2
        return .real(Array2D(rows: a.rows, columns: 1, values: SlidingWindowKernels.largestRange(
            a.values, rows: a.rows, columns: a.columns, lower: lower, upper: upper)))
    }
}
