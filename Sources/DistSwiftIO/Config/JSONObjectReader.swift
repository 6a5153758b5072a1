/// One JSON object of a configuration document (a system config and its `s3` and `hdf5_layout` objects, a command
/// graph, a plots config) read key by key: its values typed, its unknown keys checked against the known ones with
/// the nearest suggested, and every problem reported with its key path (`plots[0].plot_list[1].data`) instead of
/// thrown, so that a document's problems are all reported together. Nested objects get readers of their own that
/// report to the same place.
public struct JSONObjectReader {
    public let object: [String: JSONValue]
    /// Where the object is in its document ("" for the document itself, "plots[0]" inside it).
    public let path: String
    private let report: (_ keyPath: String?, _ problem: String, _ fix: String?) -> Void

    /// `report` gets each problem with the key path it is about (nil: the document as a whole).
    public init(object: [String: JSONValue], path: String = "",
                report: @escaping (_ keyPath: String?, _ problem: String, _ fix: String?) -> Void) {
        self.object = object
        self.path = path
        self.report = report
    }

    /// The path of `key` in the document.
    public func keyPath(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// Reports a problem of `key`, or of this object as a whole when `key` is nil.
    public func problem(_ key: String?, _ text: String, fix: String? = nil) {
        report(key.map(keyPath) ?? (path.isEmpty ? nil : path), text, fix)
    }

    /// The value of `key`; nil when it is absent or null (null stands for "not given" throughout).
    public func value(_ key: String) -> JSONValue? {
        guard let value = object[key], value != .null else { return nil }
        return value
    }

    /// Reports every key that is not one of `known` (keys starting with `ignoredPrefix` are comments), in key order,
    /// as `problem` with the nearest known keys suggested, else `otherwise` (which usually lists them).
    public func rejectUnknownKeys(known: [String], ignoredPrefix: String? = "_", problem text: String = "is not a known key",
                                  otherwise: String) {
        for key in object.keys.sorted() where !known.contains(key) {
            if let ignoredPrefix, key.hasPrefix(ignoredPrefix) { continue }
            rejectUnknownKey(key, known: known, problem: text, otherwise: otherwise)
        }
    }

    /// Reports `key` as unknown, with the nearest of `known` suggested, else `otherwise`.
    public func rejectUnknownKey(_ key: String, known: [String], problem text: String = "is not a known key",
                                 otherwise: String) {
        let hint = NameSuggestion.didYouMean(key, in: known)
        problem(key, text, fix: hint.isEmpty ? otherwise : hint)
    }

    /// The reader of the object at `key`, nil when it is absent or null, or (reported) not an object.
    public func object(_ key: String, fix: String? = nil) -> JSONObjectReader? {
        guard let value = value(key) else { return nil }
        guard let object = value.objectValue else {
            problem(key, "must be an object, not \(value.typeName)", fix: fix)
            return nil
        }
        return JSONObjectReader(object: object, path: keyPath(key), report: report)
    }

    /// The reader of `value`, an object found at `path` (e.g. an item of a list), reporting to the same place.
    public func reader(of object: [String: JSONValue], at path: String) -> JSONObjectReader {
        JSONObjectReader(object: object, path: path, report: report)
    }

    public func string(_ key: String) -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let s) = value else {
            problem(key, "must be a string, not \(value.typeName)", fix: "write it in double quotes")
            return nil
        }
        return s
    }

    public func requiredString(_ key: String, because reason: String) -> String? {
        if value(key) == nil {
            problem(key, "is missing (required because \(reason))")
            return nil
        }
        return string(key)
    }

    public func integer(_ key: String, minimum: Int? = nil) -> Int? {
        guard let value = value(key) else { return nil }
        guard case .number(let d) = value, d == d.rounded(), abs(d) < 1e15 else {
            problem(key, "must be a whole number, not \(value.typeName == "a number" ? "a fraction" : value.typeName)")
            return nil
        }
        if let minimum, Int(d) < minimum {
            problem(key, "is \(Int(d)) but must be at least \(minimum)")
            return nil
        }
        return Int(d)
    }

    public func number(_ key: String, positive: Bool = false) -> Double? {
        guard let value = value(key) else { return nil }
        guard case .number(let d) = value else {
            problem(key, "must be a number, not \(value.typeName)")
            return nil
        }
        if positive && !(d > 0) {
            problem(key, "is \(d) but must be greater than 0")
            return nil
        }
        return d
    }
}
