import DistSwiftIO
import DistSwiftNative

/// DASCore's `patch.rolling(time=window, step=step, center=True).mean()` and its siblings: a statistic of the
/// window centred on every step-th sample of the recording. The output's time axis holds the window centres (UTC,
/// at the global step phase, so chunked runs equal one long record); where a window runs past either end of a
/// record the value is NaN, as DASCore's.
protocol RollingStatisticCommand: Command {
    static var statistic: RollingKernels.Statistic { get }
    var window: RollingWindow { get }
    init(window: RollingWindow)
}

extension RollingStatisticCommand {
    static var parameters: [ParameterSpec] { RollingWindow.parameters }
    static var accepts: Set<SignalKind> { [.timeSeries] }
    static var details: String {
        """
            Parameters as DASCore's `patch.rolling(time=…, step=…, samples=…)`: time is the window (seconds,
            rounded up to whole samples as DASCore, or samples), step the spacing of the outputs (default every
            sample). The window of output sample t is [t − w/2, t + w − 1 − w/2]. Output time axis: the window
            centres, every step-th sample of the recording (its UTC times in write_npy's time.npy); NaN where the
            window is not whole (the ends of a record). Reads the window's halo from the neighbouring chunks, so
            chunked runs equal one long record. DASCore's center=True labels a window by its centre only for step 1;
            for a larger step its labels are off by up to half a window (the reference test shows it); here the
            value at t is always the window centred on t. O(n) per channel for means and standard deviations
            (prefix sums), O(n log w) for maxima and minima (doubling); medians slide a sorted window, or, for a
            step of 8 or more, select each kept window's median. A float32 chunk is read as it is.
            """
    }

    init(_ p: ParameterValues) throws { self.init(window: try RollingWindow(p)) }

    func check(_ context: GraphContext) -> [ParameterProblem] { window.check(context) }
    func timeContext(_ input: Axes) -> TimeContext { window.context(input) }
    func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    func outputAxes(_ inputs: [Axes]) -> Axes { window.outputAxes(inputs[0]) }

    /// Reads a float32 chunk directly (`windowRows`: no float64 copy of the chunk for means, maxima and minima).
    var acceptsPackedSignals: Bool { true }

    func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let a = try inputs[0].windowRows(for: Self.name)
        let axes = context.inputAxes.first
            ?? Axes.chunk(positions: [], segmentOriginNs: 0, rateHz: context.samplingRateHz, firstSample: 0,
                          samples: a.columns, units: "")
        let step = window.stride(axes)
        // The first output: the first input sample whose index in the recording is a multiple of step.
        let first = axes.columns.decimated(by: step).offset
        let values = RollingKernels.rolling(a.values, rows: a.rows, columns: a.columns, before: window.before(axes),
                                            after: window.after(axes), first: first, step: step,
                                            statistic: Self.statistic)
        return .real(Array2D(rows: a.rows, columns: RollingKernels.outputCount(columns: a.columns, first: first,
                                                                                step: step), values: values))
    }
}

struct RollingMeanCommand: RollingStatisticCommand {
    static let name = "rolling_mean"
    static let summary = "mean of a window centred on every step-th sample (DASCore's rolling(...).mean())"
    static let statistic = RollingKernels.Statistic.mean
    let window: RollingWindow
    init(window: RollingWindow) { self.window = window }
}

struct RollingStdCommand: RollingStatisticCommand {
    static let name = "rolling_std"
    static let summary = "standard deviation (ddof 0, as numpy) of a window centred on every step-th sample (DASCore's rolling(...).std())"
    static let statistic = RollingKernels.Statistic.std
    let window: RollingWindow
    init(window: RollingWindow) { self.window = window }
}

struct RollingMedianCommand: RollingStatisticCommand {
    static let name = "rolling_median"
    static let summary = "median of a window centred on every step-th sample (DASCore's rolling(...).median())"
    static let statistic = RollingKernels.Statistic.median
    let window: RollingWindow
    init(window: RollingWindow) { self.window = window }
}

struct RollingMaxCommand: RollingStatisticCommand {
    static let name = "rolling_max"
    static let summary = "maximum of a window centred on every step-th sample (DASCore's rolling(...).max())"
    static let statistic = RollingKernels.Statistic.max
    let window: RollingWindow
    init(window: RollingWindow) { self.window = window }
}

struct RollingMinCommand: RollingStatisticCommand {
    static let name = "rolling_min"
    static let summary = "minimum of a window centred on every step-th sample (DASCore's rolling(...).min())"
    static let statistic = RollingKernels.Statistic.min
    let window: RollingWindow
    init(window: RollingWindow) { self.window = window }
}
