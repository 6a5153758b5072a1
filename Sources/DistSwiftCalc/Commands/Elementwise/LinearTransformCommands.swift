import DistSwiftIO
import DistSwiftNative

/// `lin_transform`: m·x + c, element by element (unit conversions, strain rate ↔ strain scaling).
public struct LinTransformCommand: Command {
    public static let name = "lin_transform"
    public static let summary = "m·x + c, element by element"
    public static let parameters = [
        ParameterSpec("m", .number, default: .number(1), "slope"),
        ParameterSpec("c", .number, default: .number(0), "offset (added to the real part)"),
    ]
    public static let accepts = Set(SignalKind.allCases)

    let m: Double
    let c: Double

    public init(_ p: ParameterValues) throws {
        m = p.number("m")
        c = p.number("c")
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public func timeContext(_ input: Axes) -> TimeContext { .pointwise }
    public var acceptsPackedSignals: Bool { true }  // `mappingComplex` reads a float32 chunk directly
    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let (m, c) = (self.m, self.c)
        return inputs[0].mappingComplex(realStaysReal: true) { (m * $0 + c, m * $1) }
    }
}

/// `rescale`: (x − min)/(max − min), min and max over the whole chunk of in — or of gather_uids[0] when given
/// (distpy's `agnostic_rescale`). distpy divides by zero for a constant array; here the result is then 0.
public struct RescaleCommand: Command {
    public static let name = "rescale"
    public static let summary = "(x − min)/(max − min) with min, max of in_uid (or of gather_uids[0]) over the chunk"
    public static let details = """
        A per-chunk normalisation, as in distpy: min and max are those of the chunk and every channel, so it is
        per chunk and needs the whole fibre (chunked runs normalise each chunk on its own). max = min gives 0.
        """
    public static let parameters: [ParameterSpec] = []
    public static let gather = GatherRule.optional
    public static let accepts: Set<SignalKind> = [.timeSeries, .perChannel, .perSample, .spectrum2D]

    public init(_ p: ParameterValues) throws {}

    public var channelContext: ChannelContext { .wholeFibre }
    public var acceptsPackedSignals: Bool { true }  // reads a float32 chunk directly (`mappingReal`)
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public func outputAxes(_ inputs: [Axes]) -> Axes { inputs[0].unitless }

    /// In a float32 graph: the float64 ratios rounded to float32, in the chunk's own buffer when it is handed over
    /// (`Float32ElementwiseMap`); min and max are read before anything is written.
    public var hasFloat32Kernel: Bool { true }
    public var worksInPlace: Bool { true }

    public func execute(owning inputs: inout [Signal], context: ChunkContext) throws -> Signal {
        let (low, high) = try extremes(inputs)
        let range = high - low
        return try Float32ElementwiseMap.execute(owning: &inputs, context: context, command: Self.name) {
            range > 0 ? ($0 - low) / range : 0
        }
    }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        // min and max of the chunk (or of gather_uids[0]) in one pass, then one pass that maps (and converts a
        // float32 chunk as it reads it).
        let (low, high) = try extremes(inputs)
        let range = high - low
        return try Float32ElementwiseMap.execute(inputs, context: context, command: Self.name) {
            range > 0 ? ($0 - low) / range : 0
        }
    }

    /// min and max of the chunk, or of gather_uids[0] when given.
    func extremes(_ inputs: [Signal]) throws -> (Double, Double) {
        switch inputs.count > 1 ? inputs[1] : inputs[0] {
        case .singleReal(let r): return ElementwiseKernels.extremes(r.values)
        case let other: return ElementwiseKernels.extremes(try other.canonical().realValues(for: Self.name).values)
        }
    }
}
