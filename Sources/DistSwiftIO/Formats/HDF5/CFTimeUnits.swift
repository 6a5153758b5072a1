/// A CF time encoding, "<unit> since <reference>" (e.g. "nanoseconds since 1970-01-01", "microseconds since
/// 2024-03-05 06:07:08.123456"): how xarray and netCDF writers store datetime64 values as numbers.
public struct CFTimeUnits: Sendable, Equatable {
    /// Nanoseconds per unit.
    public let nanosecondsPerUnit: Int64
    /// The reference time, UTC ns.
    public let referenceNs: Int64

    static let units: [String: Int64] = [
        "nanoseconds": 1, "nanosecond": 1, "ns": 1,
        "microseconds": 1_000, "microsecond": 1_000, "us": 1_000,
        "milliseconds": 1_000_000, "millisecond": 1_000_000, "ms": 1_000_000,
        "seconds": 1_000_000_000, "second": 1_000_000_000, "s": 1_000_000_000, "sec": 1_000_000_000,
        "minutes": 60_000_000_000, "minute": 60_000_000_000, "min": 60_000_000_000,
        "hours": 3_600_000_000_000, "hour": 3_600_000_000_000, "h": 3_600_000_000_000,
        "days": 86_400_000_000_000, "day": 86_400_000_000_000, "d": 86_400_000_000_000,
    ]

    public init?(_ text: String) {
        let parts = text.trimmed.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard parts.count == 3, parts[1].lowercased() == "since",
              let perUnit = Self.units[parts[0].lowercased()] else { return nil }
        var reference = String(parts[2]).trimmed
        if reference.count == 10 { reference += "T00:00:00" }  // a date alone is its midnight
        if reference.hasSuffix(" UTC") { reference = String(reference.dropLast(4)) }
        guard let ns = UTCTime.parse(reference) else { return nil }
        nanosecondsPerUnit = perUnit
        referenceNs = ns
    }
}
