/// UTC instants as nanoseconds since the Unix epoch, with ISO 8601 formatting and parsing.
///
/// distpy converts times through the machine's local time zone (its bug #35); distswift never does: every time is
/// UTC, to the nanosecond, independent of `TZ`.
public enum UTCTime {
    public static let nanosecondsPerSecond: Int64 = 1_000_000_000

    /// "2020-09-13T12:26:40.123456789Z" (fraction omitted when zero).
    public static func iso8601(_ nanoseconds: Int64) -> String {
        let seconds = floorDiv(nanoseconds, nanosecondsPerSecond)
        let fraction = nanoseconds - seconds * nanosecondsPerSecond
        let days = floorDiv(seconds, 86_400)
        let secondOfDay = seconds - days * 86_400
        let (y, m, d) = civilDate(fromDays: days)
        var text = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
        if fraction != 0 {
            var digits = pad(fraction, 9)
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text + "Z"
    }

    /// Parses "YYYY-MM-DDTHH:MM:SS[.fffffffff][Z|±HH:MM]" (a space may replace the T; no zone means UTC).
    public static func parse(_ text: String) -> Int64? {
        let chars = Array(text.trimmingCharacters(in: " "))
        func number(_ range: Range<Int>) -> Int64? {
            guard range.upperBound <= chars.count else { return nil }
            return Int64(String(chars[range]))
        }
        guard chars.count >= 19, chars[4] == "-", chars[7] == "-", chars[10] == "T" || chars[10] == " ",
              chars[13] == ":", chars[16] == ":",
              let y = number(0..<4), let mo = number(5..<7), let d = number(8..<10),
              let h = number(11..<13), let mi = number(14..<16), let s = number(17..<19),
              (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61
        else { return nil }
        var index = 19
        var fraction: Int64 = 0
        if index < chars.count, chars[index] == "." {
            index += 1
            var digits = 0
            while index < chars.count, let v = chars[index].wholeNumberValue {
                if digits < 9 { fraction = fraction * 10 + Int64(v); digits += 1 }
                index += 1
            }
            while digits < 9 { fraction *= 10; digits += 1 }
        }
        var offsetSeconds: Int64 = 0
        if index < chars.count {
            if chars[index] == "Z" {
                index += 1
            } else if chars[index] == "+" || chars[index] == "-" {
                let sign: Int64 = chars[index] == "-" ? -1 : 1
                guard let oh = number((index + 1)..<(index + 3)) else { return nil }
                var om: Int64 = 0
                index += 3
                if index < chars.count, chars[index] == ":" {
                    guard let minutes = number((index + 1)..<(index + 3)) else { return nil }
                    om = minutes
                    index += 3
                } else if let minutes = number(index..<(index + 2)) {
                    om = minutes
                    index += 2
                }
                offsetSeconds = sign * (oh * 3600 + om * 60)
            }
        }
        guard index == chars.count else { return nil }
        // Nanoseconds since 1970 in an Int64 span only the years 1677–2262: a date outside is no time distswift can
        // hold (a fuzzed WITSML creationDate of year 9999 overflowed here), not a crash.
        guard y >= 0, h >= 0, mi >= 0, s >= 0 else { return nil }
        let days = daysFromCivil(year: y, month: mo, day: d)
        let seconds = (days * 86_400 + h * 3600 + mi * 60 + s) - offsetSeconds
        let (ns, overflow) = seconds.multipliedReportingOverflow(by: nanosecondsPerSecond)
        guard !overflow else { return nil }
        let (total, overflowAgain) = ns.addingReportingOverflow(fraction)
        return overflowAgain ? nil : total
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    public static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilDate(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Integer division rounded toward −∞ (times before 1970 fall in the second, day or period they belong to).
    public static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}
