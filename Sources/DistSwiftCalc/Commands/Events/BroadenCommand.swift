import DistSwiftIO
import DistSwiftNative

/// `broaden`: forward running maximum along time, y(t) = max x[t … t+w−1] (distpy's `extra_numpy.broaden`), which
/// widens peaks so that events picked on neighbouring channels overlap. O(n log w) by doubling, in SIMD lanes.
public struct BroadenCommand: Command {
    public static let name = "broaden"
    public static let summary = "forward running maximum along time over window_length samples"
    public static let details = """
        y(t) = max(x[t … t+w−1]). The window reads w−1 samples of the next chunk, so chunked runs equal one long
        record; at the end of a record it holds the samples that exist (as distpy's truncation).
        """
    public static let parameters = [
        ParameterSpec("window_length", .integer, default: .number(50), unit: "samples", "window length w")
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let window: Int

    public init(_ p: ParameterValues) throws {
        window = try p.windowLength("window_length")
    }

    public func timeContext(_ input: Axes) -> TimeContext { .window(AxisContext(after: window - 1)) }
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let a = try inputs[0].windowRows(for: Self.name)
        if context.singlePrecision {
            return .singleReal(Array2D(rows: a.rows, columns: a.columns, values: SlidingWindowKernels.extrema(
                a.values, rows: a.rows, columns: a.columns, lower: 0, upper: window - 1, largest: true,
                as: Float.self)))
        }
        return .real(Array2D(rows: a.rows, columns: a.columns, values: SlidingWindowKernels.extrema(
            a.values, rows: a.rows, columns: a.columns, lower: 0, upper: window - 1, largest: true)))
    }

    public var acceptsPackedSignals: Bool { true }  // reads a float32 chunk directly (`windowRows`)
    /// In a float32 graph it writes float32: a maximum is one of the inputs, so exactly the float64 path's values.
    public var hasFloat32Kernel: Bool { true }
}
