import Foundation

/// Tick positions and labels of a plot axis: "nice" steps (1, 2, 2.5 or 5 × 10ᵏ) as matplotlib's default locator
/// chooses them, so a thumbnail's axes read like distpy's.
public struct AxisTicks: Sendable, Equatable {
    public let values: [Double]
    public let labels: [String]

    /// At most `maxCount` ticks inside `lo…hi` (either order).
    public init(from lo: Double, to hi: Double, maxCount: Int) {
        let a = min(lo, hi), b = max(lo, hi)
        guard a.isFinite, b.isFinite else {
            values = []
            labels = []
            return
        }
        guard b > a else {
            values = [a]
            labels = [Self.label(a, step: max(abs(a), 1), scale: Self.scale(a, a))]
            return
        }
        let count = max(1, maxCount)
        let raw = (b - a) / Double(count)
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        var step = 10 * magnitude
        for m in [1.0, 2, 2.5, 5, 10] where (b - a) / (m * magnitude) <= Double(count) {
            step = m * magnitude
            break
        }
        var ticks: [Double] = []
        var k = (a / step).rounded(.up)
        // A tolerance of a millionth of a step keeps end points that rounding moved just outside.
        while k * step <= b + step * 1e-6 {
            let v = k * step
            ticks.append(abs(v) < step * 1e-9 ? 0 : v)
            k += 1
        }
        values = ticks
        let scale = Self.scale(a, b)
        labels = ticks.map { Self.label($0, step: step, scale: scale) }
    }

    /// A power of ten written once beside very large or very small values (e.g. band energies of 1e12), as
    /// matplotlib's offset text; 0 when the values print plainly.
    static func scale(_ a: Double, _ b: Double) -> Int {
        let largest = max(abs(a), abs(b))
        guard largest > 0 else { return 0 }
        let exponent = Int(log10(largest).rounded(.down))
        return exponent >= 5 || exponent <= -4 ? exponent : 0
    }

    /// The text of the power of ten written beside the axis ("×1e12"), or nil.
    public static func scaleText(from lo: Double, to hi: Double) -> String? {
        let s = scale(min(lo, hi), max(lo, hi))
        return s == 0 ? nil : "×1e\(s)"
    }

    private static func label(_ value: Double, step: Double, scale: Int) -> String {
        let unit = pow(10, Double(scale))
        let v = value / unit, s = step / unit
        // Enough decimals to tell neighbouring ticks apart (one more for steps of 2.5).
        let k = (log10(s) + 1e-9).rounded(.down)
        let isTwoAndHalf = abs(s / pow(10, k) - 2.5) < 1e-6
        let decimals = max(0, Int(-k) + (isTwoAndHalf ? 1 : 0))
        let text = String(format: "%.\(min(decimals, 12))f", v)
        guard text.hasPrefix("-") else { return text }
        // No "-0.0"; negative numbers with a real minus sign (U+2212), as matplotlib writes them.
        return Double(text) == 0 ? String(text.dropFirst()) : "\u{2212}" + text.dropFirst()
    }
}
