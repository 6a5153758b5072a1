import DistSwiftNative
import Foundation
import Testing

/// `DenseProduct` (dist_dense.c, Keras's first Dense layer) against the product summed in float64 term by term:
/// row counts that are not a multiple of its eight-row passes, unit counts that are not whole vectors.
///
/// Tolerances: a fused multiply-add chain over k terms in float64 is within k·2⁻⁵³ of Σ|x·w| of the exact sum
/// (1e-12 of it here, k ≤ 1100); in float32 within k·2⁻²⁴ of it, checked as 1e-4 of Σ|x·w| (2⁻²⁴·1100 ≈ 6.6e-5).
@Suite("Dense product of a tall and a narrow matrix")
struct DenseProductTests {
    static let shapes = [(rows: 1, k: 5, units: 1), (rows: 13, k: 1100, units: 3), (rows: 37, k: 257, units: 16),
                         (rows: 9, k: 64, units: 17), (rows: 21, k: 300, units: 40)]

    /// Σ x·w and Σ |x·w| for output (r, u), in float64 term by term.
    static func reference(_ x: [Double], _ w: [Double], k: Int, units: Int, r: Int, u: Int) -> (sum: Double, size: Double) {
        var sum = 0.0, size = 0.0
        for j in 0..<k {
            sum += x[r * k + j] * w[j * units + u]
            size += abs(x[r * k + j] * w[j * units + u])
        }
        return (sum, size)
    }

    @Test("float64 (float64 or float32 samples) and float32 products equal the term-by-term sum within rounding")
    func againstTermByTerm() {
        for (rows, k, units) in Self.shapes {
            let x32 = (0..<(rows * k)).map { Float(sin(Double($0) * 0.37) * 3) }
            let x = x32.map(Double.init)
            let w = (0..<(k * units)).map { cos(Double($0) * 0.71) / 10 }
            let w32 = w.map { Float($0) }
            let double = DenseProduct.product(x, w, rows: rows, k: k, units: units)
            let widened = DenseProduct.product(x32, w, rows: rows, k: k, units: units)
            let single = DenseProduct.product(x32, w32, rows: rows, k: k, units: units)
            #expect(double.count == rows * units && single.count == rows * units)
            // Widening float32 samples is exact: the same bits as the float64 samples.
            #expect(widened == double, "\(rows) × \(k) · \(units)")
            let rounded = w32.map(Double.init)
            for r in 0..<rows {
                for u in 0..<units {
                    let exact = Self.reference(x, w, k: k, units: units, r: r, u: u)
                    #expect(abs(double[r * units + u] - exact.sum) <= 1e-12 * exact.size, "\(r), \(u) of \(units)")
                    let exact32 = Self.reference(x, rounded, k: k, units: units, r: r, u: u)
                    #expect(abs(Double(single[r * units + u]) - exact32.sum) <= 1e-4 * exact32.size + 1e-30,
                            "\(r), \(u) of \(units)")
                }
            }
        }
        #expect(DenseProduct.product([Float](), [Double](), rows: 3, k: 0, units: 2) == [0, 0, 0, 0, 0, 0])
    }
}
