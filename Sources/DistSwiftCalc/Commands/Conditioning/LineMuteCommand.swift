import DistSwiftIO
import DistSwiftNative

/// `line_mute`: DASCore's `patch.line_mute(time=(t1, t2), smooth=…, invert=False)`: in its one-dimension form the
/// band between two values of time or distance is zeroed; with both keys, the region between two lines in the
/// time–distance plane (`MuteLines`).
public struct LineMuteCommand: InPlacePrecisionCommand {
    public static let name = "line_mute"
    public static let summary = "DASCore's line_mute: zero the band between two times or distances, or between two lines in time–distance"
    public static let details = """
        DASCore: patch.line_mute(time=[0.1, 0.3], smooth=null, invert=false, relative=true). The samples (or
        channels) from the first to the second boundary, both included, are zeroed (invert: kept, the rest
        zeroed). relative (DASCore's default): a boundary ≥ 0 is an offset from the first sample (channel), a
        negative one from the last; false: absolute values (seconds from the chunk's start are used along time
        either way, distance in metres along the fibre). null is the edge. smooth blurs the 0/1 envelope with a
        Gaussian along that dimension: a fraction 0 … 1 of its length, or samples. Defined per chunk along time
        (every chunk is muted from its own start, as DASCore's on a patch); along distance the whole fibre.
        Two-dimension form, both keys given (DASCore's lines): entry k of `time` and of `distance` together fix
        line k, either as two points — "time": [[0, 0.3], …], "distance": [[0, 300], …] is the line through
        (0 s, 0 m) and (0.3 s, 300 m) — or as one constant value with null in the other key ("time": [0, …],
        "distance": [null, …] is the line t = 0). The samples strictly between the two lines are zeroed (for lines
        that meet: in front of the meeting point along both, DASCore's cross- and dot-product tests in
        coordinates scaled by each dimension's extent); samples on a line are kept. Example, DASCore's first-break
        mute: {"name": "line_mute", "time": [0, [0, 0.3]], "distance": [null, [0, 300]], "smooth": 0.02}.
        smooth then blurs along both dimensions. Per chunk along time (times from the chunk's start), whole fibre.
        """
    public static let parameters = DimensionKeyword.keyedParameters(
        "the band [from, to] muted, null for an edge; with both keys, the two lines' entries") + [
        MuteSmoothing.parameter,
        ParameterSpec("invert", .boolean, default: .bool(false), "true: keep the band, mute the rest"),
        ParameterSpec("relative", .boolean, default: .bool(true),
                      "true: offsets from the first (≥ 0) or last (< 0) sample; false: absolute values"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    /// The band's dimension and ends (one-dimension form); with `lines` set, `.time` and unused.
    let dimension: DataDimension
    let bounds: (Double?, Double?)
    /// The two-dimension form.
    let lines: MuteLines?
    let smooth: Double?
    let invert: Bool
    let relative: Bool
    /// The envelope along time by chunk length and rate (the same for every channel block).
    private let timeEnvelopes = BlockInvariantMemo<TimeEnvelopeKey, [Double]>()

    private struct TimeEnvelopeKey: Hashable, Sendable {
        let columns: Int, rate: Double, step: Double?
    }

    public init(_ p: ParameterValues) throws {
        smooth = try MuteSmoothing.read(p)
        invert = p.flag("invert")
        relative = p.flag("relative")
        if let time = p.values["time"], time != .null, let distance = p.values["distance"], distance != .null {
            let t = try Self.lineEntries(time, key: "time"), d = try Self.lineEntries(distance, key: "distance")
            try MuteLines.check(distance: d, time: t)
            lines = MuteLines(distance: d, time: t, relative: relative)
            dimension = .time
            bounds = (nil, nil)
            return
        }
        lines = nil
        let (dimension, value) = try DimensionKeyword.keyed(p, command: Self.name, example: #"{"time": [0.1, 0.3]}"#)
        self.dimension = dimension
        if case .array(let items) = value, items.contains(where: { if case .array = $0 { true } else { false } }) {
            throw ParameterProblem(dimension.rawValue, "holds a line (a pair of points) but the other key is missing: "
                                   + "lines in the time–distance plane need both `time` and `distance`",
                                   fix: #"give both, e.g. "time": [0, [0, 0.3]], "distance": [null, [0, 300]]"#)
        }
        bounds = try DimensionKeyword.pair(value, key: dimension, what: "the band muted", single: false)
    }

    /// One key of the two-dimension form: two entries, each null, a number or a pair of numbers.
    static func lineEntries(_ value: JSONValue, key: String) throws -> [MuteLines.Bound] {
        let problem = ParameterProblem(key, "is \(value.typeName) but the two-line form takes two entries, each a "
                                       + "point pair [a, b], a constant value, or null",
                                       fix: #"e.g. "time": [0, [0, 0.3]], "distance": [null, [0, 300]]"#)
        guard case .array(let items) = value, items.count == 2 else { throw problem }
        return try items.map { item -> MuteLines.Bound in
            switch item {
            case .null: return .open
            case .number(let v): return .at(v)
            case .array(let pair):
                guard pair.count == 2, case .number(let a) = pair[0], case .number(let b) = pair[1] else { throw problem }
                return .through(a, b)
            default: throw problem
            }
        }
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public func timeContext(_ input: Axes) -> TimeContext {
        lines == nil ? DimensionContext(dimension: dimension).time(window: nil) : .perChunk
    }
    public var channelContext: ChannelContext {
        lines == nil ? DimensionContext(dimension: dimension).channels() : .wholeFibre
    }

    /// The muted elements of a line with coordinates `values`.
    func band(_ values: [Double], step: Double) -> Range<Int> {
        guard let first = values.first, let last = values.last else { return 0..<0 }
        func resolve(_ b: Double?, edge: Double) -> Double {
            guard let b else { return edge }
            if dimension == .time || relative { return b >= 0 ? first + b : last + b }
            return b
        }
        let lo = resolve(bounds.0, edge: first), hi = resolve(bounds.1, edge: last)
        let tolerance = 1e-9 * abs(step)
        let inside = values.indices.filter { values[$0] >= lo - tolerance && values[$0] <= hi + tolerance }
        guard let a = inside.first, let b = inside.last else { return 0..<0 }
        return a..<(b + 1)
    }

    /// Muting along one dimension multiplies each value once, in the output's precision; muting between lines
    /// (`lines`) computes in float64.
    func compute<S: RealSample, D: RealSample>(_ data: Array2D<S>, as: D.Type, context: ChunkContext) throws
        -> Array2D<D>
    {
        if let lines {
            guard let positions = context.rowPositions(data.rows) else {
                throw CommandError(Self.name, "needs the channels' positions")
            }
            let wide = Array2D(rows: data.rows, columns: data.columns,
                               values: LineKernels.converted(data.values, to: Double.self))
            let muted = try lines.mute(wide, positions: positions, context: context, invert: invert, smooth: smooth,
                                       command: Self.name)
            return Array2D(rows: muted.rows, columns: muted.columns,
                           values: LineKernels.converted(muted.values, to: D.self))
        }
        guard dimension == .time else {
            var out = Array2D(rows: data.rows, columns: data.columns,
                              values: LineKernels.converted(data.values, to: D.self))
            try computeInPlace(&out, context: context)
            return out
        }
        // Along time each row converted and muted in one pass (read once, written once): the runs of columns
        // whose factor is not 1 are scaled, the others copied, as `computeInPlace` leaves them.
        let factors = try envelope(rows: data.rows, columns: data.columns, context: context)
        return Array2D(rows: data.rows, columns: data.columns,
                       values: LineKernels.convertedScalingColumns(data.values, columns: data.columns, by: factors,
                                                                   spans: Self.runs(of: factors) { $0 != 1 },
                                                                   as: D.self))
    }

    /// The maximal runs of consecutive indices whose factor satisfies `changes`, in order.
    static func runs(of factors: [Double], where changes: (Double) -> Bool) -> [Range<Int>] {
        var runs: [Range<Int>] = [], start: Int?
        for (k, f) in factors.enumerated() {
            if changes(f) { start = start ?? k } else if let s = start { runs.append(s..<k); start = nil }
        }
        if let s = start { runs.append(s..<factors.count) }
        return runs
    }

    /// The band form in the values' own buffer: only the samples whose factor is not 1 (the muted band and its
    /// smoothed edges, or with `invert` the rest) are multiplied, as DASCore multiplies its mute's span; the lines
    /// form goes through `compute` (a fresh array).
    func computeInPlace<D: RealSample>(_ data: inout Array2D<D>, context: ChunkContext) throws {
        guard lines == nil else {
            data = try compute(data, as: D.self, context: context)
            return
        }
        let factors = try envelope(rows: data.rows, columns: data.columns, context: context)
        if dimension == .time {
            let changed = factors.indices.filter { factors[$0] != 1 }
            guard let first = changed.first, let last = changed.last else { return }
            LineKernels.scaleColumns(&data.values, columns: data.columns, by: factors, span: first..<(last + 1))
        } else {
            LineKernels.scaleRows(&data.values, columns: data.columns, by: factors)
        }
    }

    /// The factor of each sample along the muted dimension: 0 in the band and 1 outside (swapped by `invert`),
    /// smoothed by a Gaussian when `smooth` is given.
    private func envelope(rows: Int, columns: Int, context: ChunkContext) throws -> [Double] {
        guard dimension == .time else { return try computedEnvelope(rows: rows, columns: columns, context: context) }
        let key = TimeEnvelopeKey(columns: columns, rate: context.samplingRateHz,
                                  step: context.inputAxes.first?.spacing(dimension))
        return try timeEnvelopes.value(for: key) { try computedEnvelope(rows: rows, columns: columns, context: context) }
    }

    private func computedEnvelope(rows: Int, columns: Int, context: ChunkContext) throws -> [Double] {
        let n = dimension == .time ? columns : rows
        let values: [Double]
        if dimension == .time {
            values = (0..<n).map { Double($0) / context.samplingRateHz }
        } else {
            guard let positions = context.rowPositions(rows) else {
                throw CommandError(Self.name, "needs the channels' positions")
            }
            values = positions
        }
        let step = context.inputAxes.first?.spacing(dimension) ?? (values.count > 1 ? values[1] - values[0] : 1)
        let muted = band(values, step: step)
        var line = [Double](repeating: invert ? 0 : 1, count: n)
        for k in muted { line[k] = invert ? 1 : 0 }
        // Smoothed only near the band's edges: elsewhere the factor stays exactly 1 (or 0), so the mute touches
        // only its smoothed band, as unsmoothed.
        guard let smooth else { return line }
        return MuteSmoothing.smoothedSteps(line, sigma: MuteSmoothing.sigma(smooth, length: n))
    }
}
