import DistSwiftIO

/// The dimension of DASCore's keyword convention: `patch.taper(time=0.05)`, `patch.detrend(dim="distance")`.
public enum DataDimension: String, Sendable, CaseIterable {
    case time, distance

    /// The array axis it runs along: time is the columns (axis 1), distance the rows (axis 0).
    var axis: Int { self == .time ? 1 : 0 }

    /// The unit a coordinate of this dimension is measured in.
    var coordinateUnit: String { self == .time ? "s" : "m" }
}

/// How DASCore-style commands name the dimension they work along, in one place so every command reads and
/// rejects it alike. Two forms, as DASCore has them:
/// - keyed: the dimension is the key and its value the command's argument (`{"time": [1, 100]}`,
///   `{"distance": 4}`) — exactly one of `time` or `distance`;
/// - named: `{"dim": "time"}` (DASCore's `dim=`), for commands whose only argument is the dimension.
/// A command declares one form; the parameter specs come from here, and so do the errors, which name the key.
public enum DimensionKeyword {
    /// The specs of the keyed form: `time` and `distance`, both optional at the JSON level (exactly one is
    /// checked by `keyed`), taking any JSON value the command then reads (`valueKind` says what in the docs).
    public static func keyedParameters(_ valueKind: String) -> [ParameterSpec] {
        [ParameterSpec("time", .json, default: .null, unit: "s or Hz as the command says",
                       "DASCore's `time=`: \(valueKind) along time (give this or `distance`)"),
         ParameterSpec("distance", .json, default: .null, unit: "m or 1/m as the command says",
                       "DASCore's `distance=`: \(valueKind) along the fibre (give this or `time`)")]
    }

    /// The named form for commands that run along time only (spectral, event, rolling): `dim` takes "time", so a
    /// DASCore user's "distance" is refused by the choice check.
    static func timeOnlyNamedParameter(_ doc: String = "dimension to run along (DASCore's dim); only time")
        -> ParameterSpec
    {
        ParameterSpec("dim", .choice(["time"]), default: .string("time"), doc)
    }

    /// `"time": extent` for commands that run along time only — one number (a window) or a list (several).
    static func timeExtentParameter(_ doc: String, list: Bool = false, optional: Bool = false) -> ParameterSpec {
        ParameterSpec("time", list ? .numberOrList : .number, default: optional ? .null : nil,
                      unit: "s (samples when samples is true)", doc)
    }

    /// `"samples"`: DASCore's flag, the extents are sample counts rather than seconds.
    static let samplesParameter = ParameterSpec("samples", .boolean, default: .bool(false),
                                                "true: time, step and window values are sample counts (DASCore's samples)")

    /// DASCore's `get_sample_count` of a length that spans `ratio` sample intervals: rounded up, a ratio within
    /// floating-point error of a whole number taken as that number; at least 1.
    static func sampleCount(_ ratio: Double) -> Int {
        let nearest = ratio.rounded()
        return max(1, Int(abs(ratio - nearest) <= 1e-9 * max(1, nearest) ? nearest : ratio.rounded(.up)))
    }

    /// The spec of the named form: `dim`, "time" or "distance", DASCore's default first.
    public static func namedParameter(default dimension: DataDimension = .time) -> ParameterSpec {
        ParameterSpec("dim", .choice(DataDimension.allCases.map(\.rawValue)), default: .string(dimension.rawValue),
                      "DASCore's `dim=`: the dimension to work along, \"time\" or \"distance\"")
    }

    /// The dimension and its value from the keyed form; exactly one of `time` and `distance` must be given.
    public static func keyed(_ p: ParameterValues, command: String, example: String) throws
        -> (dimension: DataDimension, value: JSONValue)
    {
        let given = DataDimension.allCases.compactMap { d -> (DataDimension, JSONValue)? in
            guard let v = p.values[d.rawValue], v != .null else { return nil }
            return (d, v)
        }
        guard given.count == 1 else {
            if given.isEmpty {
                throw ParameterProblem(nil, "needs the dimension as a key: `time` or `distance` (DASCore's keyword)",
                                       fix: "add e.g. \(example)")
            }
            throw ParameterProblem("distance", "is given together with `time`, but \(command) works along one "
                                   + "dimension at a time", fix: "keep only `time` or only `distance`; chain two "
                                   + "\(command) entries to work along both")
        }
        return given[0]
    }

    /// Every dimension given in the keyed form (`{"time": 5, "distance": 3}`), for commands that work along
    /// either or both (DASCore's median_filter, gaussian_filter, hampel_filter); at least one must be given.
    public static func keyedAny(_ p: ParameterValues, example: String) throws -> [(dimension: DataDimension, value: JSONValue)] {
        let given = DataDimension.allCases.compactMap { d -> (DataDimension, JSONValue)? in
            guard let v = p.values[d.rawValue], v != .null else { return nil }
            return (d, v)
        }
        guard !given.isEmpty else {
            throw ParameterProblem(nil, "needs the window as a key: `time`, `distance` or both (DASCore's keywords)",
                                   fix: "add e.g. \(example)")
        }
        return given
    }

    /// The dimension of the named form.
    public static func named(_ p: ParameterValues) -> DataDimension {
        DataDimension(rawValue: p.string("dim")) ?? .time
    }

    // MARK: Reading the keyed value

    /// The value as one number (`{"time": 4}`), or a problem naming the key.
    public static func number(_ value: JSONValue, key: DataDimension, what: String) throws -> Double {
        guard case .number(let d) = value else {
            throw ParameterProblem(key.rawValue, "is \(value.typeName) but must be a number (\(what))",
                                   fix: "give e.g. {\"\(key.rawValue)\": 4}")
        }
        return d
    }

    /// The value as a pair whose ends may be null (`[1, 100]`, `[null, 100]`), or one number for both ends when
    /// `single` allows it; a problem naming the key otherwise.
    public static func pair(_ value: JSONValue, key: DataDimension, what: String, single: Bool)
        throws -> (Double?, Double?)
    {
        func end(_ v: JSONValue) -> Double?? {
            switch v {
            case .number(let d): return .some(d)
            case .null: return .some(nil)
            default: return nil
            }
        }
        switch value {
        case .number(let d) where single: return (d, d)
        case .array(let items) where items.count == 2:
            if let a = end(items[0]), let b = end(items[1]) { return (a, b) }
        default: break
        }
        let form = single ? "a number or a pair [low, high]" : "a pair [low, high]"
        throw ParameterProblem(key.rawValue, "is \(value.typeName) but must be \(form) (\(what)); an end may be null",
                               fix: "give e.g. {\"\(key.rawValue)\": [1, 100]} or [null, 100]")
    }
}

extension Array2D where Element == Double {
    /// `transform` applied to every line along a dimension (each channel along time, each sample along distance).
    func mappingLines(along dimension: DataDimension, _ transform: (ArraySlice<Double>) throws -> [Double])
        rethrows -> Array2D<Double>
    {
        try mappingLines(axis: dimension.axis, transform)
    }
}

extension Axes {
    /// The axis of a dimension.
    func axis(_ dimension: DataDimension) -> Axis { dimension == .time ? columns : rows }

    /// Seconds between samples (time) or metres between channels (distance), when evenly spaced.
    func spacing(_ dimension: DataDimension) -> Double? {
        let axis = axis(dimension)
        if dimension == .time, let rate = axis.rateHz ?? samplingRateHz { return 1 / rate }
        return axis.step
    }

    /// The same axes with the axis of a dimension replaced.
    func replacing(_ dimension: DataDimension, with axis: Axis) -> Axes {
        dimension == .time ? replacingColumns(axis) : replacingRows(axis)
    }
}

/// What a DASCore-style command declares along time and the fibre for its dimension: along time it reads
/// `window` samples (or the chunk, for `nil`), along the fibre the whole fibre unless it is pointwise there.
struct DimensionContext {
    let dimension: DataDimension

    /// Per chunk when it works along time on the chunk as a whole; pointwise along time when it works along
    /// distance (every time sample on its own).
    func time(window: AxisContext?) -> TimeContext {
        if dimension == .distance { return .pointwise }
        return window.map(TimeContext.window) ?? .perChunk
    }

    /// Along distance the command needs the whole fibre (or `window` channels around each one); along time each
    /// channel is on its own.
    func channels(window: AxisContext? = nil) -> ChannelContext {
        if dimension == .time { return .local }
        return window.map(ChannelContext.window) ?? .wholeFibre
    }
}

/// A window length along a dimension as DASCore takes it: in the coordinate's unit (s, m), rounded up to whole
/// samples (DASCore's get_sample_count: ceil(length / step)), or in samples with `samples: true`.
struct DimensionWindow: Sendable, Equatable {
    let dimension: DataDimension
    let length: Double
    let inSamples: Bool

    /// The length read from a keyed value; a positive number (whole with `samples`), else a problem naming the key.
    init(_ dimension: DataDimension, _ value: JSONValue, inSamples: Bool, what: String) throws {
        let length = try DimensionKeyword.number(value, key: dimension, what: what)
        guard length > 0, !inSamples || length == length.rounded() else {
            throw ParameterProblem(dimension.rawValue, "is \(length) but must be " + (inSamples
                ? "a whole number of samples ≥ 1" : "a length above 0 in \(dimension.coordinateUnit)"),
                fix: inSamples ? "give e.g. 5" : "give a length, or a count with \"samples\": true")
        }
        (self.dimension, self.length, self.inSamples) = (dimension, length, inSamples)
    }

    /// A length already checked by its command (a Gaussian's sigma need not be whole samples).
    init(unchecked dimension: DataDimension, length: Double, inSamples: Bool) {
        (self.dimension, self.length, self.inSamples) = (dimension, length, inSamples)
    }

    /// Samples in the window for these axes (nil when the spacing is unknown and the length is not in samples).
    func samples(_ axes: Axes?) -> Int? {
        if inSamples { return Int(length) }
        guard let step = axes?.spacing(dimension), step != 0 else { return nil }
        return DimensionKeyword.sampleCount(length / abs(step))
    }

    /// `samples`, or a command error saying what is missing.
    func samples(_ context: ChunkContext, command: String) throws -> Int {
        let axes = context.inputAxes.first
        if let n = samples(axes) { return n }
        if dimension == .time, !inSamples { return DimensionKeyword.sampleCount(length * context.samplingRateHz) }
        throw CommandError(command, "needs evenly spaced \(dimension.rawValue) coordinates for a window in "
                           + "\(dimension.coordinateUnit); give \"samples\": true and a count")
    }
}
