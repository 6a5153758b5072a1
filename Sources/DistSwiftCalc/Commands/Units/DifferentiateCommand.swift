import DistSwiftIO
import DistSwiftNative

/// `differentiate`: DASCore's `patch.differentiate(dim, order=2, step=1)`: the first derivative by central
/// differences (numpy.gradient, second-order one-sided stencils at the ends).
public struct DifferentiateCommand: InPlacePrecisionCommand {
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

    func compute<S: RealSample, D: RealSample>(_ data: Array2D<S>, as: D.Type, context: ChunkContext) throws
        -> Array2D<D>
    {
        try Self.gradient(data, along: dimension, step: step, spacing: try spacing(context), as: D.self)
    }

    /// `compute` in the values' own buffer along time (each row through a scratch line, as `compute` does it);
    /// along distance the stencils combine whole rows, so the result is a fresh array.
    func computeInPlace<D: RealSample>(_ data: inout Array2D<D>, context: ChunkContext) throws {
        let spacing = try spacing(context)
        guard dimension == .time else {
            data = try Self.gradient(data, along: dimension, step: step, spacing: spacing, as: D.self)
            return
        }
        try Self.checkLength(data.columns, step: step, along: dimension)
        CalculusRowKernels.gradientRowsInPlace(&data.values, columns: data.columns, step: step,
                                               inverse: 1 / (2 * spacing * Double(step)))
    }

    private func spacing(_ context: ChunkContext) throws -> Double {
        try context.spacing(along: dimension, command: Self.name)
    }

    /// numpy.gradient with edge order 2 needs three samples of each of the `step` sub-sequences.
    private static func checkLength(_ n: Int, step: Int, along dimension: DataDimension) throws {
        guard n >= 3 * step else {
            throw CommandError(Self.name, "needs at least 3 samples per step sub-sequence along \(dimension.rawValue) "
                               + "(numpy.gradient, edge order 2): \(n) samples with step \(step)")
        }
    }

    /// numpy.gradient(x, step·spacing, edge_order=2) along a dimension, on each of the `step` interleaved
    /// sub-sequences: central differences inside, second-order one-sided stencils at each sub-sequence's ends.
    /// Along distance whole rows combine (no transposition); along time each row on its own, while it is in cache.
    /// Differences are taken in float64 and rounded once to `D`.
    static func gradient<S: RealSample, D: RealSample>(_ x: Array2D<S>, along dimension: DataDimension, step: Int,
                                                       spacing: Double, as: D.Type = D.self) throws -> Array2D<D> {
        let n = dimension == .time ? x.columns : x.rows
        try checkLength(n, step: step, along: dimension)
        let inverse = 1 / (2 * spacing * Double(step))
        if dimension == .time {
            let out: [D] = CalculusRowKernels.gradientRows(x.values, columns: x.columns, step: step, inverse: inverse)
            return Array2D(rows: x.rows, columns: x.columns, values: out)
        }
        let out: [D] = CalculusRowKernels.gradientAcrossRows(x.values, rows: x.rows, columns: x.columns, step: step,
                                                             inverse: inverse)
        return Array2D(rows: x.rows, columns: x.columns, values: out)
    }
}
