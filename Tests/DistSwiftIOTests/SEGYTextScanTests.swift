@testable import DistSwiftIO
import Foundation
import Testing

/// The SEG-Y text header's hand-written scans (time stamps, declared trace fields) against the Swift regular
/// expressions they replaced, as the independent reference: same matches, same order, on lines made to trip them.
@Suite("SEG-Y text header scans")
struct SEGYTextScanTests {
    static let lines = [
        "C13 UTC File Time stamp: 2019/04/28 13:50:38.426514 (UTC)",
        "C 2 START 2024-01-01T00:00:00.5 END 2024-01-01T00:00:01.123456789123",
        "C 3 12024/01/01 00:00:00.1 and 2024/13/01 00:00:00.1 and 2024/01/01 25:00:00.2 then 2024/01/01 00:00:00.",
        "C 4 2024/01/01 00:00:00.12024/01/01 00:00:01.5",
        "C38 FIBREDIST(197-200),RECMD(237-240) NTRC(13-14 & 63-66) X (1-2)",
        "C39 A_1 ( 9 - 12 ) B1234(1-2) C(1234-5) D(12-3456) E  (1-2) 9X(1-2) F(1 -  2)G(5-6)",
        "C40 ((( )) - (1-) (-2) Z(001-004) lower(181-184) __X(1-2)",
    ]

    @Test("time stamps: the scan finds what the regex finds, at the same places", arguments: lines)
    func timeStamps(line: String) {
        let regex = #/(\d{4})[/-](\d{2})[/-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})\.(\d+)/#
        let expected = line.matches(of: regex).map { m in
            [m.1, m.2, m.3, m.4, m.5, m.6, m.7].map(String.init).joined(separator: "|")
        }
        var found: [String] = []
        for m in TextScan.matches(in: Array(line.utf8), TextScan.timeStamp, end: { $0.end }) {
            let widths = [4, 2, 2, 2, 2, 2]
            let fields = zip(m.fields, widths).map { value, width in
                let digits = String(value)
                return String(repeating: "0", count: width - digits.count) + digits
            }
            found.append((fields + [String(decoding: m.fractionDigits, as: UTF8.self)]).joined(separator: "|"))
        }
        #expect(found == expected)
    }

    @Test("declared fields: the scan finds what the regex finds, at the same places", arguments: lines)
    func declaredFields(line: String) {
        let regex = #/([A-Za-z][A-Za-z0-9_]*)\s?\(\s*(\d{1,3})\s*-\s*(\d{1,3})/#
        let expected = line.matches(of: regex).map { "\($0.1)|\(Int($0.2)!)|\(Int($0.3)!)" }
        let found = TextScan.matches(in: Array(line.utf8), TextScan.declaredField, end: { $0.end }).map {
            "\(String(decoding: $0.name, as: UTF8.self))|\($0.first)|\($0.last)"
        }
        #expect(found == expected)
    }

    @Test("a header's stamps and fields through SEGYTextHeader: FORGE's C13 and C38")
    func header() {
        var text = [UInt8](repeating: 0x20, count: SEGYTextHeader.byteCount)
        for (row, line) in [Self.lines[0], Self.lines[4]].enumerated() {
            for (k, byte) in line.utf8.enumerated() { text[row * 80 + k] = byte }
        }
        let header = SEGYTextHeader(bytes: text)
        #expect(header.subSecondTimeStamps.map(\.fractionNs) == [426_514_000])
        #expect(header.subSecondTimeStamps.first?.line == 1)
        // NTRC(13-14 …) and X (1-2) are 2-byte ranges too: kept (callers ask for fields by name).
        #expect(header.declaredFields.map(\.description)
                == ["FIBREDIST (trace bytes 197–200)", "RECMD (trace bytes 237–240)", "NTRC (trace bytes 13–14)",
                    "X (trace bytes 1–2)"])
    }

    /// The lines as they were decoded before the byte-level decoding (issue 21): every byte through Unicode scalars
    /// (EBCDIC by its cp500 table), control characters as spaces, trailing spaces cut.
    static func linesDecodedByScalars(_ bytes: [UInt8], ebcdic: Bool) -> [String] {
        let decoded = ebcdic ? Array(EBCDIC.decode(bytes).unicodeScalars) : bytes.map { Unicode.Scalar($0) }
        let scalars = decoded.map { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) ? " " : $0 }
        return stride(from: 0, to: scalars.count, by: 80).map { start in
            var line = String(String.UnicodeScalarView(scalars[start..<min(start + 80, scalars.count)]))
            while line.unicodeScalars.last == " " { line.unicodeScalars.removeLast() }
            return line
        }
    }

    @Test("the lines decoded from bytes equal the lines decoded through Unicode scalars: EBCDIC and ASCII headers with every byte value, control characters and Latin-1 letters")
    func linesFromBytes() {
        var generator = SystemRandomNumberGenerator()
        for trial in 0..<40 {
            let ebcdic = trial % 2 == 0
            let space: UInt8 = ebcdic ? 0x40 : 0x20
            // Mostly spaces (as real headers, and so the encoding is told apart), the rest any byte at all.
            let bytes = (0..<SEGYTextHeader.byteCount).map { _ in
                Int.random(in: 0..<3, using: &generator) == 0 ? UInt8.random(in: 0...255, using: &generator) : space
            }
            let header = SEGYTextHeader(bytes: bytes)
            #expect(header.encoding == (ebcdic ? .ebcdic : .ascii))
            #expect(header.lines == Self.linesDecodedByScalars(bytes, ebcdic: ebcdic), "trial \(trial)")
            #expect(header.lines.count == 40)
        }
    }

    @Test("a label's ASCII pre-check passes over only lines Foundation's case-insensitive search finds no label in")
    func labelPreCheck() {
        let lines = ["C 1 DATA UNITS: strain rate", "C 2 data units:nm/m/s", "C 3 Vendor: Silixa", "C 4 VENDOR",
                     "C 5 GAUGE LENGTH 10.2 M", "C 6 gauge-length", "C 7 DATA UNIT", "", "C 8 ÉTÉ DATA UNITS: x",
                     "C 9 \u{212A}ELVIN VENDOR:", "C10 vendor:"]
        for label in ["DATA UNITS:", "VENDOR:", "GAUGE LENGTH", "V"] {
            for line in lines {
                let found = line.range(of: label, options: .caseInsensitive) != nil
                #expect(!(SEGYTextHeader.lacksASCII(label, line) && found), "\(label) in \(line)")
                if line.utf8.allSatisfy({ $0 < 0x80 }) {
                    #expect(SEGYTextHeader.lacksASCII(label, line) == !found, "\(label) in \(line)")
                }
            }
        }
    }
}
