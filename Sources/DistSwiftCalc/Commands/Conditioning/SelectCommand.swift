import DistSwiftIO
import DistSwiftNative

/// `select`: DASCore's `patch.select(distance=(lo, hi))` / `patch.select(time=(t0, t1), relative=True)`: the
/// samples or channels whose coordinate lies in a range (both ends kept), with the axes cut to them.
public struct SelectCommand: InPlacePrecisionCommand, ReadNarrowingCommand {
    public static let name = "select"
    public static let summary = "DASCore's select: keep the time or distance range given by value (ends included)"
    public static let details = """
        DASCore: patch.select(distance=[100, 500]) keeps the channels at 100 m ≤ position ≤ 500 m;
        patch.select(time=[0.1, 0.4], relative=True) the samples 0.1 s to 0.4 s after the chunk's first sample
        (times are always relative to the chunk here: a chunked run has no one absolute range for every chunk).
        A null end is open; with "samples": true the pair is [first, last + 1) in samples, as DASCore's. The axes
        (time.npy, measured_depth.npy) hold the kept coordinates. Defined per chunk along time; along distance
        the same channels of every chunk (no channel blocks, the fibre is cut as a whole). distpy's `clip`
        (nearest samples, both dimensions at once) keeps its meaning.
        DASCore: cc.select(lag_time=[-2, 2]) keeps the lags of a correlation (`cross_correlate`) between −2 s
        and 2 s (absolute lags, not relative): every chunk's correlation then has the same lag axis, which
        `distswift stack --reduce` needs when chunks differ in length (a record's short last chunk).
        When selections are the only readers of the chunk (uid 0), only the kept channels or samples are read from
        the store (a narrowed read; `describe` says so).
        """
    public static let parameters = DimensionKeyword.keyedParameters("the range [low, high] kept; null for an open end") + [
        ParameterSpec("lag_time", .json, default: .null, unit: "s",
                      "DASCore's `lag_time=`: the lags [low, high] kept of a correlation's lag axis (instead of "
                      + "time or distance)"),
        ParameterSpec("samples", .boolean, default: .bool(false), "true: the range is in samples, [first, end)"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let dimension: DataDimension
    let low: Double?
    let high: Double?
    let samples: Bool
    /// The range is of a correlation's lags (the columns), by their values.
    let lags: Bool

    public init(_ p: ParameterValues) throws {
        if let lagRange = p.values["lag_time"], lagRange != .null {
            guard DataDimension.allCases.allSatisfy({ p.values[$0.rawValue] ?? .null == .null }) else {
                throw ParameterProblem("lag_time", "is given together with `time` or `distance`",
                                       fix: "select lags and times in two select entries")
            }
            dimension = .time
            lags = true
            do {
                (low, high) = try DimensionKeyword.pair(lagRange, key: .time, what: "the lags kept", single: false)
            } catch {
                throw ParameterProblem("lag_time", "must be a pair [low, high] of lags in s; an end may be null",
                                       fix: "give e.g. {\"lag_time\": [-2, 2]}")
            }
        } else {
            let (dimension, value) = try DimensionKeyword.keyed(p, command: Self.name,
                                                                example: #"{"distance": [100, 500]}"#)
            self.dimension = dimension
            lags = false
            (low, high) = try DimensionKeyword.pair(value, key: dimension, what: "the range kept", single: false)
        }
        samples = p.flag("samples")
        if let low, let high, low > high {
            throw ParameterProblem(dimension.rawValue, "is [\(low), \(high)] but low must not exceed high",
                                   fix: "give [low, high]")
        }
        if samples, [low, high].contains(where: { $0.map { $0 != $0.rounded() } ?? false }) {
            throw ParameterProblem(dimension.rawValue, "is not whole sample numbers", fix: "give whole numbers")
        }
    }

    public var keepsInputValues: Bool { true }  // a block of its input: float32 values stay float32 in any graph
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public func timeContext(_ input: Axes) -> TimeContext { DimensionContext(dimension: dimension).time(window: nil) }
    public var channelContext: ChannelContext { DimensionContext(dimension: dimension).channels() }

    /// The kept elements of an axis.
    func kept(_ axis: Axis) -> Range<Int> {
        let n = axis.count
        if samples {
            func index(_ v: Double?, _ otherwise: Int) -> Int {
                guard let v else { return otherwise }
                let k = Int(v)
                return min(max(k < 0 ? n + k : k, 0), n)
            }
            let lo = index(low, 0), hi = index(high, n)
            return lo..<max(lo, hi)
        }
        var values = axis.values ?? (0..<n).map(Double.init)
        if dimension == .time, !lags, let first = values.first { values = values.map { $0 - first } }
        let tolerance = 1e-9 * (abs(axis.step ?? 1))
        let inside = values.indices.filter { k in
            (low.map { values[k] >= $0 - tolerance } ?? true) && (high.map { values[k] <= $0 + tolerance } ?? true)
        }
        guard let lo = inside.first, let hi = inside.last else { return 0..<0 }
        return lo..<(hi + 1)
    }

    public func outputAxes(_ inputs: [Axes]) -> Axes {
        let axis = inputs[0].axis(dimension)
        return inputs[0].replacing(dimension, with: axis.slice(kept(axis)))
    }

    /// Copies only the kept samples, in the output's precision as they are read (a float32 chunk widened in a
    /// float64 graph). DASCore returns a numpy view instead; distswift's values are whole arrays (no strided views
    /// on graph edges, so every command reads contiguous rows), so a selection costs one copy of what it keeps —
    /// or, on a buffer the engine hands over (`computeInPlace`), a move of the kept samples to its front. As the
    /// chunk's only reader it costs nothing: the engine reads just the kept block (`keptBlock(of:)`).
    func compute<S: RealSample, D: RealSample>(_ data: Array2D<S>, as: D.Type, context: ChunkContext) throws
        -> Array2D<D>
    {
        let (rows, columns) = try block(rows: data.rows, columns: data.columns, context: context)
        return Array2D(rows: rows.count, columns: columns.count,
                       values: ElementwiseKernels.block(data.values, columns: data.columns, rows: Array(rows),
                                                        columnRange: columns, as: D.self))
    }

    /// The kept range as a block of `input` (nil for lags: a correlation is never the chunk a read gives).
    public func keptBlock(of input: Axes) -> KeptBlock? {
        guard !lags else { return nil }
        let range = kept(input.axis(dimension))
        return dimension == .distance ? KeptBlock(rows: range, columns: 0..<input.columns.count)
            : KeptBlock(rows: 0..<input.rows.count, columns: range)
    }

    /// The kept block moved to the front of the values' own buffer (no fresh array, no pages faulted in).
    func computeInPlace<D: RealSample>(_ data: inout Array2D<D>, context: ChunkContext) throws {
        let (rows, columns) = try block(rows: data.rows, columns: data.columns, context: context)
        let width = data.columns
        var values = data.values
        data = Array2D(rows: 0, columns: 0, values: [])  // `values` is then the buffer's only holder
        ElementwiseKernels.keepBlock(&values, columns: width, rows: rows, columnRange: columns)
        data = Array2D(rows: rows.count, columns: columns.count, values: values)
    }

    /// The rows and columns kept of a `rows` × `columns` input.
    private func block(rows: Int, columns: Int, context: ChunkContext) throws -> (Range<Int>, Range<Int>) {
        let axes = context.inputAxes.first ?? Axes.chunk(positions: context.channelPositions, segmentOriginNs: 0,
                                                          rateHz: context.samplingRateHz, firstSample: 0,
                                                          samples: columns, units: "")
        if lags, axes.columns.dimension != .lag {
            throw CommandError(Self.name, "lag_time selects lags, but the input has a "
                               + "\(axes.columns.dimension.rawValue) axis; put select after cross_correlate")
        }
        let range = kept(axes.axis(dimension))
        return dimension == .distance ? (range, 0..<columns) : (0..<rows, range)
    }
}
