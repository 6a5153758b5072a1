import DistSwiftIO

/// What `mean`, `sum`, `std_dev` and the statistics share: a reduction along time (axis 1 → channels × 1) or along
/// channels (axis 0 → 1 × samples), keeping both dimensions as numpy's keepdims=True does.
public struct AxisReduction: Sendable {
    let axis: Int
    let reduce: @Sendable ([Double]) -> Double

    init(axis: Int, reduce: @escaping @Sendable ([Double]) -> Double) {
        self.axis = axis
        self.reduce = reduce
    }

    func apply(_ input: Signal, command: String) throws -> Signal {
        guard case .real(let a) = input else {
            throw CommandError(command, "needs real values; take abs or real of complex data first")
        }
        if axis == 1 {
            return .real(Array2D(rows: a.rows, columns: 1, values: (0..<a.rows).map { reduce(Array(a.row($0))) }))
        }
        let columns = (0..<a.columns).map { c in reduce((0..<a.rows).map { a[$0, c] }) }
        return .real(Array2D(rows: 1, columns: a.columns, values: columns))
    }

    func outputKind(_ input: SignalKind) -> SignalKind { axis == 1 ? .perChannel : .perSample }

    /// Along time: one statistic column per channel (defined per chunk); along channels: one aggregate row, each
    /// sample on its own (pointwise in time, the whole fibre at once).
    func outputAxes(_ input: Axes, name: String) -> Axes {
        axis == 1 ? input.replacingColumns(.labelled(.statistic, [name]))
            : input.replacingRows(.labelled(.aggregate, [name]))
    }
    var timeContext: TimeContext { axis == 1 ? .perChunk : .pointwise }
    var channelContext: ChannelContext { axis == 1 ? .local : .wholeFibre }

    static let axisParameter = ParameterSpec("axis", .axis, default: .number(1),
                                             "1: along time (one value per channel); 0: along channels")
    static let accepts: Set<SignalKind> = [.timeSeries, .perChannel, .perSample]
}

public struct MeanCommand: AxisReductionCommand {
    public static let name = "mean"
    public static let summary = "mean along time (axis 1, channels × 1) or along channels (axis 0, 1 × samples)"
    public let reduction: AxisReduction
    public init(_ p: ParameterValues) throws {
        reduction = AxisReduction(axis: p.axis("axis")) { $0.reduce(0, +) / Double(max(1, $0.count)) }
    }
}

public struct SumCommand: AxisReductionCommand {
    public static let name = "sum"
    public static let summary = "sum along time (axis 1, channels × 1) or along channels (axis 0, 1 × samples)"
    public let reduction: AxisReduction
    public init(_ p: ParameterValues) throws {
        reduction = AxisReduction(axis: p.axis("axis")) { $0.reduce(0, +) }
    }
}

public struct StdDevCommand: AxisReductionCommand {
    public static let name = "std_dev"
    public static let summary = "population standard deviation (ddof 0) along time (axis 1) or channels (axis 0)"
    public let reduction: AxisReduction
    public init(_ p: ParameterValues) throws {
        reduction = AxisReduction(axis: p.axis("axis")) { values in
            let n = Double(max(1, values.count))
            let mean = values.reduce(0, +) / n
            return (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
        }
    }
}

/// A command that is one `AxisReduction` (the axis parameter, what it accepts, its contexts and axes come with it).
public protocol AxisReductionCommand: Command {
    var reduction: AxisReduction { get }
    /// True when the statistic has the data's units (a mean), false for a dimensionless one (kurtosis).
    static var keepsUnits: Bool { get }
}

extension AxisReductionCommand {
    public static var parameters: [ParameterSpec] { [AxisReduction.axisParameter] }
    public static var accepts: Set<SignalKind> { AxisReduction.accepts }
    public static var keepsUnits: Bool { true }
    public var channelContext: ChannelContext { reduction.channelContext }
    public func timeContext(_ input: Axes) -> TimeContext { reduction.timeContext }
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { reduction.outputKind(inputs[0]) }
    public func outputAxes(_ inputs: [Axes]) -> Axes {
        let axes = reduction.outputAxes(inputs[0], name: Self.name)
        return Self.keepsUnits ? axes : axes.unitless
    }
    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        try reduction.apply(inputs[0], command: Self.name)
    }
}
