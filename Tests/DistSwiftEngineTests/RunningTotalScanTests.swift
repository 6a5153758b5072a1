import DistSwiftCalc
import DistSwiftIO
import Foundation
import Testing

/// The prefix scan of the totals pass on its own: chunks of a segment, integrated from each chunk's offset, give
/// the cumulative trapezoid of the segment as one line; a new segment starts again at 0.
@Suite("The running-total scan")
struct RunningTotalScanTests {
    /// numpy's cumulative_trapezoid(initial=0) of `line` with step `dx`.
    static func cumulative(_ line: [Double], dx: Double) -> [Double] {
        var out = [0.0]
        for k in 1..<line.count { out.append(out[k - 1] + (line[k - 1] + line[k]) * dx / 2) }
        return out
    }

    @Test("chunks of 7, 5, 1 and 9 samples, then a gap and chunks of 4 and 6: each side equals its whole line")
    func segmentsAndGap() throws {
        let dx = 0.001
        let first: [Double] = (0..<22).map { k in sin(Double(k) * 0.7) + 0.3 }
        let second: [Double] = (0..<10).map { k in cos(Double(k) * 1.3) - 0.2 }
        let lines = [first, second]
        let pieces: [(segment: Int64, range: Range<Int>, line: Int)] = [
            (1, 0..<7, 0), (1, 7..<12, 0), (1, 12..<13, 0), (1, 13..<22, 0), (2, 0..<4, 1), (2, 4..<10, 1),
        ]
        let chunks = try pieces.map { piece -> (segment: Int64, rows: [RunningTotalSummary?]) in
            let x = Array2D(rows: 1, columns: piece.range.count, values: Array(lines[piece.line][piece.range]))
            let summaries = try IntegrateCommandProbe.summaries(x, step: dx)
            return (piece.segment, summaries)
        }
        let offsets = RunningTotalScan.offsets(chunks)
        for (piece, offset) in zip(pieces, offsets) {
            let whole = Self.cumulative(lines[piece.line], dx: dx)
            #expect(abs(offset[0] - whole[piece.range.lowerBound]) < 1e-15,
                    "chunk \(piece.range.lowerBound) of segment \(piece.segment)")
        }
    }
}

/// What a chunk's totals pass computes, through `integrate`'s own `runningTotalSummaries` (as the engine calls it).
enum IntegrateCommandProbe {
    static func summaries(_ x: Array2D<Double>, step: Double) throws -> [RunningTotalSummary?] {
        let harness = GraphHarness(rate: 1 / step, positions: [0], results: LocalStorage(root: "/tmp"))
        let plan = try harness.plan(#"{"command_list": [{"name": "integrate", "uid": 1, "in_uid": 0, "dim": "time"}]}"#)
        let command = try #require(plan.nodes[0].command as? any RunningTotalCommand)
        let axes = Axes.chunk(positions: [0], channels: 0..<1, segmentOriginNs: 0, rateHz: 1 / step, firstSample: 0,
                              samples: x.columns, units: "1/s")
        return try command.runningTotalSummaries(DataArray(.real(x), axes: axes), own: 0..<x.columns)
    }
}
