/// A user's description of an HDF5 layout distswift does not know (the `hdf5_layout` key of the system config), so
/// such files ingest with no code. Values are literals or references into the file: a string starting with "/" is
/// a data set path, or `"/object@attribute"` for an attribute.
///
///     "hdf5_layout": {
///       "data": "/Measurement/StrainRate",
///       "axes": "time,distance",
///       "time": {"dataset": "/Measurement/Time", "unit": "s"},
///       "distance": {"start_m": "/Measurement@StartDistance", "spacing_m": 1.02},
///       "units": "nm/m/s", "gauge_length_m": 10
///     }
///
/// `time` is either a per-sample vector (`dataset` + `unit` s|ms|us|ns since the epoch) or `start` (ISO 8601 text
/// or epoch seconds, literal or referenced) + `rate_hz`. `distance` is a `dataset` of positions or `start_m` +
/// `spacing_m`; without it channels are numbered 0, 1, 2, … m.
public struct HDF5Layout: Sendable, Equatable {
    public enum Value: Sendable, Equatable, CustomStringConvertible {
        case number(Double)
        case text(String)
        case dataset(String)
        case attribute(object: String, name: String)

        /// A JSON string: a reference when it starts with "/", text otherwise.
        init(string: String) {
            guard string.hasPrefix("/") else { self = .text(string); return }
            if let at = string.lastIndex(of: "@") {
                let object = String(string[..<at])
                self = .attribute(object: object.isEmpty ? "/" : object, name: String(string[string.index(after: at)...]))
            } else {
                self = .dataset(string)
            }
        }

        public var description: String {
            switch self {
            case .number(let d): return "\(d)"
            case .text(let s): return "'\(s)'"
            case .dataset(let p): return p
            case .attribute(let o, let n): return "\(o)@\(n)"
            }
        }
    }

    public enum Time: Sendable, Equatable {
        case vector(dataset: String, unit: String)
        case startAndRate(start: Value, rateHz: Value)
    }

    public enum Distance: Sendable, Equatable {
        case vector(dataset: String)
        case startAndSpacing(startM: Value, spacingM: Value)
        case channelIndex
    }

    public var data: String
    public var timeFirst: Bool
    public var time: Time
    public var distance: Distance
    public var units: String?
    public var gaugeLengthM: Value?

    public init(data: String, timeFirst: Bool, time: Time, distance: Distance = .channelIndex,
                units: String? = nil, gaugeLengthM: Value? = nil) {
        self.data = data
        self.timeFirst = timeFirst
        self.time = time
        self.distance = distance
        self.units = units
        self.gaugeLengthM = gaugeLengthM
    }

    static let keys = ["data", "axes", "time", "distance", "units", "gauge_length_m"]
    static let timeUnits = ["s", "ms", "us", "µs", "ns"]

    /// Parses the `hdf5_layout` object, collecting every problem with its key path (e.g. `hdf5_layout.time.unit`).
    static func parse(_ json: JSONValue, file: String, key: String = "hdf5_layout") -> (HDF5Layout?, [ConfigError]) {
        var errors: [ConfigError] = []
        func problem(_ path: String, _ text: String, fix: String? = nil) {
            errors.append(ConfigError(file: file, key: path, problem: text, fix: fix))
        }
        guard let object = json.objectValue else {
            problem(key, "must be an object, not \(json.typeName)", fix: "see docs/configuration.md#hdf5_layout")
            return (nil, errors)
        }
        func unknown(_ obj: [String: JSONValue], _ known: [String], at path: String) {
            JSONObjectReader(object: obj, path: path) { keyPath, text, fix in problem(keyPath ?? path, text, fix: fix) }
                .rejectUnknownKeys(known: known, ignoredPrefix: nil, otherwise: "known: \(known.joined(separator: ", "))")
        }
        func value(_ obj: [String: JSONValue], _ name: String, at path: String) -> Value? {
            switch obj[name] {
            case nil, .null?: return nil
            case .number(let d)?: return .number(d)
            case .string(let s)?: return Value(string: s)
            case let other?:
                problem("\(path).\(name)", "must be a number or a string, not \(other.typeName)")
                return nil
            }
        }
        func path(_ obj: [String: JSONValue], _ name: String, at path: String) -> String? {
            guard case .string(let s)? = obj[name], s.hasPrefix("/"), !s.contains("@") else {
                problem("\(path).\(name)", obj[name] == nil ? "is missing" : "must be a data set path starting with '/'")
                return nil
            }
            return s
        }
        unknown(object, keys, at: key)
        let data = path(object, "data", at: key)

        var timeFirst: Bool?
        let axesText: String?
        switch object["axes"] {
        case .string(let s)?: axesText = s
        case .array(let items)?: axesText = items.compactMap { if case .string(let s) = $0 { return s } else { return nil } }.joined(separator: ",")
        default: axesText = nil
        }
        let axes = axesText?.lowercased().split(whereSeparator: { ", ".contains($0) }).map(String.init) ?? []
        if axes == ["time", "distance"] { timeFirst = true } else if axes == ["distance", "time"] { timeFirst = false } else {
            problem("\(key).axes", object["axes"] == nil ? "is missing" : "is \(axesText ?? "not text")",
                    fix: "write \"time,distance\" (rows are time samples) or \"distance,time\"")
        }

        var time: Time?
        if let t = object["time"]?.objectValue {
            let at = "\(key).time"
            if t["dataset"] != nil {
                unknown(t, ["dataset", "unit"], at: at)
                let unit: String
                if case .string(let u)? = t["unit"] { unit = u } else { unit = "s" }
                if !timeUnits.contains(unit) {
                    problem("\(at).unit", "is '\(unit)'", fix: "use one of \(timeUnits.joined(separator: ", ")) (since the epoch)")
                }
                if let d = path(t, "dataset", at: at) { time = .vector(dataset: d, unit: unit) }
            } else {
                unknown(t, ["start", "rate_hz"], at: at)
                let start = value(t, "start", at: at)
                let rate = value(t, "rate_hz", at: at)
                if start == nil { problem("\(at).start", "is missing", fix: "give an ISO 8601 time, epoch seconds, or a reference") }
                if rate == nil { problem("\(at).rate_hz", "is missing", fix: "give the sampling rate in Hz or a reference") }
                if case .number(let r)? = rate, !(r > 0) { problem("\(at).rate_hz", "is \(r) but must be greater than 0") }
                if let start, let rate { time = .startAndRate(start: start, rateHz: rate) }
            }
        } else {
            problem("\(key).time", object["time"] == nil ? "is missing" : "must be an object",
                    fix: "{\"dataset\": \"/time\", \"unit\": \"s\"} or {\"start\": \"2024-01-01T00:00:00Z\", \"rate_hz\": 1000}")
        }

        var distance = Distance.channelIndex
        if let d = object["distance"] {
            let at = "\(key).distance"
            if let o = d.objectValue {
                if o["dataset"] != nil {
                    unknown(o, ["dataset"], at: at)
                    if let p = path(o, "dataset", at: at) { distance = .vector(dataset: p) }
                } else {
                    unknown(o, ["start_m", "spacing_m"], at: at)
                    let spacing = value(o, "spacing_m", at: at)
                    if spacing == nil { problem("\(at).spacing_m", "is missing") }
                    distance = .startAndSpacing(startM: value(o, "start_m", at: at) ?? .number(0), spacingM: spacing ?? .number(1))
                }
            } else {
                problem(at, "must be an object", fix: "{\"dataset\": \"/x\"} or {\"start_m\": 0, \"spacing_m\": 1}")
            }
        }
        var units: String?
        if case .string(let u)? = object["units"] { units = u } else if object["units"] != nil {
            problem("\(key).units", "must be a string")
        }
        let gauge = value(object, "gauge_length_m", at: key)

        guard errors.isEmpty, let data, let timeFirst, let time else { return (nil, errors) }
        return (HDF5Layout(data: data, timeFirst: timeFirst, time: time, distance: distance, units: units,
                           gaugeLengthM: gauge), errors)
    }
}
