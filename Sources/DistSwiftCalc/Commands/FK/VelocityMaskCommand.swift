import DistSwiftIO

/// `velocity_mask`: 1 where min_velocity < v ≤ max_velocity in a `velocity_map`, else 0 (both propagation
/// directions); with smooth > 1 the mask is low-passed along frequency by a zero-phase 5th-order Butterworth at
/// 1/smooth of Nyquist (scipy `sosfiltfilt`, padtype even) and its magnitude taken, as distpy's `vel_mask` does
/// with `filtfilt` (SOS here: stable at any cut-off).
public struct VelocityMaskCommand: Command {
    public static let name = "velocity_mask"
    public static let summary = "0/1 pass band min_velocity < v ≤ max_velocity of a velocity_map, optionally smoothed"
    public static let details = """
        Takes a velocity_map (an f–k quantity): on time-domain data validation refuses it. Multiply an f–k spectrum by
        it (multiply with gather_uids) and invert both FFTs to keep waves of those apparent velocities.
        """
    public static let parameters = [
        ParameterSpec("min_velocity", .number, default: .number(1400), unit: "m/s", "lower bound (excluded)"),
        ParameterSpec("max_velocity", .number, default: .number(1600), unit: "m/s", "upper bound (included)"),
        ParameterSpec("smooth", .number, default: .number(0),
                      "> 1: low-pass the mask along frequency at 1/smooth of Nyquist; 0 or 1: a sharp mask"),
    ]
    public static let accepts: Set<SignalKind> = [.spectrum2D]

    let low: Double
    let high: Double
    let smoothing: SecondOrderSections?

    public init(_ p: ParameterValues) throws {
        low = p.number("min_velocity")
        high = p.number("max_velocity")
        guard low < high else {
            throw ParameterProblem("max_velocity", "is \(high) but must exceed min_velocity (\(low))",
                                   fix: "give min_velocity < max_velocity, e.g. 1400 and 1600")
        }
        let smooth = p.number("smooth")
        guard smooth >= 0 else {
            throw ParameterProblem("smooth", "is \(smooth) but must be 0 (no smoothing) or more than 1")
        }
        smoothing = smooth > 1 ? Butterworth.sections(order: 5, cutoffs: [1 / smooth], band: .lowpass) : nil
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { .spectrum2D }
    public func outputAxes(_ inputs: [Axes]) -> Axes { inputs[0].unitless }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let v = try inputs[0].realValues(for: Self.name)
        let mask = Array2D(rows: v.rows, columns: v.columns, values: v.values.map { $0 > low && $0 <= high ? 1.0 : 0.0 })
        guard let smoothing else { return .real(mask) }
        return .real(try mask.mappingLines(axis: 1) { line in
            do {
                return try smoothing.zeroPhase(line, padType: .even).map { abs($0) }
            } catch {
                throw CommandError(Self.name, "smooth: \(error)")
            }
        })
    }
}
