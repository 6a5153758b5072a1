/// Numbers as Python prints them, for files that distpy users load with tools fed by distpy's writers (the WITSML FBE
/// rows and curve names are compared as text by some of them, e.g. mnemonics such as `band_01_200--1`).
public enum PythonNumberText {
    /// `repr(float)` / `str(numpy.float64)`: the shortest text that reads back to the same double, in Python's
    /// layout (`0.0`, `100.0`, `1e-05`, `1e+16`, `9999999999999998.0`, `nan`, `inf`, `-inf`).
    ///
    /// Swift's `description` already finds the shortest round-trip digits, but it switches to exponent notation at
    /// different magnitudes (at 2⁵³ rather than 10¹⁶), so only its digits are kept and Python's layout rule is
    /// applied to them: exponent notation when the decimal exponent is below -4 or at least 16.
    public static func repr(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        // Between 1e-4 and 2^53 Swift prints the same shortest digits in Python's own positional layout ("0.0001",
        // "123.45", "100.0"); only the exponent forms differ. This fast path is most of the numbers of a noise log.
        let magnitude = abs(value)
        if magnitude >= 1e-4 && magnitude < 9.007_199_254_740_992e15 {
            let text = value.description
            if !text.utf8.contains(UInt8(ascii: "e")) { return text }
        }
        let (digits, point) = shortestDigits(magnitude)
        let sign = value < 0 ? "-" : ""
        // `point`: the value is 0.DIGITS × 10^point; Python (float_repr_style 'short', format code 'r') uses
        // exponent notation when point <= -4 or point > 16.
        if point <= -4 || point > 16 {
            let exponent = point - 1
            let mantissa = digits.count == 1 ? digits : String(digits.prefix(1)) + "." + String(digits.dropFirst())
            let magnitude = abs(exponent)
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (magnitude < 10 ? "0" : "") + String(magnitude)
        }
        if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + digits }
        if point >= digits.count { return sign + digits + String(repeating: "0", count: point - digits.count) + ".0" }
        return sign + String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
    }

    /// `str()` of a number read from JSON by Python: an integer literal prints without a decimal point (`200`, `-1`),
    /// anything else as `repr(float)`.
    ///
    /// distswift's JSON reader keeps every number as a double, so a whole number is taken to have been written as an
    /// integer (`200.0` in a config therefore prints `200`, where distpy prints `200.0`).
    public static func jsonNumber(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e18 { return String(Int64(value)) }
        return repr(value)
    }

    /// The significant digits (no leading or trailing zeros) and decimal point position of a positive finite double,
    /// taken from Swift's shortest round-trip `description` ("1.2345e+19", "0.0001", "100.0").
    static func shortestDigits(_ value: Double) -> (digits: String, point: Int) {
        let text = value.description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        let integerPart = mantissa.split(separator: ".", omittingEmptySubsequences: false).first ?? ""
        var digits = mantissa.filter { $0 != "." }
        var point = integerPart.count + exponent
        while digits.hasPrefix("0") {
            digits.removeFirst()
            point -= 1
        }
        while digits.hasSuffix("0") { digits.removeLast() }
        return (digits.isEmpty ? "0" : digits, point)
    }
}
