import DistSwiftIO

/// `gaussian_filter`: DASCore's `patch.gaussian_filter(time=…, distance=…)` — scipy.ndimage.gaussian_filter with
/// sigma along time and/or distance.
public struct GaussianFilterCommand: Command {
    public static let name = "gaussian_filter"
    public static let summary = "DASCore's gaussian_filter: Gaussian smoothing with sigma along time and/or distance"
    public static let details = """
        DASCore: patch.gaussian_filter(time=0.002, distance=4, samples=false, mode="reflect", truncate=4) —
        scipy.ndimage.gaussian_filter with kernels of radius int(truncate·sigma + 0.5). Sigma is in s and m, or in
        samples with "samples": true. Unlike DASCore, a sigma in s or m is not rounded up to whole samples first
        (DASCore passes get_sample_count's ceiling as sigma, so time=0.0015 at 1 kHz smooths with sigma 2 samples,
        not 1.5); with sigma in samples the two agree. distpy's `gaussian` (xsigma/tsigma, derivatives) keeps
        its name. Continuous along time (the kernel's radius is read from neighbouring chunks); channel blocks
        with sigma along distance in samples, else the whole fibre. `mode` applies at the record's ends.
        """
    public static let parameters = DimensionKeyword.keyedParameters("sigma, the standard deviation (s, m, or samples)") + [
        ParameterSpec("samples", .boolean, default: .bool(false), "true: sigma is in samples"),
        ParameterSpec("mode", EdgeMode.parameterKind, default: .string("reflect"), "edge mode at the record's ends"),
        ParameterSpec("truncate", .number, default: .number(4), "kernel radius in standard deviations"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let sigmas: [DimensionWindow]
    let mode: EdgeMode
    let truncate: Double

    public init(_ p: ParameterValues) throws {
        let samples = p.flag("samples")
        sigmas = try DimensionKeyword.keyedAny(p, example: #"{"time": 0.002}"#).map { d, v in
            let number = try DimensionKeyword.number(v, key: d, what: "sigma")
            guard number > 0 else {
                throw ParameterProblem(d.rawValue, "is \(number) but sigma must be above 0", fix: "give e.g. 2")
            }
            // sigma need not be a whole number of samples
            return DimensionWindow(unchecked: d, length: number, inSamples: samples)
        }
        mode = EdgeMode(rawValue: p.string("mode")) ?? .reflect
        truncate = p.number("truncate")
        guard truncate > 0 else { throw ParameterProblem("truncate", "is \(truncate) but must be above 0", fix: "use 4") }
    }

    /// Sigma in samples for these axes (no rounding), nil when the spacing is unknown.
    func sigma(_ dimension: DataDimension, _ axes: Axes?, rate: Double? = nil) -> Double? {
        guard let s = sigmas.first(where: { $0.dimension == dimension }) else { return nil }
        if s.inSamples { return s.length }
        if let step = axes?.spacing(dimension), step != 0 { return s.length / abs(step) }
        return rate.map { s.length * $0 }
    }

    func correlation(_ sigma: Double?, alongTime: Bool) -> ImageCorrelation? {
        guard let sigma else { return nil }
        let weights = Array(GaussianCommand.kernel(sigma: sigma, order: 0, truncate: truncate).reversed())
        return ImageCorrelation(kernel: Array2D(rows: alongTime ? 1 : weights.count, columns: alongTime ? weights.count : 1,
                                                values: weights), mode: mode)
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }

    public func timeContext(_ input: Axes) -> TimeContext {
        guard sigmas.contains(where: { $0.dimension == .time }) else { return .pointwise }
        guard let kernel = correlation(sigma(.time, input), alongTime: true) else { return .perChunk }
        return .window(kernel.timeContext)
    }

    public var channelContext: ChannelContext {
        guard let s = sigmas.first(where: { $0.dimension == .distance }) else { return .local }
        guard s.inSamples, let kernel = correlation(s.length, alongTime: false) else { return .wholeFibre }
        return .window(kernel.channelContext)
    }

    /// Takes a float32 chunk as it is: the pass along time reads it directly (no float64 copy of the chunk).
    public var acceptsPackedSignals: Bool { true }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        var x: Array2D<Double>? = nil
        let axes = context.inputAxes.first
        for s in sigmas {
            guard let sigma = sigma(s.dimension, axes, rate: s.dimension == .time ? context.samplingRateHz : nil),
                  let kernel = correlation(sigma, alongTime: s.dimension == .time) else {
                throw CommandError(Self.name, "needs evenly spaced \(s.dimension.rawValue) coordinates for sigma in "
                                   + "\(s.dimension.coordinateUnit); give \"samples\": true")
            }
            if s.dimension == .time, x == nil, case .singleReal(let single) = inputs[0] {
                x = kernel.applyAlongTime(single)
                continue
            }
            let values = try x ?? inputs[0].canonical().realValues(for: Self.name)
            x = s.dimension == .time ? kernel.applyAlongTime(values) : kernel.applyAlongChannels(values)
        }
        return .real(try x ?? inputs[0].canonical().realValues(for: Self.name))
    }
}
