import Foundation

/// A length of time or distance written with its unit, as DASCore takes quantities ("0.5 s", "20 ms", "10 m").
enum QuantityText {
    /// Scale of each unit to its base unit (s or m).
    static let scales: [String: (base: String, scale: Double)] = [
        "s": ("s", 1), "ms": ("s", 1e-3), "us": ("s", 1e-6), "µs": ("s", 1e-6), "ns": ("s", 1e-9),
        "min": ("s", 60), "m": ("m", 1), "km": ("m", 1e3), "cm": ("m", 1e-2), "mm": ("m", 1e-3),
        "ft": ("m", 0.3048),
    ]

    /// The value of `text` in `base` ("s" or "m"), or nil when it is not a number followed by a unit of it.
    static func value(_ text: String, in base: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let split = trimmed.firstIndex(where: { $0.isLetter || $0 == "µ" }) else { return nil }
        let number = trimmed[..<split].trimmingCharacters(in: .whitespaces)
        let unit = String(trimmed[split...]).trimmingCharacters(in: .whitespaces)
        guard let x = Double(number), let u = scales[unit], u.base == base else { return nil }
        return x * u.scale
    }
}
