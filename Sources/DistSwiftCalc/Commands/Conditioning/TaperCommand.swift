import DistSwiftIO
import DistSwiftNative

/// `taper`: DASCore's `patch.taper(time=0.05, window_type="hann")`: the first and last part of each line
/// multiplied by the rising and falling half of a window.
public struct TaperCommand: InPlacePrecisionCommand {
    public static let name = "taper"
    public static let summary = "DASCore's taper: the ends of each line along time or distance times a half window"
    public static let details = """
        DASCore: patch.taper(time=0.05, window_type="hann"). The value is a fraction of the line's extent
        ((n − 1) samples) for both ends, a pair [start, end] (an end may be null: no taper there), or a length
        with its unit ("0.5 s", "20 ms", "10 m"). As DASCore, the taper covers the samples within that extent of
        the end (⌊fraction·(n − 1)⌋ + 1 of them), multiplied by the first (last) half of the window of twice
        that length; the tapers may not overlap. Windows: hann, cos and tukey (the cosine flank of a Tukey
        window, the same curve), hamming, blackman, bartlett, triang/ramp, boxcar. Along time it is defined per
        chunk: every chunk's ends are tapered (as DASCore's on a patch of the chunk). Along distance the fibre's
        ends are tapered (no channel blocks).
        """
    public static let parameters = DimensionKeyword.keyedParameters(
        "the taper length: a fraction of the extent, a pair [start, end], or \"0.5 s\"/\"10 m\"") + [
        ParameterSpec("window_type", .choice(WindowFunction.allCases.map(\.rawValue)), default: .string("hann"),
                      "the window whose halves are put on the ends (scipy.signal.windows)"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    /// One end's taper: a fraction of the extent, or a length in the dimension's unit (s, m).
    enum Extent: Equatable {
        case fraction(Double)
        case length(Double)
    }

    let dimension: DataDimension
    let ends: (Extent?, Extent?)
    let window: WindowFunction

    public init(_ p: ParameterValues) throws {
        let (dimension, value) = try DimensionKeyword.keyed(p, command: Self.name, example: #"{"time": 0.05}"#)
        self.dimension = dimension
        window = WindowFunction(rawValue: p.string("window_type")) ?? .hann
        let key = dimension.rawValue
        func extent(_ v: JSONValue) throws -> Extent? {
            switch v {
            case .null: return nil
            case .number(let f):
                guard f >= 0 && f <= 1 else {
                    throw ParameterProblem(key, "has the fraction \(f) but a fraction of the extent lies in 0 … 1",
                                           fix: "give e.g. 0.05, or a length with its unit such as \"0.5 s\"")
                }
                return .fraction(f)
            case .string(let s):
                guard let length = QuantityText.value(s, in: dimension.coordinateUnit), length >= 0 else {
                    throw ParameterProblem(key, "is \"\(s)\", not a length in \(dimension.coordinateUnit)",
                                           fix: dimension == .time ? "write e.g. \"0.5 s\" or \"20 ms\""
                                               : "write e.g. \"10 m\" or \"0.1 km\"")
                }
                return .length(length)
            default:
                throw ParameterProblem(key, "is \(v.typeName) but must be a fraction, a length text or a pair",
                                       fix: "give e.g. 0.05, \"0.5 s\" or [0.05, null]")
            }
        }
        if case .array(let items) = value {
            guard items.count == 2 else {
                throw ParameterProblem(key, "has \(items.count) values but a pair is [start, end]",
                                       fix: "give e.g. [0.05, 0.1] or [0.05, null]")
            }
            ends = (try extent(items[0]), try extent(items[1]))
        } else {
            let e = try extent(value)
            ends = (e, e)
        }
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public func timeContext(_ input: Axes) -> TimeContext { DimensionContext(dimension: dimension).time(window: nil) }
    public var channelContext: ChannelContext { DimensionContext(dimension: dimension).channels() }

    /// Samples tapered at each end of a line of `n` with spacing `step`: those within the extent of the end.
    func taperLengths(_ n: Int, step: Double?) throws -> (Int, Int) {
        func samples(_ e: Extent?) throws -> Int {
            guard let e else { return 0 }
            let span: Double
            switch e {
            case .fraction(let f): span = f * Double(n - 1)
            case .length(let l):
                guard let step, step != 0 else {
                    throw CommandError(Self.name, "a taper length in \(dimension.coordinateUnit) needs evenly spaced "
                                       + "\(dimension.rawValue) coordinates; give a fraction instead")
                }
                span = l / abs(step)
            }
            // Tolerance for extents that land on a sample: DASCore compares exact coordinates.
            return Int((span * (1 + 1e-12) + 1e-9).rounded(.down)) + 1
        }
        return (try samples(ends.0), try samples(ends.1))
    }

    /// `data` in precision `D` with its ends multiplied by the window's halves: along time in one pass that
    /// converts each row and tapers its ends (a float32 chunk in a float64 graph is read once and its result
    /// written once); along distance converted, then the end rows scaled.
    func compute<S: RealSample, D: RealSample>(_ data: Array2D<S>, as: D.Type, context: ChunkContext) throws
        -> Array2D<D>
    {
        guard dimension == .time else {
            var out = Array2D(rows: data.rows, columns: data.columns,
                              values: LineKernels.converted(data.values, to: D.self))
            try computeInPlace(&out, context: context)
            return out
        }
        // Along time every row is converted and tapered in one pass (the values read once, written once).
        let n = data.columns
        let (ends, a, b) = try taperedEnds(n, context: context)
        var factors = [Double](repeating: 1, count: n)
        for (c, w) in ends { factors[c] = w }
        return Array2D(rows: data.rows, columns: n,
                       values: LineKernels.convertedScalingColumns(data.values, columns: n, by: factors,
                                                                   spans: [0..<a, (n - b)..<n], as: D.self))
    }

    /// The tapered samples of a line of `n` (position along the line, factor) — only they change — and the taper
    /// lengths at the start and the end.
    func taperedEnds(_ n: Int, context: ChunkContext) throws -> (ends: [(Int, Double)], start: Int, end: Int) {
        let (a, b) = try taperLengths(n, step: context.inputAxes.first?.spacing(dimension))
        guard a <= n && b <= n else {
            throw CommandError(Self.name, "the taper lengths (\(a) and \(b) samples) exceed the \(n) samples along "
                               + "\(dimension.rawValue)")
        }
        guard a <= n - b else {
            throw CommandError(Self.name, "the tapers at the two ends (\(a) and \(b) of \(n) samples) overlap; "
                               + "use a shorter taper")
        }
        let rising = Array(window.values(2 * a).prefix(a)), falling = Array(window.values(2 * b).suffix(b))
        return (rising.enumerated().map { ($0.offset, $0.element) }
                    + falling.enumerated().map { (n - b + $0.offset, $0.element) }, a, b)
    }

    /// The ends of `data` multiplied by the window's halves in its own buffer: only the tapered samples are
    /// touched (a tenth of the chunk for DASCore's 0.05), so on a buffer the engine hands over the rest costs
    /// nothing.
    func computeInPlace<D: RealSample>(_ data: inout Array2D<D>, context: ChunkContext) throws {
        let (ends, _, _) = try taperedEnds(dimension == .time ? data.columns : data.rows, context: context)
        let (rows, columns) = (data.rows, data.columns)
        func scale(_ i: Int, _ w: Double) { data.values[i] = D(Double(data.values[i]) * w) }
        if dimension == .time {
            for r in 0..<rows {
                let base = r * columns
                for (c, w) in ends { scale(base + c, w) }
            }
        } else {
            for (r, w) in ends {
                for c in 0..<columns { scale(r * columns + c, w) }
            }
        }
    }
}
