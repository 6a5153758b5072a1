import DistSwiftIO
import DistSwiftNative

/// `stalta`: DASCore's `patch.stalta(time=(sta, lta))` — the ratio of the trailing mean over `sta` to the trailing
/// mean over `lta` of the values as given (DASCore's definition: put `envelope` or `abs` before it, as DASCore's
/// example does). Not distpy's `sta_lta` (means of x², leading STA), which keeps its name and meaning.
public struct StaLtaDASCoreCommand: Command {
    public static let name = "stalta"
    public static let summary = "DASCore's STA/LTA: trailing mean over sta / trailing mean over lta of the input (time=[sta, lta])"
    public static let details = """
        y(t) = mean(x[t−sta+1 … t]) / mean(x[t−lta+1 … t]), windows in seconds (rounded up to whole samples as
        DASCore) or samples. DASCore averages the values as given, so feed it an envelope or abs (a signed
        input makes the ratio meaningless where the long mean crosses zero). NaN for the first lta − 1 samples of a
        record, as DASCore; elsewhere the halo (lta − 1 samples before) gives whole windows, so chunked runs equal
        one long record. Dimensionless. distpy's `sta_lta` (x², leading STA, trailing LTA) is a different command.
        """
    public static let parameters = [
        DimensionKeyword.timeExtentParameter("[sta, lta]: the short and long window lengths (DASCore's stalta(time=(sta, lta)))",
                                   list: true),
        DimensionKeyword.samplesParameter,
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let short: TimeExtent
    let long: TimeExtent

    public init(_ p: ParameterValues) throws {
        let windows = p.numbers("time")
        guard windows.count == 2 else {
            throw ParameterProblem("time", "has \(windows.count) value(s) but needs two: [sta, lta]",
                                   fix: "give the short and long windows, e.g. \"time\": [0.01, 0.1]")
        }
        short = try TimeExtent(windows[0], inSamples: p.flag("samples"), parameter: "time")
        long = try TimeExtent(windows[1], inSamples: p.flag("samples"), parameter: "time")
        guard windows[1] > windows[0] else {
            throw ParameterProblem("time", "has lta \(windows[1]) not longer than sta \(windows[0])",
                                   fix: "make the long-term window longer than the short one (DASCore suggests 5×)")
        }
    }

    func lengths(_ axes: Axes) -> (short: Int, long: Int) {
        let rate = RollingWindow.rate(axes)
        return (short.samples(rateHz: rate), long.samples(rateHz: rate))
    }

    public func timeContext(_ input: Axes) -> TimeContext { .window(AxisContext(before: lengths(input).long - 1)) }
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public func outputAxes(_ inputs: [Axes]) -> Axes { inputs[0].unitless }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let a = try inputs[0].windowRows(for: Self.name)
        let (s, l) = context.inputAxes.first.map(lengths)
            ?? (short.samples(rateHz: context.samplingRateHz), long.samples(rateHz: context.samplingRateHz))
        return .real(Array2D(rows: a.rows, columns: a.columns, values: SlidingWindowKernels.trailingMeanRatio(
            a.values, rows: a.rows, columns: a.columns, short: s, long: l)))
    }

    public var acceptsPackedSignals: Bool { true }  // reads a float32 chunk directly (`windowRows`)
}
