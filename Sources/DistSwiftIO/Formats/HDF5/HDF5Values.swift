import DistSwiftNative

/// Metadata lookups that tolerate how vendors actually store values: as attributes or as (scalar or 1-element)
/// data sets, numbers as numbers or as text ("500", "0.765761"), strings fixed or variable length.
extension HDF5File {
    /// The first number of attribute `name` on `object`, parsing text when the vendor stored the number as a string.
    public func attributeNumber(_ object: String, _ name: String) -> Double? {
        guard exists(object), let attributes = try? attributes(of: object), attributes.contains(name) else {
            return nil
        }
        if let kind = try? attributes.kind(of: name), kind == .string {
            return (try? attributes.strings(name))?.first.flatMap(Self.number(in:))
        }
        return (try? attributes.numbers(name, as: Double.self))?.first
    }

    /// All numbers of attribute `name` on `object`.
    public func attributeNumbers(_ object: String, _ name: String) -> [Double]? {
        guard exists(object), let attributes = try? attributes(of: object), attributes.contains(name) else {
            return nil
        }
        return try? attributes.numbers(name, as: Double.self)
    }

    /// The first string of attribute `name` on `object`; nil when absent or empty.
    public func attributeText(_ object: String, _ name: String) -> String? {
        guard exists(object), let attributes = try? attributes(of: object), attributes.contains(name),
              let text = (try? attributes.strings(name))?.first?.trimmed, !text.isEmpty
        else { return nil }
        return text
    }

    /// The first value of a (scalar or 1-element) numeric or text data set.
    public func datasetNumber(_ path: String) -> Double? {
        guard exists(path), let data = try? dataset(path) else { return nil }
        if let kind = try? data.elementKind(), kind == .string {
            return (try? data.readStrings())?.first.flatMap(Self.number(in:))
        }
        return (try? data.read(as: Double.self))?.first
    }

    /// The first string of a (scalar or 1-element) text data set; nil when absent or empty.
    public func datasetText(_ path: String) -> String? {
        guard exists(path), let data = try? dataset(path),
              let text = (try? data.readStrings())?.first?.trimmed, !text.isEmpty
        else { return nil }
        return text
    }

    /// A number written as text, ignoring surrounding blanks and a trailing unit ("10 m").
    static func number(in text: String) -> Double? {
        let trimmed = text.trimmed
        if let value = Double(trimmed) { return value }
        return trimmed.split(separator: " ").first.flatMap { Double($0) }
    }
}

extension String {
    /// Without leading and trailing white space (vendors pad with spaces, tabs and CR LF).
    var trimmed: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace || c == "\0" { s = s.dropFirst() }
        while let c = s.last, c.isWhitespace || c == "\0" { s = s.dropLast() }
        return String(s)
    }
}
