import Foundation

/// The 3200-byte textual file header: 40 card images of 80 characters, in EBCDIC (the standard) or ASCII (allowed
/// since rev 1; segyio's `delay-scalar.sgy`). DAS writers put what the binary and trace headers cannot hold here: the
/// sub-second start time (FORGE line C13), the byte positions of vendor fields
/// (C38 `FIBREDIST(197-200),RECMD(237-240)`), the units (C14).
struct SEGYTextHeader: Sendable {
    enum Encoding: String, Sendable { case ebcdic = "EBCDIC", ascii = "ASCII" }

    static let byteCount = 3200
    static let lineLength = 80

    let encoding: Encoding
    /// The 40 lines, control characters (a NUL in `text-embed-null.sgy`) replaced by spaces, trailing spaces removed.
    let lines: [String]

    init(bytes: [UInt8]) {
        // Spaces are the commonest character of any text header: 0x40 in EBCDIC, 0x20 in ASCII.
        let ebcdicSpaces = bytes.lazy.filter { $0 == 0x40 }.count
        let asciiSpaces = bytes.lazy.filter { $0 == 0x20 }.count
        encoding = asciiSpaces > ebcdicSpaces ? .ascii : .ebcdic
        let text = encoding == .ebcdic ? EBCDIC.decode(bytes)
            : String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        let scalars = Array(text.unicodeScalars.map { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) ? " " : $0 })
        lines = stride(from: 0, to: scalars.count, by: Self.lineLength).map { start in
            let line = String(String.UnicodeScalarView(scalars[start..<min(start + Self.lineLength, scalars.count)]))
            return String(line.reversed().drop(while: { $0 == " " }).reversed())
        }
    }

    /// A line without its card prefix ("C13 ", "C 1 "); a line without one ("CLIENT: …") is returned whole.
    static func content(of line: String) -> Substring {
        let afterC = Substring(line).dropFirst().drop(while: { $0 == " " })
        guard line.first == "C", afterC.first?.isNumber == true else { return Substring(line) }
        return afterC.drop(while: { $0.isNumber }).drop(while: { $0 == " " })
    }

    // MARK: - Start time

    /// A time stamp with a fractional second, as FORGE's C13 "UTC File Time stamp: 2019/04/28 13:50:38.426514 (UTC)"
    /// (also with "-" between the date fields or "T" before the time; up to 9 fraction digits are kept).
    struct TimeStamp: Sendable, Equatable {
        /// UTC ns of the whole second.
        let wholeSecondNs: Int64
        /// The fraction of the second, ns.
        let fractionNs: Int64
        /// 1-based line number.
        let line: Int
        var nanoseconds: Int64 { wholeSecondNs + fractionNs }
    }

    private typealias TimeStampMatch = (Substring, Substring, Substring, Substring, Substring, Substring, Substring,
                                        Substring)
    private static var timeStampPattern: Regex<TimeStampMatch> {
        #/(\d{4})[/-](\d{2})[/-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})\.(\d+)/#
    }

    /// Every sub-second time stamp of the header, in line order.
    var subSecondTimeStamps: [TimeStamp] {
        var stamps: [TimeStamp] = []
        // Only lines with a time's punctuation go to the regex: Swift's Regex is slow, and 40 lines of every file
        // are otherwise matched twice.
        for (index, line) in lines.enumerated() where line.contains(":") && line.contains(".") {
            for match in line.matches(of: Self.timeStampPattern) {
                guard let y = Int64(match.1), let mo = Int64(match.2), let d = Int64(match.3),
                      let h = Int64(match.4), let mi = Int64(match.5), let s = Int64(match.6),
                      (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61
                else { continue }
                let digits = String(match.7.prefix(9))
                let fraction = (Int64(digits) ?? 0) * Self.powerOfTen(9 - digits.count)
                let days = UTCTime.daysFromCivil(year: y, month: mo, day: d)
                // A year a time in nanoseconds cannot hold (after 2261) is no time stamp, not an overflow.
                let (wholeNs, overflow) = (days * 86_400 + h * 3600 + mi * 60 + s)
                    .multipliedReportingOverflow(by: UTCTime.nanosecondsPerSecond)
                guard !overflow, wholeNs.addingReportingOverflow(fraction).overflow == false else { continue }
                stamps.append(TimeStamp(wholeSecondNs: wholeNs, fractionNs: fraction, line: index + 1))
            }
        }
        return stamps
    }

    private static func powerOfTen(_ n: Int) -> Int64 { (0..<n).reduce(1) { value, _ in value * 10 } }

    // MARK: - Declared trace-header fields

    /// A trace-header field that the text header names with its byte range, e.g. `FIBREDIST(197-200)`.
    struct DeclaredField: Sendable, Equatable {
        /// The name as written, upper case ("FIBREDIST").
        let name: String
        /// First byte (1-based, within the 240-byte trace header).
        let position: Int
        /// 2 or 4 bytes.
        let width: Int
        var description: String { "\(name) (trace bytes \(position)–\(position + width - 1))" }
    }

    private static var declaredFieldPattern: Regex<(Substring, Substring, Substring, Substring)> {
        #/([A-Za-z][A-Za-z0-9_]*)\s?\(\s*(\d{1,3})\s*-\s*(\d{1,3})/#
    }

    /// Every `NAME(first-last)` of the header whose range is a 2- or 4-byte field inside a trace header (a name
    /// declared twice keeps its first range; FORGE's `NTRC(13-14 & 63-66)` names binary-header bytes, which callers
    /// never ask for).
    var declaredFields: [DeclaredField] {
        var fields: [DeclaredField] = []
        for line in lines where line.contains("(") {
            for match in line.matches(of: Self.declaredFieldPattern) {
                guard let first = Int(match.2), let last = Int(match.3) else { continue }
                let width = last - first + 1
                let name = match.1.uppercased()
                guard first >= 1, last <= SEGYTraceHeader.byteCount, width == 2 || width == 4,
                      !fields.contains(where: { $0.name == name })
                else { continue }
                fields.append(DeclaredField(name: name, position: first, width: width))
            }
        }
        return fields
    }

    // MARK: - Descriptive metadata

    /// The text after `label` on the first line that has it (case-insensitive), trimmed; nil when absent or empty.
    func value(after label: String) -> String? {
        for line in lines {
            let content = Self.content(of: line)
            guard let range = content.range(of: label, options: .caseInsensitive) else { continue }
            let value = content[range.upperBound...].trimmingCharacters(in: .whitespaces)
            if !value.isEmpty { return value }
        }
        return nil
    }

    /// What the samples measure: a "DATA UNITS:" line (distswift's writer), else "strain rate" when the header says
    /// so in words (FORGE C14 "AMPLITUDE VALUES PROPORTIONAL TO STRAINRATE").
    var units: String? {
        if let stated = value(after: "DATA UNITS:") { return stated }
        let upper = lines.joined(separator: "\n").uppercased()
        if upper.contains("STRAINRATE") || upper.contains("STRAIN RATE") || upper.contains("STRAIN-RATE") {
            return "strain rate"
        }
        return nil
    }

    /// The interrogator maker: a "VENDOR:" line, else a maker's name that appears in the header.
    var vendor: String? {
        if let stated = value(after: "VENDOR:") { return stated }
        let upper = lines.joined(separator: "\n").uppercased()
        let makers = ["SILIXA": "Silixa", "OPTASENSE": "OptaSense", "FEBUS": "Febus", "AP SENSING": "AP Sensing",
                      "TERRA15": "Terra15", "SINTELA": "Sintela", "OPTODAS": "ASN OptoDAS"]
        return makers.keys.sorted().first(where: { upper.contains($0) }).flatMap { makers[$0] }
    }

    /// "GAUGE LENGTH: 10.2 M" (metres).
    var gaugeLengthM: Double? {
        guard let text = value(after: "GAUGE LENGTH") else { return nil }
        let number = text.drop(while: { $0 == ":" || $0 == "=" || $0 == " " })
            .prefix(while: { $0.isNumber || $0 == "." })
        guard let value = Double(number), value.isFinite, value > 0 else { return nil }
        return value
    }
}
