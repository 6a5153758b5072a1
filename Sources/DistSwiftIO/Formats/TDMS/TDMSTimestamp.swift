/// A TDMS time stamp: whole seconds since 1904-01-01 00:00:00 UTC (LabVIEW's epoch) and a fraction of a second in
/// units of 2^-64 s. Stored as the fraction then the seconds in little-endian segments, and the other way round in
/// big-endian ones (the 16 bytes are one 128-bit fixed-point number in the segment's byte order).
public struct TDMSTimestamp: Sendable, Equatable, CustomStringConvertible {
    public let seconds: Int64
    public let fraction: UInt64

    /// 1904-01-01 to 1970-01-01: 66 years with 17 leap days.
    public static let secondsFrom1904To1970: Int64 = 2_082_844_800

    public init(seconds: Int64, fraction: UInt64) {
        self.seconds = seconds
        self.fraction = fraction
    }

    /// LabVIEW writes 0 for a time it does not know (e.g. no GPS fix).
    public var isZero: Bool { seconds == 0 && fraction == 0 }

    /// UTC nanoseconds since the Unix epoch, the fraction rounded to the nearest nanosecond (2^-64 s resolves far
    /// finer than that); nil outside the years Int64 nanoseconds can hold (1678–2262).
    public var unixNanoseconds: Int64? {
        let (high, low) = fraction.multipliedFullWidth(by: 1_000_000_000)
        let nanoseconds = Int64(high) + (low >= 1 << 63 ? 1 : 0)
        // Checked arithmetic throughout: a garbage stamp must give nil, not trap.
        let (unixSeconds, overflow1) = seconds.subtractingReportingOverflow(Self.secondsFrom1904To1970)
        let (scaled, overflow2) = unixSeconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (total, overflow3) = scaled.addingReportingOverflow(nanoseconds)
        return overflow1 || overflow2 || overflow3 ? nil : total
    }

    public var description: String {
        unixNanoseconds.map(UTCTime.iso8601) ?? "\(seconds) s + \(fraction) × 2^-64 s since 1904"
    }
}
