import DistSwiftIO

/// `velocity_to_strain_rate`: DASCore's `patch.velocity_to_strain_rate(step_multiple=2)`: the spatial derivative
/// of particle velocity over a gauge of step_multiple channels (central differences), i.e. strain rate.
public struct VelocityToStrainRateCommand: PrecisionGenericCommand {
    public static let name = "velocity_to_strain_rate"
    public static let summary = "DASCore's velocity_to_strain_rate: d(velocity)/dx over the gauge length → strain rate"
    public static let details = """
        DASCore: patch.velocity_to_strain_rate(step_multiple=2, order=2) = patch.differentiate("distance",
        step=step_multiple/2): (v[x + g/2] − v[x − g/2]) / g with g = step_multiple·dx the gauge length, second-order
        one-sided stencils at the fibre's ends. Without step_multiple the gauge length is the store's
        (store.json gaugeLengthM): step_multiple = gauge length / channel spacing, which must come out even.
        Units: velocity (m/s, recorded or not) becomes strain rate 1/s; recorded units that are not a velocity
        are a validation error. Pointwise in time; the whole fibre along distance (no channel blocks).
        """
    public static let parameters = [
        ParameterSpec("step_multiple", .integer, default: .null,
                      "gauge length in channels (even); null: the store's gauge length over the channel spacing"),
        ParameterSpec("order", .integer, default: .number(2), "accuracy order of the stencil; only 2"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let stepMultiple: Int?

    public init(_ p: ParameterValues) throws {
        if case .number(let d)? = p.values["step_multiple"] {
            let n = Int(d)
            guard n > 0, n % 2 == 0 else {
                throw ParameterProblem("step_multiple", "is \(n) but must be even and positive (a centred gauge)",
                                       fix: "use e.g. 2, or leave it out to take the store's gauge length")
            }
            stepMultiple = n
        } else {
            stepMultiple = nil
        }
        guard p.integer("order") == 2 else {
            throw ParameterProblem("order", "is \(p.integer("order")) but only order 2 is available", fix: "use 2")
        }
    }

    /// step_multiple, given or from the gauge length; a problem saying what is missing or odd.
    func steps(gaugeLength: Double?, spacing: Double?) -> Result<Int, ParameterProblem> {
        if let stepMultiple { return .success(stepMultiple) }
        guard let gaugeLength, let spacing, spacing != 0 else {
            return .failure(ParameterProblem("step_multiple", "is not given and the store records no gauge length "
                                             + "(or no channel spacing)", fix: "give \"step_multiple\": 2 (channels)"))
        }
        let ratio = gaugeLength / abs(spacing), n = Int(ratio.rounded())
        guard abs(ratio - Double(n)) < 1e-6 * max(1, ratio), n > 0, n % 2 == 0 else {
            return .failure(ParameterProblem("step_multiple", "would be the gauge length \(gaugeLength) m over the "
                                             + "spacing \(abs(spacing)) m = \(ratio), not an even whole number",
                                             fix: "give \"step_multiple\" (an even number of channels)"))
        }
        return .success(n)
    }

    public func check(_ context: GraphContext) -> [ParameterProblem] {
        var problems: [ParameterProblem] = []
        if !context.units.isEmpty {
            if let unit = PhysicalUnit.parse(context.units) {
                if !unit.isCommensurable(with: PhysicalUnit(metre: 1, second: -1)) {
                    problems.append(ParameterProblem(nil, "needs particle velocity but the data are in \"\(context.units)\"",
                                                     fix: "apply it to velocity data (m/s), e.g. Terra15 velocity"))
                }
            } else {
                problems += UnitsAlongDimension.problems(context.units, command: Self.name)
            }
        }
        if case .failure(let p) = steps(gaugeLength: context.gaugeLengthM, spacing: context.channelSpacingM),
           context.channelSpacingM != nil {
            problems.append(p)
        }
        return problems
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public func timeContext(_ input: Axes) -> TimeContext { .pointwise }
    public var channelContext: ChannelContext { .wholeFibre }

    public func outputAxes(_ inputs: [Axes]) -> Axes {
        let units = inputs[0].units.isEmpty ? "m/s" : inputs[0].units
        return inputs[0].withUnits(UnitsAlongDimension.following(units, along: .distance, power: -1))
    }

    /// The gradient along the fibre read straight from the input's precision (a float32 chunk is not copied to
    /// float64 first; widening is exact, so the float64 result is the same).
    func compute<S: RealSample, D: RealSample>(_ data: Array2D<S>, as: D.Type, context: ChunkContext) throws
        -> Array2D<D>
    {
        guard let spacing = context.inputAxes.first?.spacing(.distance) else {
            throw CommandError(Self.name, "needs evenly spaced channels")
        }
        let n: Int
        switch steps(gaugeLength: context.gaugeLengthM, spacing: spacing) {
        case .success(let s): n = s
        case .failure(let p): throw CommandError(Self.name, "step_multiple \(p.problem)")
        }
        return try DifferentiateCommand.gradient(data, along: .distance, step: n / 2, spacing: spacing, as: D.self)
    }
}
