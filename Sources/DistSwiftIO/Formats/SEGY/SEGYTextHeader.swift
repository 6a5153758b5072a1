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
        var ebcdicSpaces = 0, asciiSpaces = 0
        for byte in bytes {
            if byte == 0x40 { ebcdicSpaces += 1 } else if byte == 0x20 { asciiSpaces += 1 }
        }
        let isEBCDIC = asciiSpaces <= ebcdicSpaces
        encoding = isEBCDIC ? .ebcdic : .ascii
        // Decoded as Latin-1 bytes (EBCDIC through its table; an ASCII header's bytes read as Latin-1), control
        // characters made spaces, trailing spaces cut, and only then made Strings — an ASCII line straight from its
        // bytes. This runs for every file ingested: decoding through Unicode scalars and Strings first was a tenth
        // of a small file's watch (issue 21's profile).
        let table = EBCDIC.latin1
        let latin1 = bytes.map { byte -> UInt8 in
            let code = isEBCDIC ? table[Int(byte)] : byte
            return code < 0x20 || (0x7F..<0xA0).contains(code) ? 0x20 : code
        }
        lines = stride(from: 0, to: latin1.count, by: Self.lineLength).map { start in
            var end = min(start + Self.lineLength, latin1.count)
            while end > start && latin1[end - 1] == 0x20 { end -= 1 }
            let line = latin1[start..<end]
            if line.allSatisfy({ $0 < 0x80 }) { return String(decoding: line, as: UTF8.self) }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: line.map { Unicode.Scalar($0) })
            return String(text)
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

    /// Every sub-second time stamp of the header, in line order: `YYYY[/-]MM[/-]DD[ T]hh:mm:ss.f+` anywhere in a
    /// line, leftmost first, matches not overlapping.
    ///
    /// A hand-written scan, not a Swift `Regex`: the literal regex was compiled again on every call and, with its
    /// matching, took half of a worker's time per small SEG-Y file (issue 21's profile).
    var subSecondTimeStamps: [TimeStamp] {
        var stamps: [TimeStamp] = []
        // Byte tests: `String.contains(String)` goes through Foundation's search, 2 % of a small-file watch.
        for (index, line) in lines.enumerated()
        where line.utf8.contains(UInt8(ascii: ":")) && line.utf8.contains(UInt8(ascii: ".")) {
            for match in TextScan.matches(in: Array(line.utf8), TextScan.timeStamp, end: { $0.end }) {
                let f = match.fields
                guard (1...12).contains(f[1]), (1...31).contains(f[2]), f[3] < 24, f[4] < 60, f[5] < 61
                else { continue }
                let digits = match.fractionDigits.prefix(9)
                let fraction = (Int64(String(decoding: digits, as: UTF8.self)) ?? 0)
                    * Self.powerOfTen(9 - digits.count)
                let days = UTCTime.daysFromCivil(year: f[0], month: f[1], day: f[2])
                // A year a time in nanoseconds cannot hold (after 2261) is no time stamp, not an overflow.
                let seconds: Int64 = days * 86_400 + f[3] * 3600 + f[4] * 60 + f[5]
                let (wholeNs, overflow) = seconds.multipliedReportingOverflow(by: UTCTime.nanosecondsPerSecond)
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

    /// Every `NAME(first-last)` of the header whose range is a 2- or 4-byte field inside a trace header (a name
    /// declared twice keeps its first range; FORGE's `NTRC(13-14 & 63-66)` names binary-header bytes, which callers
    /// never ask for). `NAME` is a letter then letters, digits or `_`; one space may come before the parenthesis,
    /// any before and after the numbers of 1–3 digits. Scanned by hand, like the time stamps.
    var declaredFields: [DeclaredField] {
        var fields: [DeclaredField] = []
        for line in lines where line.utf8.contains(UInt8(ascii: "(")) {
            for match in TextScan.matches(in: Array(line.utf8), TextScan.declaredField, end: { $0.end }) {
                let width = match.last - match.first + 1
                let name = String(decoding: match.name, as: UTF8.self).uppercased()
                guard match.first >= 1, match.last <= SEGYTraceHeader.byteCount, width == 2 || width == 4,
                      !fields.contains(where: { $0.name == name })
                else { continue }
                fields.append(DeclaredField(name: name, position: match.first, width: width))
            }
        }
        return fields
    }

    // MARK: - Descriptive metadata

    /// The text after `label` on the first line that has it (case-insensitive), trimmed; nil when absent or empty.
    func value(after label: String) -> String? {
        for line in lines where !Self.lacksASCII(label, line) {
            let content = Self.content(of: line)
            guard let range = content.range(of: label, options: .caseInsensitive) else { continue }
            let value = content[range.upperBound...].trimmingCharacters(in: .whitespaces)
            if !value.isEmpty { return value }
        }
        return nil
    }

    /// True when `line` is ASCII and holds no `label` (ASCII) in any case: such a line is passed over without
    /// Foundation's case-insensitive search (a tenth of a small SEG-Y file's header work, 40 lines × 3 labels).
    /// A line with other characters is left to that search, whose case folding goes beyond ASCII.
    static func lacksASCII(_ label: String, _ line: String) -> Bool {
        let text = Array(line.utf8), wanted = Array(label.utf8)
        guard text.allSatisfy({ $0 < 0x80 }), wanted.allSatisfy({ $0 < 0x80 }) else { return false }
        func lower(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte | 0x20 : byte }
        guard wanted.count <= text.count else { return true }
        for start in 0...(text.count - wanted.count)
        where wanted.indices.allSatisfy({ lower(text[start + $0]) == lower(wanted[$0]) }) {
            return false
        }
        return true
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
