import DistSwiftNative
import Testing

/// `harmonic_mean`'s float32 kernels against scipy.stats.hmean's definition computed here in float64, value by value.
@Suite("Harmonic means of float32 rows and columns")
struct HarmonicMeanKernelTests {
    /// n / Σ(1/x) summed in order; NaN for a negative value, else 0 for a zero (scipy's hmean).
    static func definition(_ line: [Float]) -> Double {
        if line.contains(where: { $0 < 0 }) { return .nan }
        if line.contains(0) { return 0 }
        return Double(line.count) / line.reduce(0.0) { $0 + 1 / Double($1) }
    }

    static func values(rows: Int, columns: Int) -> [Float] {
        var state: UInt64 = 11
        return (0..<(rows * columns)).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(0.01 + Double(state >> 11) / Double(1 << 53) * 100)
        }
    }

    @Test("rows and columns to 1e-13 of the definition (columns: its bits); negative → NaN, zero → 0, NaN → NaN")
    func againstDefinition() {
        for (rows, columns) in [(1, 1), (3, 7), (5, 17), (4, 1003)] {
            var x = Self.values(rows: rows, columns: columns)
            if rows > 2 {
                x[columns + columns / 2] = -1  // row 1, and one column: negative
                x[2 * columns] = 0  // row 2 and column 0: zero (after the negative of column columns/2 if that is 0)
                x[2 * columns + columns - 1] = -0.0
            }
            if rows > 3 { x[3 * columns + 1] = .nan }
            let byRow = HarmonicMeanKernels.rows(x, rows: rows, columns: columns)
            for r in 0..<rows {
                let expected = Self.definition(Array(x[(r * columns)..<((r + 1) * columns)]))
                #expect(expected.isNaN ? byRow[r].isNaN : abs(byRow[r] - expected) <= 1e-13 * abs(expected),
                        "row \(r) of \(rows) × \(columns): \(byRow[r]) against \(expected)")
            }
            let byColumn = HarmonicMeanKernels.columns(x, rows: rows, columns: columns)
            for c in 0..<columns {
                let expected = Self.definition((0..<rows).map { x[$0 * columns + c] })
                #expect(expected.isNaN ? byColumn[c].isNaN : byColumn[c].bitPattern == expected.bitPattern,
                        "column \(c) of \(rows) × \(columns): \(byColumn[c]) against \(expected)")
            }
        }
    }
}
