import DistSwiftIO
import DistSwiftNative

/// `convert_units`: DASCore's `patch.convert_units("nm/m/s")`: the values rescaled to other units of the same
/// dimensions.
public struct ConvertUnitsCommand: PrecisionGenericCommand {
    public static let name = "convert_units"
    public static let summary = "DASCore's convert_units: rescale the data to other units of the same quantity"
    public static let details = """
        DASCore: patch.convert_units("nm/m/s"). The values are multiplied by (scale of the data's units) / (scale
        of `units`), and the output's units are `units` as written. `from` gives the data's units when the store
        records none (or overrides them). Units must be of the same dimensions (1/s to nm/m/s, rad to mrad, m/s to
        mm/s); a conversion between different quantities, or units distswift cannot read, is a validation error.
        Pointwise.
        """
    public static let parameters = [
        ParameterSpec("units", .string, default: nil, "the target units, e.g. \"nm/m/s\", \"mrad\", \"mm/s\""),
        ParameterSpec("from", .string, default: .null, "the data's units when the store records none (or to override)"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries, .perChannel, .perSample]

    let target: String
    let targetUnit: PhysicalUnit
    let source: String?

    public init(_ p: ParameterValues) throws {
        target = p.string("units")
        guard let unit = PhysicalUnit.parse(target) else {
            throw ParameterProblem("units", "is \"\(target)\", not a unit distswift reads",
                                   fix: "write products/quotients of m, s, rad, Hz, strain with SI prefixes, e.g. \"nm/m/s\"")
        }
        targetUnit = unit
        if case .string(let s)? = p.values["from"] {
            guard PhysicalUnit.parse(s) != nil else {
                throw ParameterProblem("from", "is \"\(s)\", not a unit distswift reads", fix: "e.g. \"1/s\"")
            }
            source = s
        } else {
            source = nil
        }
    }

    func factor(_ recorded: String) -> Result<Double, ParameterProblem> {
        let units = source ?? recorded
        guard !units.isEmpty else {
            return .failure(ParameterProblem("from", "is not given and the store records no units",
                                             fix: "give \"from\": the data's units, e.g. \"1/s\""))
        }
        guard let unit = PhysicalUnit.parse(units) else {
            return .failure(UnitsAlongDimension.problems(units, command: Self.name)[0])
        }
        guard unit.isCommensurable(with: targetUnit) else {
            return .failure(ParameterProblem("units", "is \"\(target)\" but the data are in \"\(units)\", another "
                                             + "quantity", fix: "convert between units of the same quantity"))
        }
        return .success(unit.scale / targetUnit.scale)
    }

    public func check(_ context: GraphContext) -> [ParameterProblem] {
        if case .failure(let p) = factor(context.units) { return [p] }
        return []
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public func timeContext(_ input: Axes) -> TimeContext { .pointwise }
    public func outputAxes(_ inputs: [Axes]) -> Axes { inputs[0].withUnits(target) }

    func compute<S: RealSample, D: RealSample>(_ data: Array2D<S>, as: D.Type, context: ChunkContext) throws
        -> Array2D<D>
    {
        switch factor(context.inputAxes.first?.units ?? "") {
        case .success(let scale):
            return Array2D(rows: data.rows, columns: data.columns, values: LineKernels.scaled(data.values, by: scale, to: D.self))
        case .failure(let p): throw CommandError(Self.name, p.problem)
        }
    }
}
