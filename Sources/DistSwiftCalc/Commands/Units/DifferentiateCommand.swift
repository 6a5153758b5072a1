import DistSwiftIO

/// `differentiate`: DASCore's `patch.differentiate(dim, order=2, step=1)`: the first derivative by central
/// differences (numpy.gradient, second-order one-sided stencils at the ends).
public struct DifferentiateCommand: Command {
    public static let name = "differentiate"
    public static let summary = "DASCore's differentiate: first derivative by central differences along a dim"
    public static let details = """
        DASCore: patch.differentiate(dim="time", order=2, step=1): (x[k+step] − x[k−step]) / (2·step·dx) inside,
        numpy.gradient's second-order one-sided stencils on each of the `step` interleaved sub-sequences at the
        ends (edge_order 2). Only order 2: DASCore's higher orders need the findiff package (not a DASCore
        dependency). Units divide by s along time, by m along distance (strain becomes strain rate 1/s, m/s
        velocity along distance becomes 1/s); unrecorded units stay unrecorded, unreadable ones are an error.
        Continuous along time: `step` samples are read from each neighbouring chunk, so only the record's own ends
        use the one-sided stencils. Along distance the whole fibre is needed (no channel blocks). distpy's
        `diff` (a plain forward difference without dx) keeps its meaning.
        """
    public static let parameters = [
        DimensionKeyword.namedParameter(),
        ParameterSpec("order", .integer, default: .number(2), "accuracy order of the stencil; only 2 (numpy.gradient)"),
        ParameterSpec("step", .integer, default: .number(1), "samples between the stencil's centre and its points"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let dimension: DataDimension
    let step: Int

    public init(_ p: ParameterValues) throws {
        dimension = DimensionKeyword.named(p)
        step = p.integer("step")
        guard p.integer("order") == 2 else {
            throw ParameterProblem("order", "is \(p.integer("order")) but only order 2 is available (DASCore needs the "
                                   + "findiff package for others)", fix: "use \"order\": 2")
        }
        guard step >= 1 else { throw ParameterProblem("step", "is \(step) but must be at least 1", fix: "use 1") }
    }

    public func check(_ context: GraphContext) -> [ParameterProblem] {
        UnitsAlongDimension.problems(context.units, command: Self.name)
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public func timeContext(_ input: Axes) -> TimeContext {
        DimensionContext(dimension: dimension).time(window: .symmetric(step))
    }
    public var channelContext: ChannelContext { DimensionContext(dimension: dimension).channels() }

    public func outputAxes(_ inputs: [Axes]) -> Axes {
        inputs[0].withUnits(UnitsAlongDimension.following(inputs[0].units, along: dimension, power: -1))
    }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let data = try inputs[0].realValues(for: Self.name)
        guard let spacing = context.inputAxes.first?.spacing(dimension)
                ?? (dimension == .time ? 1 / context.samplingRateHz : nil) else {
            throw CommandError(Self.name, "needs evenly spaced \(dimension.rawValue) coordinates")
        }
        return try .real(data.mappingLines(along: dimension) {
            try Self.centralDifference($0, step: step, spacing: spacing, along: dimension)
        })
    }

    /// numpy.gradient(x, step·spacing, edge_order=2) on each of the `step` interleaved sub-sequences of the line.
    static func centralDifference(_ line: ArraySlice<Double>, step: Int, spacing: Double,
                                  along dimension: DataDimension) throws -> [Double] {
        let h = spacing * Double(step)
        let n = line.count, s = line.startIndex
        var out = [Double](repeating: 0, count: n)
        for phase in 0..<min(step, n) {
            let indices = Array(stride(from: phase, to: n, by: step))
            let m = indices.count
            guard m >= 3 else {
                throw CommandError(Self.name, "needs at least 3 samples per step sub-sequence along "
                                   + "\(dimension.rawValue) (numpy.gradient, edge order 2); got \(m)")
            }
            func x(_ k: Int) -> Double { line[s + indices[k]] }
            out[indices[0]] = (-3 * x(0) + 4 * x(1) - x(2)) / (2 * h)
            for k in 1..<(m - 1) { out[indices[k]] = (x(k + 1) - x(k - 1)) / (2 * h) }
            out[indices[m - 1]] = (3 * x(m - 1) - 4 * x(m - 2) + x(m - 3)) / (2 * h)
        }
        return out
    }
}
