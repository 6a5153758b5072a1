import DistSwiftIO

/// One parameter of a command: name, JSON type, default, unit and meaning. The registry's specs are the single
/// source for validation, `distswift commands` and docs/commands.md.
public struct ParameterSpec: Sendable {
    public enum Kind: Sendable, Equatable, CustomStringConvertible {
        case number, integer, string, boolean
        case numberList, stringList
        /// A number or a list of numbers (distpy's `freq` is a number for lowpass, a pair for bandpass).
        case numberOrList
        case choice([String])
        /// 0 (channels) or 1 (time); -1, numpy's "last axis", means 1.
        case axis
        /// Any JSON value whose shape the command checks itself (a kernel as a list of rows, a list of steps).
        case json

        public var description: String {
            switch self {
            case .number: return "number"
            case .integer: return "integer"
            case .string: return "string"
            case .boolean: return "boolean"
            case .numberList: return "list of numbers"
            case .stringList: return "list of strings"
            case .numberOrList: return "number or list of numbers"
            case .choice(let options): return "one of " + options.map { "\"\($0)\"" }.joined(separator: ", ")
            case .axis: return "axis: 0 (along channels) or 1 (along time; -1 means 1)"
            case .json: return "JSON value"
            }
        }
    }

    public let name: String
    public let kind: Kind
    /// nil = required.
    public let defaultValue: JSONValue?
    public let unit: String?
    public let doc: String

    public init(_ name: String, _ kind: Kind, default defaultValue: JSONValue?, unit: String? = nil, _ doc: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.unit = unit
        self.doc = doc
    }

    public var isRequired: Bool { defaultValue == nil }

    /// nil when `value` fits the kind, else what is wrong.
    func mismatch(_ value: JSONValue) -> String? {
        func isNumber(_ v: JSONValue) -> Bool { if case .number = v { return true } else { return false } }
        switch (kind, value) {
        case (.number, .number), (.string, .string), (.boolean, .bool): return nil
        case (.integer, .number(let d)) where d == d.rounded(): return nil
        case (.integer, .number): return "must be a whole number"
        case (.axis, .number(let d)) where [0, 1, -1].contains(d): return nil
        case (.axis, .number(let d)): return "is \(d) but must be 0 (along channels) or 1 (along time)"
        case (.numberList, .array(let items)) where items.allSatisfy(isNumber): return nil
        case (.stringList, .array(let items)) where items.allSatisfy({ if case .string = $0 { true } else { false } }):
            return nil
        case (.numberOrList, .number): return nil
        case (.numberOrList, .array(let items)) where items.allSatisfy(isNumber) && !items.isEmpty: return nil
        case (.choice(let options), .string(let s)):
            guard !options.contains(s) else { return nil }
            let hint = NameSuggestion.didYouMean(s, in: options)
            return "is \"\(s)\" but must be \(kind)" + (hint.isEmpty ? "" : "; \(hint)")
        case (.boolean, .number(let d)) where d == 0 || d == 1: return nil  // distpy writes flags as 0/1
        case (.json, _): return nil  // the command's init checks the shape
        default: return "must be a \(kind), not \(value.typeName)"
        }
    }
}

/// A command's validated parameters: the JSON values with defaults filled in, read by name.
public struct ParameterValues: Sendable {
    public let values: [String: JSONValue]

    public init(_ values: [String: JSONValue]) { self.values = values }

    public func number(_ name: String) -> Double {
        if case .number(let d)? = values[name] { return d }
        if case .bool(let b)? = values[name] { return b ? 1 : 0 }
        preconditionFailure("parameter \(name) is not a number; validation should have caught it")
    }

    public func integer(_ name: String) -> Int { Int(number(name)) }

    /// An axis parameter: 0 or 1 (-1, numpy's last axis of a 2-D array, is 1).
    public func axis(_ name: String) -> Int { integer(name) == 0 ? 0 : 1 }

    public func string(_ name: String) -> String {
        if case .string(let s)? = values[name] { return s }
        preconditionFailure("parameter \(name) is not a string; validation should have caught it")
    }

    public func numbers(_ name: String) -> [Double] {
        switch values[name] {
        case .number(let d)?: return [d]
        case .array(let items)?: return items.compactMap { if case .number(let d) = $0 { d } else { nil } }
        default: return []
        }
    }

    public func strings(_ name: String) -> [String] {
        if case .array(let items)? = values[name] {
            return items.compactMap { if case .string(let s) = $0 { s } else { nil } }
        }
        return []
    }

    public func flag(_ name: String) -> Bool {
        switch values[name] {
        case .bool(let b)?: return b
        case .number(let d)?: return d != 0
        default: return false
        }
    }
}
