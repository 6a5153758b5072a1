import DistSwiftIO
import DistSwiftNative

/// The direction of a threshold: ">" limits values above it, anything else (distpy: any other string) below.
private func limitsAbove(_ p: ParameterValues) -> Bool { p.string("direction") == ">" }

/// `soft_threshold`: values beyond the threshold become the threshold (a clip from one side). distpy changes its
/// input array in place, so every other command reading the same input saw the clipped data (§1.2); here the input
/// is never modified.
public struct SoftThresholdCommand: Command {
    public static let name = "soft_threshold"
    public static let summary = "values above (direction \">\") or below the threshold are set to the threshold"
    public static let parameters = [
        ParameterSpec("threshold", .number, default: .number(0), "the limit"),
        ParameterSpec("direction", .string, default: .string(">"), "\">\": limit values above; anything else: below"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries, .perChannel, .perSample, .spectrum2D]

    let threshold: Double
    let above: Bool

    public init(_ p: ParameterValues) throws {
        threshold = p.number("threshold")
        above = limitsAbove(p)
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public func timeContext(_ input: Axes) -> TimeContext { .pointwise }
    public var acceptsPackedSignals: Bool { true }  // reads a float32 chunk directly (`mappingReal`)
    /// In a float32 graph: float32 values (x, or the threshold rounded to float32), in the chunk's own buffer when
    /// it is handed over (`Float32ElementwiseMap`).
    public var hasFloat32Kernel: Bool { true }
    public var worksInPlace: Bool { true }

    public func execute(owning inputs: inout [Signal], context: ChunkContext) throws -> Signal {
        let (t, above) = (threshold, self.above)
        return try Float32ElementwiseMap.execute(owning: &inputs, context: context, command: Self.name) {
            above ? ($0 > t ? t : $0) : ($0 < t ? t : $0)
        }
    }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let (t, above) = (threshold, self.above)
        return try Float32ElementwiseMap.execute(inputs, context: context, command: Self.name) {
            above ? ($0 > t ? t : $0) : ($0 < t ? t : $0)
        }
    }
}

/// `hard_threshold`: values beyond the threshold are replaced by `value`. Never modifies its input (distpy did).
public struct HardThresholdCommand: Command {
    public static let name = "hard_threshold"
    public static let summary = "values above (direction \">\") or below the threshold are replaced by value"
    public static let parameters = [
        ParameterSpec("threshold", .number, default: .number(0), "the limit"),
        ParameterSpec("value", .number, default: .number(0), "what replaces values beyond the limit"),
        ParameterSpec("direction", .string, default: .string(">"), "\">\": replace values above; anything else: below"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries, .perChannel, .perSample, .spectrum2D]

    let threshold: Double
    let value: Double
    let above: Bool

    public init(_ p: ParameterValues) throws {
        threshold = p.number("threshold")
        value = p.number("value")
        above = limitsAbove(p)
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public func timeContext(_ input: Axes) -> TimeContext { .pointwise }
    public var acceptsPackedSignals: Bool { true }  // reads a float32 chunk directly (`mappingReal`)
    /// In a float32 graph: float32 values, in the chunk's own buffer when it is handed over (as `soft_threshold`).
    public var hasFloat32Kernel: Bool { true }
    public var worksInPlace: Bool { true }

    public func execute(owning inputs: inout [Signal], context: ChunkContext) throws -> Signal {
        let (t, v, above) = (threshold, value, self.above)
        return try Float32ElementwiseMap.execute(owning: &inputs, context: context, command: Self.name) {
            above ? ($0 > t ? v : $0) : ($0 < t ? v : $0)
        }
    }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let (t, v, above) = (threshold, value, self.above)
        return try Float32ElementwiseMap.execute(inputs, context: context, command: Self.name) {
            above ? ($0 > t ? v : $0) : ($0 < t ? v : $0)
        }
    }
}

/// `bounded_select`: a 0/1 mask, 1 where min_val < x ≤ max_val.
public struct BoundedSelectCommand: Command {
    public static let name = "bounded_select"
    public static let summary = "1 where min_val < x ≤ max_val, else 0"
    public static let parameters = [
        ParameterSpec("min_val", .number, default: .number(0), "lower bound (excluded)"),
        ParameterSpec("max_val", .number, default: .number(1), "upper bound (included)"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries, .perChannel, .perSample, .spectrum2D]

    let low: Double
    let high: Double

    public init(_ p: ParameterValues) throws {
        low = p.number("min_val")
        high = p.number("max_val")
        guard low < high else {
            throw ParameterProblem("max_val", "is \(high) but must exceed min_val (\(low))",
                                   fix: "give min_val < max_val")
        }
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public func timeContext(_ input: Axes) -> TimeContext { .pointwise }
    public var acceptsPackedSignals: Bool { true }  // reads a float32 chunk directly (`mappingReal`)
    public func outputAxes(_ inputs: [Axes]) -> Axes { inputs[0].unitless }
    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let (low, high) = (self.low, self.high)
        return try inputs[0].mappingReal(for: Self.name) { $0 > low && $0 <= high ? 1 : 0 }
    }
}
