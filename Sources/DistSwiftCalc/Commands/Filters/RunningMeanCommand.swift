import DistSwiftIO
import DistSwiftNative

/// `running_mean`: forward moving average of window_length samples. distpy's version works in place and returns
/// None (every consumer crashes), leaves the last N−1 samples untouched and means "along time" by axis 0 (its bug
/// #25). Here it returns the array, axis 1 is time as for every other command (the default, so distpy graphs
/// without `axis` keep their meaning), and the last samples average what exists.
public struct RunningMeanCommand: Command {
    public static let name = "running_mean"
    public static let summary = "forward moving average y(t) = mean x[t … t+N−1] along time (axis 1) or channels (axis 0)"
    public static let details = """
        O(n) for any N: direct sums up to 16 samples, prefix sums beyond. Along time the window reads N−1 samples of the next chunk (chunked equals one
        long record); at the end of a record and of the fibre it averages the samples that exist. distpy: axis 0
        meant time and the result was None (bug #25).
        """
    public static let parameters = [
        ParameterSpec("window_length", .integer, default: .number(5), unit: "samples", "window length N"),
        ParameterSpec("axis", .axis, default: .number(1), "1: along time; 0: along channels"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries, .perSample, .perChannel]

    let window: Int
    let axis: Int

    public init(_ p: ParameterValues) throws {
        window = try p.windowLength("window_length")
        axis = p.axis("axis")
    }

    public func timeContext(_ input: Axes) -> TimeContext {
        axis == 1 ? .window(AxisContext(after: window - 1)) : .pointwise
    }
    public var channelContext: ChannelContext { axis == 1 ? .local : .window(AxisContext(after: window - 1)) }
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public var acceptsPackedSignals: Bool { true }  // reads a float32 chunk directly (`windowRows`)
    /// In a float32 graph it writes float32: the float64 means rounded (half the bytes of a float64 chunk).
    public var hasFloat32Kernel: Bool { true }

    /// Along time it averages in its input's buffer when the engine hands it over (a float32 graph's chunk, or
    /// float64 values from the command before): no fresh output to fault in, which bounded it (docs/benchmarks.md).
    public var worksInPlace: Bool { axis == 1 }

    public func execute(owning inputs: inout [Signal], context: ChunkContext) throws -> Signal {
        guard axis == 1 else { return try execute(inputs, context: context) }
        if context.singlePrecision, var x = inputs[0].takeSingleReal() {
            SlidingWindowKernels.meansInPlace(&x.values, rows: x.rows, columns: x.columns, lower: 0, upper: window - 1)
            return .singleReal(x)
        }
        if !context.singlePrecision, var x = inputs[0].takeReal() {
            SlidingWindowKernels.meansInPlace(&x.values, rows: x.rows, columns: x.columns, lower: 0, upper: window - 1)
            return .real(x)
        }
        return try execute(inputs, context: context)
    }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        if axis == 1 {
            let x = try inputs[0].windowRows(for: Self.name)
            if context.singlePrecision {
                return .singleReal(Array2D(rows: x.rows, columns: x.columns, values: SlidingWindowKernels.means(
                    x.values, rows: x.rows, columns: x.columns, lower: 0, upper: window - 1, as: Float.self)))
            }
            return .real(Array2D(rows: x.rows, columns: x.columns, values: SlidingWindowKernels.means(
                x.values, rows: x.rows, columns: x.columns, lower: 0, upper: window - 1)))
        }
        let a = try inputs[0].canonical().realValues(for: Self.name)
        let means = a.transposedValues().windowMeans(lower: 0, upper: window - 1).transposedValues()
        return context.singlePrecision
            ? .singleReal(Array2D(rows: means.rows, columns: means.columns, values: means.values.map { Float($0) }))
            : .real(means)
    }
}
