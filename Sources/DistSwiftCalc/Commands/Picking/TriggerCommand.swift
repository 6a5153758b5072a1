import DistSwiftIO
import DistSwiftNative

/// `trigger`: on/off thresholds on a characteristic function (an STA/LTA ratio) → trigger onsets and ends, as
/// ObsPy's `trigger_onset`, with a memory that makes it a windowed operation: chunks give the same picks as one
/// long record. `write_picks` writes them as a table.
public struct TriggerCommand: Command {
    public static let name = "trigger"
    public static let summary = "on/off thresholds → +1 at each trigger onset, −1 where it ends, 0 elsewhere (for write_picks)"
    public static let details = """
        A trigger turns on where the input rises above `on` and ends at the first sample below `off` (off ≤ on,
        hysteresis as ObsPy's trigger_onset), or once no sample has been above `on` for `max_length` (ObsPy's
        max_len): the state at t is decided by the samples [t − max_length, t] alone, so the engine reads
        max_length + 1 samples of the previous chunk and picks are the same however the record is cut. NaN (the
        start of an STA/LTA) counts as neither. Output: the input's axes, +1 at onsets, −1 at ends, 0 elsewhere
        (dimensionless). Not in DASCore.
        """
    public static let parameters = [
        ParameterSpec("on", .number, default: nil, "threshold a trigger starts above"),
        ParameterSpec("off", .number, default: nil, "threshold a trigger ends below (at most on)"),
        ParameterSpec("max_length", .number, default: .number(1), unit: "s (samples when samples is true)",
                      "longest a trigger stays on without a sample above on; also the time context read before each chunk"),
        DimensionKeyword.samplesParameter,
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let on: Double
    let off: Double
    let memory: TimeExtent

    public init(_ p: ParameterValues) throws {
        on = p.number("on")
        off = p.number("off")
        guard off <= on else {
            throw ParameterProblem("off", "is \(off), above on (\(on))",
                                   fix: "give an off threshold at or below the on threshold, e.g. on 3, off 1.5")
        }
        memory = try TimeExtent(p.number("max_length"), inSamples: p.flag("samples"), parameter: "max_length")
    }

    func memorySamples(_ axes: Axes) -> Int { memory.samples(rateHz: RollingWindow.rate(axes)) }

    public func timeContext(_ input: Axes) -> TimeContext { .window(AxisContext(before: memorySamples(input) + 1)) }
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public func outputAxes(_ inputs: [Axes]) -> Axes { inputs[0].unitless }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let a = try inputs[0].realValues(for: Self.name)
        let m = context.inputAxes.first.map(memorySamples) ?? memory.samples(rateHz: context.samplingRateHz)
        return .real(Array2D(rows: a.rows, columns: a.columns,
                             values: EventKernels.triggers(a.values, rows: a.rows, columns: a.columns, on: on,
                                                           off: off, memory: m)))
    }
}
