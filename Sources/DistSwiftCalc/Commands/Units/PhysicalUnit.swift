import Foundation

/// The units of DAS data as a scale and powers of metre, second and radian, so commands can make them follow the
/// physics (strain rate in 1/s integrated over time is strain, dimensionless) and refuse what does not fit.
/// Strain is a length ratio (m/m): dimensionless. Written forms: products and quotients of m, s, rad, Hz,
/// strain/ε with SI prefixes (n, µ/u, m, c, k), powers as ^2, parentheses ("(nm/m)/s", "rad/(m*s)"), and a
/// described form "strain rate (nm/m/s)" whose parenthesised part is read.
public struct PhysicalUnit: Sendable, Equatable, CustomStringConvertible {
    public var scale: Double
    public var metre: Int
    public var second: Int
    public var radian: Int

    public init(scale: Double = 1, metre: Int = 0, second: Int = 0, radian: Int = 0) {
        (self.scale, self.metre, self.second, self.radian) = (scale, metre, second, radian)
    }

    public static let dimensionless = PhysicalUnit()
    public static let metres = PhysicalUnit(metre: 1)
    public static let seconds = PhysicalUnit(second: 1)

    public static func * (a: PhysicalUnit, b: PhysicalUnit) -> PhysicalUnit {
        PhysicalUnit(scale: a.scale * b.scale, metre: a.metre + b.metre, second: a.second + b.second,
                     radian: a.radian + b.radian)
    }

    public static func / (a: PhysicalUnit, b: PhysicalUnit) -> PhysicalUnit { a * b.power(-1) }

    func power(_ n: Int) -> PhysicalUnit {
        PhysicalUnit(scale: pow(scale, Double(n)), metre: metre * n, second: second * n, radian: radian * n)
    }

    /// Same dimensions (a scale apart): what `convert_units` can convert between.
    public func isCommensurable(with other: PhysicalUnit) -> Bool {
        (metre, second, radian) == (other.metre, other.second, other.radian)
    }

    /// The unit written back: a factor when the scale is not 1, then the powers ("1e-09 1/s", "rad/m/s", "m/s",
    /// "1" for dimensionless strain, "nm/m" for strain in nanostrain).
    public var description: String {
        var numerator: [String] = [], denominator: [String] = []
        for (name, p) in [("rad", radian), ("m", metre), ("s", second)] where p != 0 {
            let text = abs(p) == 1 ? name : "\(name)^\(abs(p))"
            if p > 0 { numerator.append(text) } else { denominator.append(text) }
        }
        // A scaled strain reads as the length ratio interrogators write: nm/m, µm/m (microstrain).
        if numerator.isEmpty, denominator.isEmpty, scale != 1,
           let prefix = Self.prefixes.first(where: { abs($0.value / scale - 1) < 1e-12 && $0.key != "u" && $0.key != "μ" })?.key {
            return "\(prefix)m/m"
        }
        var text = numerator.isEmpty ? "1" : numerator.joined(separator: "*")
        for d in denominator { text += "/" + d }
        guard scale != 1 else { return text }
        return String(format: "%g", scale) + " " + text
    }

    // MARK: Parsing

    /// The unit of `text`, or nil when it is empty (not recorded) or not a unit this parser knows.
    public static func parse(_ text: String) -> PhysicalUnit? {
        let s = text.trimmingCharacters(in: .whitespaces)
        // "strain rate (nm/m/s)": the words name the quantity, the parenthesised part is the unit; when that part
        // is not a unit ("strain rate (arbitrary units)"), the quantity's dimensions with scale 1.
        if let open = s.firstIndex(of: "("), s.hasSuffix(")") {
            let words = s[..<open].trimmingCharacters(in: .whitespaces)
            if !words.isEmpty, words.allSatisfy({ $0.isLetter || $0 == " " || $0 == "_" }) {
                return expression(String(s[s.index(after: open)..<s.index(before: s.endIndex)]))
                    ?? quantities[words.lowercased().replacingOccurrences(of: "_", with: " ")]
            }
        }
        return expression(s) ?? quantities[s.lowercased().replacingOccurrences(of: "_", with: " ")]
    }

    /// A unit written as products and quotients, or nil.
    static func expression(_ s: String) -> PhysicalUnit? {
        guard !s.isEmpty else { return nil }
        var parser = Parser(Array(s))
        guard let unit = parser.expression(), parser.finished() else { return nil }
        return unit
    }

    /// The quantities DAS files name instead of a unit (DASCore's data_type values among them).
    static let quantities: [String: PhysicalUnit] = [
        "strain rate": PhysicalUnit(second: -1), "strain": .dimensionless,
        "velocity": PhysicalUnit(metre: 1, second: -1), "displacement": .metres,
        "phase": PhysicalUnit(radian: 1), "phase rate": PhysicalUnit(second: -1, radian: 1),
        "phase difference": PhysicalUnit(radian: 1),
    ]

    static let baseNames: [String: PhysicalUnit] = [
        "m": .metres, "metre": .metres, "meter": .metres, "metres": .metres, "meters": .metres,
        "s": .seconds, "sec": .seconds, "second": .seconds, "seconds": .seconds,
        "rad": PhysicalUnit(radian: 1), "radian": PhysicalUnit(radian: 1), "radians": PhysicalUnit(radian: 1),
        "Hz": PhysicalUnit(second: -1), "strain": .dimensionless, "ε": .dimensionless,
        "min": PhysicalUnit(scale: 60, second: 1), "ft": PhysicalUnit(scale: 0.3048, metre: 1),
    ]
    static let prefixes: [Character: Double] = ["n": 1e-9, "u": 1e-6, "µ": 1e-6, "μ": 1e-6, "m": 1e-3,
                                                "c": 1e-2, "k": 1e3, "p": 1e-12]

    static func named(_ name: String) -> PhysicalUnit? {
        if let unit = baseNames[name] { return unit }
        guard let first = name.first, let factor = prefixes[first], let base = baseNames[String(name.dropFirst())],
              !["min", "ft"].contains(String(name.dropFirst())) else { return nil }
        return PhysicalUnit(scale: factor) * base
    }

    /// expression := term (('*' | '·' | '/' | ' ') term)*; term := atom ('^' integer)?; atom := '(' expression ')'
    /// | name | number.
    struct Parser {
        let characters: [Character]
        var i = 0

        init(_ characters: [Character]) { self.characters = characters }

        mutating func finished() -> Bool {
            spaces()
            return i == characters.count
        }

        mutating func spaces() { while i < characters.count && characters[i] == " " { i += 1 } }

        mutating func expression() -> PhysicalUnit? {
            spaces()
            guard var value = term() else { return nil }
            while true {
                spaces()
                guard i < characters.count, characters[i] != ")" else { return value }
                var divide = false
                if "*·/".contains(characters[i]) {
                    divide = characters[i] == "/"
                    i += 1
                }
                guard let next = term() else { return nil }
                value = divide ? value / next : value * next
            }
        }

        mutating func term() -> PhysicalUnit? {
            spaces()
            guard var value = atom() else { return nil }
            if i < characters.count && characters[i] == "^" {
                i += 1
                var digits = ""
                while i < characters.count && (characters[i].isNumber || characters[i] == "-") { digits.append(characters[i]); i += 1 }
                guard let n = Int(digits) else { return nil }
                value = value.power(n)
            }
            return value
        }

        mutating func atom() -> PhysicalUnit? {
            guard i < characters.count else { return nil }
            if characters[i] == "(" {
                i += 1
                guard let inner = expression(), i < characters.count, characters[i] == ")" else { return nil }
                i += 1
                return inner
            }
            var word = ""
            while i < characters.count && (characters[i].isLetter || characters[i].isNumber || characters[i] == "."
                                           || characters[i] == "-") && !(word.first?.isLetter == true && characters[i] == "-") {
                word.append(characters[i])
                i += 1
            }
            if let number = Double(word) { return PhysicalUnit(scale: number) }
            return PhysicalUnit.named(word)
        }
    }
}
