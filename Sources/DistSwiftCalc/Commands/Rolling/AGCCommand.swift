import DistSwiftIO
import DistSwiftNative

/// `agc`: automatic gain control, the display balancing of seismic processing that no DAS peer has: every sample
/// divided by the RMS (or mean absolute value) of the window centred on it, so quiet and loud parts of a record
/// show at comparable amplitude.
public struct AGCCommand: Command {
    public static let name = "agc"
    public static let summary = "automatic gain control: x(t) / RMS (or mean |x|) of the window centred on t"
    public static let details = """
        y(t) = x(t) / g(t), g(t) = sqrt(mean x² ) (type "rms") or mean |x| (type "mean_abs") over the window
        [t − w/2, t + w − 1 − w/2] of w samples (time in seconds, rounded up to whole samples as DASCore's windows,
        or samples when samples is true). At the ends of a record the window holds the samples that exist; y is 0
        where g is 0. The output is dimensionless. Not in DASCore or xdas. Reads the window's halo from the
        neighbouring chunks, so chunked runs equal one long record.
        """
    public static let parameters = [
        DimensionKeyword.timeExtentParameter("window length along time"),
        ParameterSpec("type", .choice(["rms", "mean_abs"]), default: .string("rms"),
                      "the gain: RMS or mean absolute value of the window"),
        DimensionKeyword.samplesParameter,
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let window: TimeExtent
    let meanAbsolute: Bool

    public init(_ p: ParameterValues) throws {
        window = try TimeExtent(p.number("time"), inSamples: p.flag("samples"), parameter: "time")
        meanAbsolute = p.string("type") == "mean_abs"
    }

    func length(_ axes: Axes) -> Int { window.samples(rateHz: RollingWindow.rate(axes)) }

    public func timeContext(_ input: Axes) -> TimeContext {
        let w = length(input)
        return .window(AxisContext(before: w / 2, after: w - 1 - w / 2))
    }
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public func outputAxes(_ inputs: [Axes]) -> Axes { inputs[0].unitless }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let a = try inputs[0].realValues(for: Self.name)
        let w = context.inputAxes.first.map(length) ?? window.samples(rateHz: context.samplingRateHz)
        let energy = meanAbsolute ? a.values.map { Swift.abs($0) } : a.values.map { $0 * $0 }
        let gains = SlidingWindowKernels.means(energy, rows: a.rows, columns: a.columns, lower: -(w / 2),
                                               upper: w - 1 - w / 2)
        var out = a.values
        for i in out.indices {
            let g = meanAbsolute ? gains[i] : gains[i].squareRoot()
            out[i] = g > 0 ? out[i] / g : 0
        }
        return .real(Array2D(rows: a.rows, columns: a.columns, values: out))
    }
}
