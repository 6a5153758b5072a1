import DistSwiftNative
import Foundation
import Testing

/// The float32 logarithm sums of `geometric_mean` (Sources/CDistShims/dist_log_sums.c) against float64 logarithms
/// summed here, value by value.
@Suite("Log sums of float32 rows and columns")
struct LogSumKernelTests {
    /// rows × columns positive float32 values spread over 2^±40 (every exponent path of the product splitting),
    /// from a fixed LCG.
    static func values(rows: Int, columns: Int) -> [Float] {
        var state: UInt64 = 7
        return (0..<(rows * columns)).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let u = Double(state >> 11) / Double(1 << 53)
            return Float((0.05 + u) * Foundation.pow(2, Double(Int(state >> 58) % 81 - 40)))
        }
    }

    /// Σ log over a line in float64, and Σ |log| (the scale the sum's rounding is measured against).
    static func reference(_ line: [Float]) -> (sum: Double, scale: Double) {
        line.reduce((0.0, 0.0)) { ($0.0 + Foundation.log(Double($1)), $0.1 + abs(Foundation.log(Double($1)))) }
    }

    @Test("row and column sums equal float64 logarithms summed to 1e-14 of Σ|log x|, every level the same bits")
    func againstFloat64Logs() {
        // Widths that leave a partial vector, and a line longer than the products' renormalisation (512 vectors).
        for (rows, columns) in [(3, 1), (5, 17), (4, 1000), (2, 9001), (600, 7)] {
            let x = Self.values(rows: rows, columns: columns)
            let sums = LogSumKernels.rowSums(x, rows: rows, columns: columns)
            for r in 0..<rows {
                let (sum, scale) = Self.reference(Array(x[(r * columns)..<((r + 1) * columns)]))
                #expect(abs(sums[r] - sum) <= 1e-14 * scale, "row \(r) of \(rows) × \(columns)")
            }
            let columnSums = LogSumKernels.columnSums(x, rows: rows, columns: columns)
            for c in 0..<columns {
                let (sum, scale) = Self.reference((0..<rows).map { x[$0 * columns + c] })
                #expect(abs(columnSums[c] - sum) <= 1e-14 * scale, "column \(c) of \(rows) × \(columns)")
            }
            for level in SlidingWindowKernels.Level.allCases {
                #expect(LogSumKernels.rowSums(x, rows: rows, columns: columns, level: level) == sums, "\(level)")
                #expect(LogSumKernels.columnSums(x, rows: rows, columns: columns, level: level) == columnSums,
                        "\(level)")
            }
        }
    }

    @Test("0 gives −inf, a negative value or NaN gives NaN, subnormal and infinite values their float64 logarithm")
    func specialValues() {
        let lines: [[Float]] = [[0, 1, 2], [-1, 1, 2], [.nan, 3, 4], [.infinity, 1, 2], [1e-40, 1, 2],
                                [0, .infinity, 2], [-0.0, 3, 4], [2, 3, 4]]
        for line in lines {
            let expected = line.reduce(0.0) { $0 + Foundation.log(Double($1)) }
            let row = LogSumKernels.rowSums(line, rows: 1, columns: 3)[0]
            let column = LogSumKernels.columnSums(line, rows: 3, columns: 1)[0]
            for got in [row, column] {
                #expect(got.isNaN ? expected.isNaN : got == expected || abs(got - expected) <= 1e-14 * max(1, abs(expected)),
                        "\(line): \(got), float64 logs \(expected)")
            }
        }
        // A special value beside ordinary ones in the same 16-value vector leaves the other lanes' sums alone.
        let x: [Float] = (0..<32).map { $0 == 5 ? 0 : Float($0 + 1) }
        let columns = LogSumKernels.columnSums(x, rows: 1, columns: 32)
        for c in 0..<32 {
            #expect(c == 5 ? columns[c] == -.infinity : abs(columns[c] - Foundation.log(Double(c + 1))) <= 1e-15)
        }
    }
}
