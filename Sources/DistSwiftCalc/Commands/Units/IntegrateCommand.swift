import DistSwiftIO

/// `integrate`: DASCore's `patch.integrate(dim, definite=False)`: the cumulative trapezoidal integral along a
/// dimension (0 at the first sample), or with `definite` the total, one value per line.
public struct IntegrateCommand: Command {
    public static let name = "integrate"
    public static let summary = "DASCore's integrate: cumulative (or definite) trapezoidal integral along a dim"
    public static let details = """
        DASCore: patch.integrate(dim="time", definite=false): out[0] = 0, out[k] = Σ_{i<k} (x[i] + x[i+1])·dx/2
        (numpy's trapezoid). With definite the dimension collapses to one value, the integral over the line
        (the time axis becomes one statistic, as DASCore collapses it). Units follow the physics: multiplied by
        s along time, m along distance (strain rate in 1/s becomes strain, written "1"; velocity m/s becomes
        m); unrecorded units stay unrecorded, unreadable ones are a validation error.
        Defined per chunk along time: the integral starts at 0 at every chunk's first sample (the constant of
        integration is the chunk's). A record-long integral needs the totals of all earlier chunks (a two-pass
        scan), which distswift does not do yet. Along distance the whole fibre is integrated (no channel blocks).
        """
    public static let parameters = [
        DimensionKeyword.namedParameter(),
        ParameterSpec("definite", .boolean, default: .bool(false),
                      "true: the integral over the whole line (one value); false: cumulative, same length"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let dimension: DataDimension
    let definite: Bool

    public init(_ p: ParameterValues) throws {
        dimension = DimensionKeyword.named(p)
        definite = p.flag("definite")
    }

    public func check(_ context: GraphContext) -> [ParameterProblem] {
        UnitsAlongDimension.problems(context.units, command: Self.name)
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind {
        definite && dimension == .time ? .perChannel : inputs[0]
    }

    public func timeContext(_ input: Axes) -> TimeContext { DimensionContext(dimension: dimension).time(window: nil) }
    public var channelContext: ChannelContext { DimensionContext(dimension: dimension).channels() }

    public func outputAxes(_ inputs: [Axes]) -> Axes {
        var axes = inputs[0].withUnits(UnitsAlongDimension.following(inputs[0].units, along: dimension, power: 1))
        if definite {
            let collapsed = dimension == .time ? Axis.labelled(.statistic, ["integral"])
                : Axis.labelled(.aggregate, ["integral"], units: "m")
            axes = axes.replacing(dimension, with: collapsed)
        }
        return axes
    }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let data = try inputs[0].realValues(for: Self.name)
        guard let spacing = context.inputAxes.first?.spacing(dimension)
                ?? (dimension == .time ? 1 / context.samplingRateHz : nil) else {
            throw CommandError(Self.name, "needs evenly spaced \(dimension.rawValue) coordinates")
        }
        let half = spacing / 2
        return .real(data.mappingLines(along: dimension) { line in
            var total = 0.0, previous = line.first ?? 0
            var out = [Double]()
            out.reserveCapacity(definite ? 1 : line.count)
            if !definite { out.append(0) }
            for x in line.dropFirst() {
                total += (previous + x) * half
                previous = x
                if !definite { out.append(total) }
            }
            if definite { out.append(total) }
            return line.isEmpty ? [] : out
        })
    }
}
