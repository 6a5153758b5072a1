import DistSwiftTestSupport
import Foundation
import Testing

/// `process`'s per-command report: each line keeps its seconds field (1 ms, as scripts have read it) and adds the
/// same time in microseconds, which is what run.json's tries carry (`commandSeconds`, summed over the chunks).
@Suite("process: per-command report in microseconds")
struct CommandTimingReportTests {
    @Test("each command's line has a µs field that agrees with its seconds field and with run.json")
    func microsecondField() throws {
        let folder = try TemporaryFolder()
        let config = try smallNoiseProject(in: folder)
        let run = try distswift("process", config, "--workers", "1", "--fft-planning", "estimate")
        #expect(run.status == 0, "\(run.stderr)")
        let report = run.stdout + run.stderr
        let line = /uid (\d+) (\S+)\s+([0-9.]+) s\s+[0-9.]+ %\s+(\d+) µs/
        let rows = report.matches(of: line).map {
            (uid: Int($0.output.1)!, seconds: Double($0.output.3)!, microseconds: Int($0.output.4)!)
        }
        #expect(rows.map(\.uid) == [1, 2, 3], "\(report)")

        let runJSON = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: folder.file("project/out/run.json")))) as? [String: Any]
        let attempts = try #require(runJSON?["attempts"] as? [[String: Any]])
        var totals = [Double](repeating: 0, count: rows.count)
        for attempt in attempts {
            for (i, s) in (attempt["commandSeconds"] as? [Double] ?? []).enumerated() where i < totals.count {
                totals[i] += s
            }
        }
        for (row, total) in zip(rows, totals) {
            // The µs field is the total rounded to 1 µs; the seconds field the same time rounded to 1 ms.
            #expect(abs(Double(row.microseconds) - total * 1e6) <= 0.5 + 1e-6, "uid \(row.uid): \(row) vs \(total)")
            #expect(abs(row.seconds - Double(row.microseconds) / 1e6) <= 0.0005 + 1e-6, "uid \(row.uid): \(row)")
        }
        #expect(totals.reduce(0, +) > 0)
    }
}
