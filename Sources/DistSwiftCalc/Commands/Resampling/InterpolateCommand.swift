import DistSwiftIO
import DistSwiftNative

/// `interpolate`: DASCore's `patch.interpolate(distance=[...], kind="linear")`: the data at new channel positions,
/// interpolated between the recorded channels (scipy.interpolate.interp1d, extrapolating beyond the ends).
public struct InterpolateCommand: Command {
    public static let name = "interpolate"
    public static let summary = "DASCore's interpolate along distance: values at new channel positions (linear/nearest)"
    public static let details = """
        DASCore: patch.interpolate(distance=[0, 2.5, 5, …], kind="linear") — scipy.interpolate.interp1d(positions,
        data, axis=0, kind, fill_value="extrapolate") at the new positions. The value is a list of positions (m),
        or one number: a new spacing, positions from the first channel to the last at that step (numpy.arange).
        kind "linear" or "nearest" (interp1d's: a position halfway goes to the lower channel). The distance axis
        (measured_depth.npy) holds the new positions. Along distance only (interpolating time to other instants is
        `resample`); pointwise in time, the whole fibre (no channel blocks).
        """
    public static let parameters = [
        ParameterSpec("distance", .json, default: nil, unit: "m",
                      "the new positions (a list), or one number: a new channel spacing"),
        ParameterSpec("kind", .choice(["linear", "nearest"]), default: .string("linear"), "interpolation"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    enum Target: Equatable {
        case positions([Double])
        case spacing(Double)
    }

    let target: Target
    let nearest: Bool

    public init(_ p: ParameterValues) throws {
        nearest = p.string("kind") == "nearest"
        switch p.values["distance"] {
        case .number(let step)?:
            guard step > 0 else {
                throw ParameterProblem("distance", "is \(step) but a new spacing must be above 0", fix: "give e.g. 2.5")
            }
            target = .spacing(step)
        case .array(let items)?:
            let values = items.compactMap { if case .number(let d) = $0 { d } else { nil } }
            guard values.count == items.count, !values.isEmpty else {
                throw ParameterProblem("distance", "must be a non-empty list of positions in metres",
                                       fix: "give e.g. [0, 2.5, 5] or a spacing such as 2.5")
            }
            target = .positions(values)
        default:
            throw ParameterProblem("distance", "must be a list of positions or a spacing (m)", fix: "give e.g. 2.5")
        }
    }

    func positions(from old: [Double]) -> [Double] {
        switch target {
        case .positions(let p): return p
        case .spacing(let step):
            guard let first = old.first, let last = old.last else { return [] }
            let count = Int(((last - first) / step + 1e-9).rounded(.down)) + 1
            return (0..<max(count, 0)).map { first + Double($0) * step }
        }
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public func timeContext(_ input: Axes) -> TimeContext { .pointwise }
    public var channelContext: ChannelContext { .wholeFibre }

    public func outputAxes(_ inputs: [Axes]) -> Axes {
        let new = positions(from: inputs[0].rows.values ?? [])
        return inputs[0].replacingRows(Axis(.distance, units: "m", grid: .listed(new), count: new.count))
    }

    /// A float32 chunk is read as it is (each value widened as it is read: no float64 copy of the chunk first).
    public var acceptsPackedSignals: Bool { true }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        if case .singleReal(let x) = inputs[0] { return .real(try interpolated(x, context: context)) }
        return .real(try interpolated(try inputs[0].canonical().realValues(for: Self.name), context: context))
    }

    private func interpolated<S: BinaryFloatingPoint>(_ x: Array2D<S>, context: ChunkContext) throws -> Array2D<Double> {
        guard let old = context.rowPositions(x.rows), old.count >= 2 else {
            throw CommandError(Self.name, "needs at least 2 channels with positions")
        }
        let ascending = zip(old.dropFirst(), old).allSatisfy { $0 > $1 }
        guard ascending else { throw CommandError(Self.name, "needs channel positions in increasing order") }
        let new = positions(from: old)
        let rows = new.map { p -> (lower: Int, weight: Double?) in
            // The interval [old[i], old[i+1]] holding p (the first or last one beyond the ends: extrapolation).
            var lo = 0, hi = old.count - 1
            while hi - lo > 1 {
                let mid = (lo + hi) / 2
                if old[mid] <= p { lo = mid } else { hi = mid }
            }
            let i = lo, w = (p - old[i]) / (old[i + 1] - old[i])
            // interp1d 'nearest': the lower neighbour up to and including the midpoint.
            return nearest ? (min(max(w > 0.5 ? i + 1 : i, 0), old.count - 1), nil) : (i, w)
        }
        return Array2D(rows: new.count, columns: x.columns,
                       values: LineKernels.blendedRows(x.values, columns: x.columns, rows: rows))
    }
}
