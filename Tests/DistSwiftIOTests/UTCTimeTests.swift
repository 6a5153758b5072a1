import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

@Suite("UTC time")
struct UTCTimeTests {
    @Test("formatting and parsing agree with Python's datetime", .enabled(if: PythonReference.isAvailable, "needs python3 with numpy (scripts/setup.sh installs it)"))
    func againstPython() throws {
        let instants: [Int64] = [0, 1_582_977_600_000_000_000, 1_556_459_438_426_514_000, -86_400_000_000_001,
                                 951_782_400_123_456_789, 4_102_444_800_000_000_000]
        let out = try PythonReference.check("""
            import sys, datetime
            for ns in map(int, sys.argv[1:]):
                s, frac = divmod(ns, 10**9)
                d = datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=s)
                text = d.strftime('%Y-%m-%dT%H:%M:%S')
                if frac: text += '.' + f'{frac:09d}'.rstrip('0')
                print(text + 'Z')
            """, arguments: instants.map(String.init))
        let expected = out.split(separator: "\n").map(String.init)
        #expect(instants.map(UTCTime.iso8601) == expected)
        for (ns, text) in zip(instants, expected) { #expect(UTCTime.parse(text) == ns) }
    }

    @Test("zone offsets and separators", arguments: [
        ("2023-09-22T19:29:26.158+01:00", Int64(1_695_407_366_158_000_000)),
        ("2023-09-22T18:29:26.158Z", Int64(1_695_407_366_158_000_000)),
        ("2023-09-22 18:29:26.158", Int64(1_695_407_366_158_000_000)),
        ("2023-09-22T13:29:26.158-0500", Int64(1_695_407_366_158_000_000)),
    ])
    func offsets(text: String, expected: Int64) {
        #expect(UTCTime.parse(text) == expected)
    }

    @Test("malformed times are refused", arguments: ["", "2023-13-01T00:00:00Z", "yesterday", "2023-01-01T00:00:00Zjunk"])
    func malformed(text: String) {
        #expect(UTCTime.parse(text) == nil)
    }
}
