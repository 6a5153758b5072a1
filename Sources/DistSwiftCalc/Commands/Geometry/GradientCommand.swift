import DistSwiftIO
import DistSwiftNative

/// `gradient`: numpy.gradient along channels (axis 0, per metre, from the channel positions) or time (axis 1, per
/// second, from the chunk's time axis) — second-order central differences inside, one-sided differences of
/// `edge_order` at the ends of the record. distpy's time axis was the sample index unless a time file was
/// configured (bug #26), so its time derivative was per sample; here it is per second.
public struct GradientCommand: Command {
    public static let name = "gradient"
    public static let summary = "derivative along channels (axis 0, per m) or time (axis 1, per s), numpy.gradient"
    public static let details = """
        Uses the real coordinates: channel positions (uneven spacing handled as numpy does) and sample times. Each
        value needs its neighbours on both sides: along time they come from the neighbouring chunks, along the
        fibre from neighbouring channel blocks, so chunked runs equal one long record. distpy's axis null (both
        derivatives as a list) has no equivalent: give 0 or 1.
        """
    public static let parameters = [
        ParameterSpec("axis", .axis, default: .number(0), "0: along channels (per metre); 1: along time (per second)"),
        ParameterSpec("edge_order", .integer, default: .number(1), "1 or 2: accuracy of the one-sided end differences"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries, .perChannel, .perSample]

    let axis: Int
    let edgeOrder: Int

    public init(_ p: ParameterValues) throws {
        axis = p.axis("axis")
        edgeOrder = p.integer("edge_order")
        guard edgeOrder == 1 || edgeOrder == 2 else {
            throw ParameterProblem("edge_order", "is \(edgeOrder) but must be 1 or 2")
        }
    }

    public func timeContext(_ input: Axes) -> TimeContext { axis == 1 ? .window(.symmetric(1)) : .pointwise }
    public var channelContext: ChannelContext { axis == 0 ? .window(.symmetric(1)) : .local }
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public func outputAxes(_ inputs: [Axes]) -> Axes {
        var axes = inputs[0]
        let along = axis == 0 ? axes.rows.units : axes.columns.units
        axes.units = (axes.units.isEmpty ? "1" : axes.units) + "/" + (along.isEmpty ? "sample" : along)
        return axes
    }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let a = inputs[0]
        let count = axis == 0 ? a.rows : a.columns
        let axisValues = context.inputAxes.first.flatMap { axis == 0 ? $0.rows.values : $0.columns.values }
        let coordinates = axisValues?.count == count ? axisValues! : (0..<count).map(Double.init)
        guard count >= edgeOrder + 1 else {
            throw CommandError(Self.name, "needs at least \(edgeOrder + 1) values along the axis, got \(count)")
        }
        let stencils = Self.stencils(coordinates, edgeOrder: edgeOrder)
        if case .singleReal(let x) = a, context.singlePrecision {  // a float32 graph: float32 out, as numpy's
            return .singleReal(Array2D(rows: x.rows, columns: x.columns, values: AxisKernels.stencil(
                x.values, rows: x.rows, columns: x.columns, alongRows: axis == 1, stencils, as: Float.self)))
        }
        if case .singleReal(let x) = a {  // a float32 chunk, converted in the same pass
            return .real(Array2D(rows: x.rows, columns: x.columns, values: AxisKernels.stencil(
                x.values, rows: x.rows, columns: x.columns, alongRows: axis == 1, stencils)))
        }
        let x = try a.canonical().realValues(for: Self.name)
        return .real(Array2D(rows: x.rows, columns: x.columns, values: AxisKernels.stencil(
            x.values, rows: x.rows, columns: x.columns, alongRows: axis == 1, stencils)))
    }

    public var acceptsPackedSignals: Bool { true }  // reads a float32 chunk directly
    /// In a float32 graph: the float64 stencil sums of the float32 values, rounded to float32.
    public var hasFloat32Kernel: Bool { true }

    /// numpy.gradient's second-order differences at every position of a line with coordinates x, as three-point
    /// stencils (one-sided at the ends: first order, or second order for edge_order 2), applied along the axis
    /// without transposing the chunk. Unused taps repeat a used index with weight 0.
    static func stencils(_ x: [Double], edgeOrder: Int) -> [AxisKernels.Stencil] {
        let n = x.count
        guard n > 1 else { return [AxisKernels.Stencil((0, 0, 0), (0, 0, 0))] }
        var s = [AxisKernels.Stencil](repeating: AxisKernels.Stencil((0, 0, 0), (0, 0, 0)), count: n)
        for i in 1..<max(1, n - 1) {
            let hs = x[i] - x[i - 1], hd = x[i + 1] - x[i], d = hs * hd * (hd + hs)
            s[i] = AxisKernels.Stencil((i - 1, i, i + 1), (-hd * hd / d, (hd * hd - hs * hs) / d, hs * hs / d))
        }
        if edgeOrder == 1 || n < 3 {
            let first = x[1] - x[0], last = x[n - 1] - x[n - 2]
            s[0] = AxisKernels.Stencil((0, 1, 1), (-1 / first, 1 / first, 0))
            s[n - 1] = AxisKernels.Stencil((n - 2, n - 1, n - 1), (-1 / last, 1 / last, 0))
        } else {
            var d1 = x[1] - x[0], d2 = x[2] - x[1]
            s[0] = AxisKernels.Stencil((0, 1, 2), (-(2 * d1 + d2) / (d1 * (d1 + d2)), (d1 + d2) / (d1 * d2),
                                                   -d1 / (d2 * (d1 + d2))))
            d1 = x[n - 2] - x[n - 3]
            d2 = x[n - 1] - x[n - 2]
            s[n - 1] = AxisKernels.Stencil((n - 3, n - 2, n - 1), (d2 / (d1 * (d1 + d2)), -(d2 + d1) / (d1 * d2),
                                                                   (2 * d2 + d1) / (d2 * (d1 + d2))))
        }
        return s
    }

    /// numpy.gradient of one line with coordinates `x`.
    static func gradient(_ f: ArraySlice<Double>, _ x: [Double], edgeOrder: Int) -> [Double] {
        let n = f.count, s = f.startIndex
        var g = [Double](repeating: 0, count: n)
        guard n > 1 else { return g }
        for i in 1..<max(1, n - 1) {
            let hs = x[i] - x[i - 1], hd = x[i + 1] - x[i]
            g[i] = (hs * hs * f[s + i + 1] + (hd * hd - hs * hs) * f[s + i] - hd * hd * f[s + i - 1])
                / (hs * hd * (hd + hs))
        }
        if edgeOrder == 1 || n < 3 {
            g[0] = (f[s + 1] - f[s]) / (x[1] - x[0])
            g[n - 1] = (f[s + n - 1] - f[s + n - 2]) / (x[n - 1] - x[n - 2])
        } else {
            var d1 = x[1] - x[0], d2 = x[2] - x[1]
            var a = -(2 * d1 + d2) / (d1 * (d1 + d2)), b = (d1 + d2) / (d1 * d2), c = -d1 / (d2 * (d1 + d2))
            g[0] = a * f[s] + b * f[s + 1] + c * f[s + 2]
            d1 = x[n - 2] - x[n - 3]
            d2 = x[n - 1] - x[n - 2]
            a = d2 / (d1 * (d1 + d2))
            b = -(d2 + d1) / (d1 * d2)
            c = (2 * d2 + d1) / (d2 * (d1 + d2))
            g[n - 1] = a * f[s + n - 3] + b * f[s + n - 2] + c * f[s + n - 1]
        }
        return g
    }
}
