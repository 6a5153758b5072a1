import DistSwiftIO

/// `wiener_filter`: DASCore's `patch.wiener_filter(time=…, distance=…, noise=None)` — scipy.signal.wiener with
/// the window by dimension; the same filter as distpy's `wiener` (xdir × tdir), with DASCore's keywords.
public struct WienerFilterCommand: Command {
    public static let name = "wiener_filter"
    public static let summary = "DASCore's wiener_filter: adaptive Wiener filter, window by dimension (scipy.signal.wiener)"
    public static let details = """
        DASCore: patch.wiener_filter(time=5, distance=3, samples=true, noise=null) — scipy.signal.wiener(data,
        mysize=(channels, samples), noise): local mean plus (1 − noise/local variance) of the deviation. Lengths in
        s and m are rounded up to samples (DASCore's get_sample_count). Without `noise` the noise is the mean local
        variance of the chunk: per chunk and whole fibre (each chunk its own estimate, as DASCore's per patch);
        with `noise` the window is read from neighbouring chunks and blocks (continuous, zeros beyond the record's
        ends as scipy). distpy's `wiener` is the same computation with xdir/tdir/noisePower.
        """
    public static let parameters = DimensionKeyword.keyedParameters("the window length (s, m, or samples)") + [
        ParameterSpec("samples", .boolean, default: .bool(false), "true: the lengths are numbers of samples"),
        ParameterSpec("noise", .number, default: .null, "noise power (null: the mean local variance of the chunk)"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let footprint: WindowFootprint
    let noise: Double?

    public init(_ p: ParameterValues) throws {
        footprint = try WindowFootprint(p, command: Self.name, what: "the window length",
                                        example: #"{"time": 5, "distance": 3, "samples": true}"#)
        if case .number(let d)? = p.values["noise"] {
            guard d >= 0 else { throw ParameterProblem("noise", "is \(d) but must be 0 or more (or null)", fix: "use e.g. 0.1") }
            noise = d
        } else {
            noise = nil
        }
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public func timeContext(_ input: Axes) -> TimeContext { noise == nil ? .perChunk : footprint.timeContext(input) }
    public var channelContext: ChannelContext { noise == nil ? .wholeFibre : footprint.channelContext() }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let x = try inputs[0].realValues(for: Self.name)
        let (h, w) = try footprint.size(context, command: Self.name)
        return .real(WienerCommand.filter(x, box: ImageCorrelation(
            kernel: Array2D(rows: h, columns: w, repeating: 1.0 / Double(h * w)), mode: .constant), noise: noise))
    }
}
