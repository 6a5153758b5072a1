import DistSwiftIO

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

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let x = try inputs[0].realValues(for: Self.name)
        guard let old = context.rowPositions(x.rows), old.count >= 2 else {
            throw CommandError(Self.name, "needs at least 2 channels with positions")
        }
        let ascending = zip(old.dropFirst(), old).allSatisfy { $0 > $1 }
        guard ascending else { throw CommandError(Self.name, "needs channel positions in increasing order") }
        let new = positions(from: old)
        var values = [Double]()
        values.reserveCapacity(new.count * x.columns)
        for p in new {
            // The interval [old[i], old[i+1]] holding p (the first or last one beyond the ends: extrapolation).
            var lo = 0, hi = old.count - 1
            while hi - lo > 1 {
                let mid = (lo + hi) / 2
                if old[mid] <= p { lo = mid } else { hi = mid }
            }
            let i = lo, w = (p - old[i]) / (old[i + 1] - old[i])
            if nearest {
                // interp1d 'nearest': the lower neighbour up to and including the midpoint.
                let row = w > 0.5 ? i + 1 : i
                values += x.row(min(max(row, 0), old.count - 1))
            } else {
                let a = x.row(i), b = x.row(i + 1)
                values += zip(a, b).map { $0 + w * ($1 - $0) }
            }
        }
        return .real(Array2D(rows: new.count, columns: x.columns, values: values))
    }
}
