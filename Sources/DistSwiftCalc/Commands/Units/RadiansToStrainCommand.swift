import DistSwiftIO
import Foundation

/// `radians_to_strain`: DASCore's `patch.radians_to_strain(...)`: optical phase (rad, rad/s, or per metre) to
/// strain (rate) by ε = λ / (4π·n·L_g·ζ) · ΔΦ (Lindsey et al. 2020, eq. 3).
public struct RadiansToStrainCommand: Command {
    public static let name = "radians_to_strain"
    public static let summary = "DASCore's radians_to_strain: phase (rad, rad/s) × λ/(4π n L_g ζ) → strain (rate)"
    public static let details = """
        DASCore: patch.radians_to_strain(gauge_length=None, wave_length=1550e-9, stress_constant=0.79,
        refractive_index=1.445): the data × λ/(4π·n·ζ)/L_g, with λ the laser wavelength (m), n the fibre's
        refractive index, ζ the photo-elastic (stress) constant and L_g the gauge length (m; null: the store's).
        Phase already per metre (rad/m, rad/(m·s)) is not divided by L_g again, as DASCore. Prefixed units count
        (mrad is 10⁻³ rad). Units: rad → strain "1", rad/s → strain rate "1/s". The data's units must be recorded
        and hold radians: unknown or other units are a validation error (DASCore warns and returns the data
        unchanged). Pointwise: every sample on its own.
        """
    public static let parameters = [
        ParameterSpec("gauge_length", .number, default: .null, unit: "m", "gauge length; null: the store's"),
        ParameterSpec("wave_length", .number, default: .number(1550e-9), unit: "m", "laser wavelength λ"),
        ParameterSpec("stress_constant", .number, default: .number(0.79), "photo-elastic constant ζ"),
        ParameterSpec("refractive_index", .number, default: .number(1.445), "refractive index n of the fibre"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let gaugeLength: Double?
    let constant: Double

    public init(_ p: ParameterValues) throws {
        if case .number(let d)? = p.values["gauge_length"] {
            guard d > 0 else { throw ParameterProblem("gauge_length", "is \(d) but must be above 0", fix: "give metres, e.g. 10") }
            gaugeLength = d
        } else {
            gaugeLength = nil
        }
        let (lambda, zeta, n) = (p.number("wave_length"), p.number("stress_constant"), p.number("refractive_index"))
        for (name, v) in [("wave_length", lambda), ("stress_constant", zeta), ("refractive_index", n)] where !(v > 0) {
            throw ParameterProblem(name, "is \(v) but must be above 0", fix: "see `distswift commands radians_to_strain`")
        }
        if lambda > 1e-3 {
            throw ParameterProblem("wave_length", "is \(lambda) m: a laser wavelength is about 1.55e-6 m",
                                   fix: "give metres, e.g. 1550e-9")
        }
        constant = lambda / (4 * Double.pi * n * zeta)
    }

    /// The phase unit, or the problem with the data's units.
    static func phase(_ units: String) -> Result<PhysicalUnit, ParameterProblem> {
        guard !units.isEmpty else {
            return .failure(ParameterProblem(nil, "needs the data's units, but the store records none",
                                             fix: "record them (e.g. \"rad\" or \"rad/s\") or set them with "
                                             + "`convert_units` and its `from` first"))
        }
        guard let unit = PhysicalUnit.parse(units) else {
            return .failure(UnitsAlongDimension.problems(units, command: name)[0])
        }
        guard unit.radian == 1, unit.second <= 0, unit.second >= -1, unit.metre <= 0, unit.metre >= -1 else {
            return .failure(ParameterProblem(nil, "needs optical phase (rad, rad/s, rad/m or rad/(m*s)) but the data "
                                             + "are in \"\(units)\"", fix: "apply it to phase data"))
        }
        return .success(unit)
    }

    public func check(_ context: GraphContext) -> [ParameterProblem] {
        switch Self.phase(context.units) {
        case .failure(let p): return [p]
        case .success(let unit):
            guard unit.metre == 0, gaugeLength == nil, context.gaugeLengthM == nil else { return [] }
            return [ParameterProblem("gauge_length", "is not given and the store records no gauge length",
                                     fix: "give \"gauge_length\" in metres")]
        }
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public func timeContext(_ input: Axes) -> TimeContext { .pointwise }

    public func outputAxes(_ inputs: [Axes]) -> Axes {
        guard case .success(let unit) = Self.phase(inputs[0].units) else { return inputs[0] }
        // rad → strain, per metre → strain (already normalised); the prefix scale goes into the values.
        return inputs[0].withUnits(PhysicalUnit(second: unit.second).description)
    }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let data = try inputs[0].realValues(for: Self.name)
        let unit: PhysicalUnit
        switch Self.phase(context.inputAxes.first?.units ?? "") {
        case .success(let u): unit = u
        case .failure(let p): throw CommandError(Self.name, p.problem)
        }
        var factor = constant * unit.scale
        if unit.metre == 0 {
            guard let gauge = gaugeLength ?? context.gaugeLengthM else {
                throw CommandError(Self.name, "needs a gauge length: give gauge_length or record it in the store")
            }
            factor /= gauge
        }
        return .real(Array2D(rows: data.rows, columns: data.columns, values: data.values.map { $0 * factor }))
    }
}
