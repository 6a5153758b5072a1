import DistSwiftIO
import DistSwiftNative

/// `hampel_filter`: DASCore's `patch.hampel_filter(time=…, distance=…, threshold=10)`: values further than
/// threshold × the local median absolute deviation from the local median are replaced by that median (spikes).
public struct HampelFilterCommand: Command {
    public static let name = "hampel_filter"
    public static let summary = "DASCore's hampel_filter: replace spikes (> threshold × local MAD) by the local median"
    public static let details = """
        DASCore: patch.hampel_filter(time=5, distance=5, samples=true, threshold=10, approximate=true). The window
        is odd along each dimension (lengths in s, m are rounded up to samples and then to the next odd count, as
        DASCore; an even count of samples is refused). approximate: the median (and the MAD) as a median along
        distance then one along time (DASCore's faster separable approximation); false: the 2-D median
        (scipy.ndimage.median_filter), both with mode "reflect". A zero MAD counts as machine epsilon. Continuous
        along time (twice the half window is read from each neighbouring chunk: the MAD's window around the
        median's); channel blocks with the distance window in samples, else the whole fibre.
        """
    public static let parameters = DimensionKeyword.keyedParameters("the window length (s, m, or samples; odd)") + [
        ParameterSpec("threshold", .number, default: .number(10), "outlier threshold in units of the local MAD"),
        ParameterSpec("samples", .boolean, default: .bool(false), "true: the lengths are numbers of samples"),
        ParameterSpec("approximate", .boolean, default: .bool(true),
                      "true: separable 1-D medians (DASCore's default); false: the exact 2-D median"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let footprint: WindowFootprint
    let threshold: Double
    let approximate: Bool

    public init(_ p: ParameterValues) throws {
        footprint = try WindowFootprint(p, command: Self.name, what: "the window length",
                                        example: #"{"time": 5, "distance": 5, "samples": true}"#)
        threshold = p.number("threshold")
        approximate = p.flag("approximate")
        guard threshold > 0, threshold.isFinite else {
            throw ParameterProblem("threshold", "is \(threshold) but must be finite and above 0", fix: "use e.g. 10")
        }
        for w in footprint.windows where w.inSamples && (Int(w.length) % 2 == 0 || w.length < 3) {
            throw ParameterProblem(w.dimension.rawValue, "is \(Int(w.length)) samples but the window must be odd and "
                                   + "at least 3 (a centred median)", fix: "give e.g. \(max(3, Int(w.length) + 1))")
        }
    }

    /// The median's window and the MAD's around it: twice the half window on each side.
    static func reach(_ n: Int) -> AxisContext { .symmetric(2 * (n / 2)) }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public func timeContext(_ input: Axes) -> TimeContext { footprint.timeContext(input, reach: Self.reach) }
    public var channelContext: ChannelContext { footprint.channelContext(reach: Self.reach) }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let x = try inputs[0].realValues(for: Self.name)
        var (h, w) = try footprint.size(context, command: Self.name)
        // DASCore bumps even counts from lengths to the next odd one.
        if h > 1 && h % 2 == 0 { h += 1 }
        if w > 1 && w % 2 == 0 { w += 1 }
        func median(_ v: [Double]) -> [Double] {
            guard approximate else {
                return SlidingWindowKernels.median(v, rows: x.rows, columns: x.columns, height: h, width: w)
            }
            var out = v
            // Along distance (axis 0) first, then time, in DASCore's order: the two medians do not commute.
            if h > 1 { out = SlidingWindowKernels.median(out, rows: x.rows, columns: x.columns, height: h, width: 1) }
            if w > 1 { out = SlidingWindowKernels.median(out, rows: x.rows, columns: x.columns, height: 1, width: w) }
            return out
        }
        let values = x.values
        let med = median(values)
        let deviation = OutlierKernels.absoluteDeviations(values, from: med)
        let mad = median(deviation)
        let out = OutlierKernels.replacingOutliers(values, centre: med, deviations: deviation, spread: mad,
                                                   threshold: threshold)
        return .real(Array2D(rows: x.rows, columns: x.columns, values: out))
    }
}
