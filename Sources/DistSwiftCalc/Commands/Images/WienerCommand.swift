import DistSwiftIO

/// `wiener`: scipy.signal.wiener(x, [xdir, tdir], noisePower) — the local mean plus (1 − noise/local variance) of
/// the deviation, or the local mean where the variance is below the noise. Local statistics use a window of xdir
/// channels × tdir samples with zeros beyond the edges (scipy's correlate 'same').
public struct WienerCommand: Command {
    public static let name = "wiener"
    public static let summary = "adaptive Wiener filter over xdir channels × tdir samples (scipy.signal.wiener)"
    public static let details = """
        Without noisePower the noise is the mean local variance of the chunk, as scipy: then it is a per-chunk
        filter needing the whole fibre (each chunk estimates its own noise, as distpy). With noisePower given, the
        window reads the neighbouring chunks and blocks and chunked runs equal one long record (zeros beyond the
        record's ends, as scipy). DASCore's wiener_filter (the same filter, window by dimension) is
        `wiener_filter`.
        """
    public static let parameters = [
        ParameterSpec("xdir", .integer, default: .number(5), unit: "channels", "window size along channels"),
        ParameterSpec("tdir", .integer, default: .number(5), unit: "samples", "window size along time"),
        ParameterSpec("noisePower", .number, default: .null, "noise power (null: the mean local variance of the chunk)"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let box: ImageCorrelation
    let noise: Double?

    public init(_ p: ParameterValues) throws {
        let xdir = try p.windowLength("xdir"), tdir = try p.windowLength("tdir")
        box = ImageCorrelation(kernel: Array2D(rows: xdir, columns: tdir, repeating: 1.0 / Double(xdir * tdir)),
                               mode: .constant)
        if case .number(let d)? = p.values["noisePower"] {
            guard d >= 0 else { throw ParameterProblem("noisePower", "is \(d) but must be 0 or more (or null)") }
            noise = d
        } else {
            noise = nil
        }
    }

    public func timeContext(_ input: Axes) -> TimeContext { noise == nil ? .perChunk : .window(box.timeContext) }
    public var channelContext: ChannelContext { noise == nil ? .wholeFibre : .window(box.channelContext) }
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        .real(Self.filter(try inputs[0].realValues(for: Self.name), box: box, noise: noise))
    }

    /// scipy.signal.wiener with the local statistics of `box` (a uniform window, zeros beyond the edges) and the
    /// noise power (nil: the mean local variance).
    static func filter(_ x: Array2D<Double>, box: ImageCorrelation, noise: Double?) -> Array2D<Double> {
        let mean = box.apply(x)
        let meanSquare = box.apply(Array2D(rows: x.rows, columns: x.columns, values: x.values.map { $0 * $0 }))
        let variance = zip(meanSquare.values, mean.values).map { $0 - $1 * $1 }
        let noise = noise ?? variance.reduce(0, +) / Double(max(1, variance.count))
        var out = [Double](repeating: 0, count: x.values.count)
        for i in out.indices {
            let m = mean.values[i], v = variance[i]
            out[i] = v < noise ? m : m + (x.values[i] - m) * (1 - noise / v)
        }
        return Array2D(rows: x.rows, columns: x.columns, values: out)
    }
}
