import DistSwiftIO
import DistSwiftNative
import Foundation

/// `tau_p`: DASCore's `patch.tau_p(velocities)` — the linear τ-p (slant-stack) transform: for every slowness p,
/// the sum over channels of the record at τ + p·(x − x₀), linearly interpolated in time.
public struct TauPCommand: Command {
    public static let name = "tau_p"
    public static let summary = "linear τ-p transform (slant stack) for the slownesses 1/velocities, both directions (DASCore's tau_p)"
    public static let details = """
        u(p, τ) = Σ_x x(x, τ + p·(x − x₀)/dt) with linear interpolation in time; rows: slownesses −1/v (waves
        travelling towards decreasing distance, offsets from the last channel) then +1/v, as DASCore (2 × the
        velocities), axis `slowness` in s/m; columns: the input's time axis (τ). As DASCore, a term is left out
        when the sample after the interpolated time is past the end. The sum reads up to max p · fibre length of
        the following chunk (the engine's halo), so chunked runs equal one long record except at its end; needs
        the whole fibre. For unevenly spaced channels DASCore's general version reads the negative slownesses at
        the positive ones' sample (its `ind_neg = int(samp_val_pos)`); here each uses its own.
        """
    public static let parameters = [
        ParameterSpec("velocities", .numberList, default: nil, unit: "m/s",
                      "phase velocities, positive and increasing (DASCore's velocities)"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let velocities: [Double]

    public init(_ p: ParameterValues) throws {
        velocities = p.numbers("velocities")
        guard !velocities.isEmpty, velocities.allSatisfy({ $0 > 0 }) else {
            throw ParameterProblem("velocities", "must be a non-empty list of positive velocities (m/s)",
                                   fix: "give e.g. [1000, 2000, 3000]")
        }
        guard zip(velocities, velocities.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw ParameterProblem("velocities", "must increase monotonically (as DASCore requires)",
                                   fix: "sort the velocities and drop repeats")
        }
    }

    var slownesses: [Double] { velocities.map { 1 / $0 } }

    public var channelContext: ChannelContext { .wholeFibre }

    /// Samples after τ the sum reaches: the largest slowness times the fibre's length, plus one for interpolation.
    public func timeContext(_ input: Axes) -> TimeContext {
        guard let positions = input.rows.values, let first = positions.first, let last = positions.last else {
            return .perChunk
        }
        let rate = RollingWindow.rate(input)
        let reach = (slownesses.max() ?? 0) * abs(last - first) * rate
        guard reach.isFinite, reach < 1e9 else { return .perChunk }
        return .window(AxisContext(after: Int(reach.rounded(.up)) + 1))
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { .timeSeries }
    public func outputAxes(_ inputs: [Axes]) -> Axes {
        let p = slownesses
        let values = p.reversed().map { -$0 } + p
        var axes = inputs[0].replacingRows(Axis(.slowness, units: "s/m", grid: .listed(values), count: values.count))
        axes.units = inputs[0].units
        return axes
    }

    /// Reads a float32 chunk as it is (each sample widened as the sum reads it: no float64 copy of the chunk).
    public var acceptsPackedSignals: Bool { true }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        if case .singleReal(let a) = inputs[0] { return try transform(a, context: context) }
        return try transform(try inputs[0].canonical().realValues(for: Self.name), context: context)
    }

    func transform<S: BinaryFloatingPoint & BitwiseCopyable>(_ a: Array2D<S>, context: ChunkContext) throws -> Signal {
        guard let positions = context.rowPositions(a.rows), positions.count == a.rows else {
            throw CommandError(Self.name, "needs the channels' positions (its input's rows must be channels)")
        }
        let dt = 1 / (context.inputAxes.first.map(RollingWindow.rate) ?? context.samplingRateHz)
        let out = SlantStackKernels.tauP(a.values, rows: a.rows, columns: a.columns, slownesses: slownesses,
                                         offsets: positions.map { $0 - positions[0] }, dt: dt)
        return .real(Array2D(rows: 2 * velocities.count, columns: a.columns, values: out))
    }
}
