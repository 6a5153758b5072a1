/// A record's time axis reduced to what the chunk store keeps: the first sample's UTC time and a constant rate.
/// Vendors store per-sample time vectors; this checks that such a vector really is one regular record before
/// distswift replaces it by first + i / rate.
public struct RegularTimeAxis: Sendable, Equatable {
    public let startTimeNs: Int64
    public let samplingRateHz: Double

    /// Real instruments stamp frames, not samples, so stored vectors jitter around the grid (a Terra15 file here
    /// strays 1.3 samples); more than this many sample intervals means a gap or a splice, which is refused.
    public static let jitterToleranceSamples = 2.0

    public init(startTimeNs: Int64, samplingRateHz: Double) {
        self.startTimeNs = startTimeNs
        self.samplingRateHz = samplingRateHz
    }

    /// The grid through the first and last of `timesNs`, after checking length, order and regularity.
    public init(timesNs: [Int64], expectedCount: Int, file: String, what: String) throws {
        guard timesNs.count == expectedCount else {
            throw RecordError(file: file, problem: "\(what) has \(timesNs.count) entries but the data have "
                + "\(expectedCount) time samples", fix: "is the data array transposed, or the file cut short?")
        }
        guard let first = timesNs.first, let last = timesNs.last, timesNs.count >= 2 else {
            throw RecordError(file: file, problem: "\(what) has fewer than 2 samples, so it gives no sampling rate")
        }
        if let bad = timesNs.indices.dropLast().first(where: { timesNs[$0 + 1] <= timesNs[$0] }) {
            throw RecordError(file: file, problem: "\(what) does not increase at sample \(bad + 1) "
                + "(\(UTCTime.iso8601(timesNs[bad])) then \(UTCTime.iso8601(timesNs[bad + 1])))")
        }
        // The span in exact integers (the rate's precision needs them) — refused, not trapped, when a file's stamps
        // lie too far apart for Int64 nanoseconds (every later difference is smaller, since the vector increases).
        let (span, overflow) = last.subtractingReportingOverflow(first)
        guard !overflow else {
            throw RecordError(file: file, problem: "\(what) spans from \(first) ns to \(last) ns, more than 292 years",
                              fix: "check the file's time stamps and their unit")
        }
        let step = Double(span) / Double(timesNs.count - 1)
        var worst = 0.0
        var worstIndex = 0
        for (i, t) in timesNs.enumerated() {
            let deviation = abs(Double(t - first) - Double(i) * step) / step
            if deviation > worst { (worst, worstIndex) = (deviation, i) }
        }
        guard worst <= Self.jitterToleranceSamples else {
            throw RecordError(file: file, problem: "\(what) is not regular: sample \(worstIndex) is "
                + "\(worst) sampling intervals off the line through the first and last samples (a gap or a "
                + "splice)", fix: "split the file at the gap; distswift stores regularly sampled records")
        }
        startTimeNs = first
        samplingRateHz = 1e9 / step
    }

    /// UTC ns of a float64 count of seconds since the epoch. Near 1.7e9 s a double resolves only 238 ns, so the
    /// nanoseconds below that are noise; distswift takes the shortest decimal that round-trips to the same double
    /// (what the writer almost certainly meant: 1698416617.02 → …17.020000000, not the double's exact
    /// …17.019999981), and never multiplies by 1e9 first (DASCore's rule, which rounds to a multiple of 256 ns).
    public static func nanoseconds(epochSeconds seconds: Double, file: String) throws -> Int64 {
        // A file's value may be anything (NaN, 1e300, seconds mistaken for ns): refused, never trapped on.
        guard seconds.isFinite, abs(seconds) < representableSeconds else {
            throw outOfRange("\(seconds) s since 1970", file: file)
        }
        let text = "\(seconds)"  // Swift prints the shortest round-tripping decimal
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        if seconds >= 0, parts.count == 2, !text.contains("e"), let whole = Int64(parts[0]),
           parts[1].count <= 9, let fraction = Int64(parts[1] + String(repeating: "0", count: 9 - parts[1].count))
        {
            return whole * UTCTime.nanosecondsPerSecond + fraction
        }
        let whole = seconds.rounded(.down)
        return Int64(whole) * UTCTime.nanosecondsPerSecond + Int64(((seconds - whole) * 1e9).rounded())
    }

    /// A time vector in `unit` ("s", "ms", "us"/"µs", "ns") since the epoch, as UTC ns; nil for another unit.
    public static func nanoseconds(_ values: [Double], unit: String, file: String) throws -> [Int64]? {
        func exact(_ ns: Double) throws -> Int64 {
            guard ns.isFinite, abs(ns) < representableSeconds * 1e9 else {
                throw outOfRange("\(ns / 1e9) s since 1970", file: file)
            }
            return Int64(ns.rounded())
        }
        switch unit {
        case "s": return try values.map { try nanoseconds(epochSeconds: $0, file: file) }
        case "ms": return try values.map { try nanoseconds(epochSeconds: $0 / 1e3, file: file) }
        case "us", "µs": return try values.map { try exact($0 * 1e3) }
        case "ns": return try values.map { try exact($0) }
        default: return nil
        }
    }

    /// Seconds from 1970 that Int64 nanoseconds hold (about ±292 years: 1678–2262), with a margin for rounding.
    static let representableSeconds = 9.2e9

    static func outOfRange(_ what: String, file: String) -> RecordError {
        RecordError(file: file, problem: "has a time stamp of \(what), outside what UTC nanoseconds hold "
                    + "(years 1678–2262)", fix: "check the file's time values and their unit")
    }
}
