import DistSwiftIO
import DistSwiftNative

/// `diff`: n-th forward difference along time (axis 1) or channels (axis 0), as distpy computes it —
/// `numpy.diff(x, n, axis, append=0)` with the last value replaced by the one before it — so the axis keeps its
/// length for n = 1 and shrinks by n − 1 otherwise. distpy skips that boundary fix for its default axis −1, leaving
/// 0 − x[last] in the last column (its bug #23); distswift always applies it. No division by dt or dx.
public struct DiffCommand: Command {
    public static let name = "diff"
    public static let summary = "forward difference along time (axis 1) or channels (axis 0), last value repeated"
    public static let parameters = [
        ParameterSpec("window_length", .integer, default: .number(1), "order of the difference (n)"),
        ParameterSpec("axis", .axis, default: .number(-1), "1 (or -1): along time; 0: along channels"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries, .perSample, .perChannel]

    let order: Int
    let axis: Int

    public init(_ p: ParameterValues) throws {
        order = p.integer("window_length")
        axis = p.axis("axis")
        guard order >= 1 else { throw ParameterProblem("window_length", "is \(order) but must be at least 1") }
    }

    /// The n-th forward difference of element k reads elements k … k + n: that many after it, along its axis.
    public var channelContext: ChannelContext { axis == 1 ? .local : .window(AxisContext(after: order)) }
    public func timeContext(_ input: Axes) -> TimeContext { axis == 1 ? .window(AxisContext(after: order)) : .pointwise }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }

    /// The axis loses its last n − 1 elements.
    public func outputAxes(_ inputs: [Axes]) -> Axes {
        var axes = inputs[0]
        if axis == 1 {
            axes.columns = axes.columns.slice(0..<max(0, axes.columns.count - (order - 1)))
        } else {
            axes.rows = axes.rows.slice(0..<max(0, axes.rows.count - (order - 1)))
        }
        return axes
    }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        guard case .real(let a) = inputs[0] else { throw CommandError(Self.name, "needs real values") }
        let lines = axis == 1 ? (0..<a.rows).map { Array(a.row($0)) }
            : (0..<a.columns).map { c in (0..<a.rows).map { a[$0, c] } }
        let differenced = try lines.map { line -> [Double] in
            var v = line + [0]
            for _ in 0..<order { v = zip(v.dropFirst(), v).map { $0 - $1 } }
            guard v.count >= 2 else {
                throw CommandError(Self.name, "a difference of order \(order) needs more than \(line.count) values")
            }
            v[v.count - 1] = v[v.count - 2]
            return v
        }
        if axis == 1 {
            return .real(Array2D(rows: a.rows, columns: differenced[0].count, values: differenced.flatMap { $0 }))
        }
        // The lines are columns here: stack them and turn the result back into rows.
        let rows = differenced[0].count
        return .real(Array2D(rows: rows, columns: a.columns,
                             values: Transpose.transposed(differenced.flatMap { $0 }, rows: a.columns, columns: rows)))
    }
}
