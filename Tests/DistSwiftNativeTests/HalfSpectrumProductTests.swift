import DistSwiftNative
import Testing

/// `analytic_signal`'s product of a half spectrum by a line of complex factors (Sources/CDistShims/dist_half_product.c)
/// against the product written out here bin by bin, in the same arithmetic.
@Suite("Half spectrum times a line")
struct HalfSpectrumProductTests {
    /// The two-sided product directly: bin k (k ≤ n/2) or the conjugate of bin n − k, times (c[k], d[k]).
    static func reference(_ pairs: [Double], rows: Int, n: Int, _ c: [Double], _ d: [Double])
        -> (re: [Double], im: [Double])
    {
        let h = n / 2 + 1
        var re = [Double](repeating: 0, count: rows * n), im = re
        for r in 0..<rows {
            for k in 0..<n {
                let j = k < h ? k : n - k
                let a = pairs[2 * (r * h + j)], b = k < h ? pairs[2 * (r * h + j) + 1] : -pairs[2 * (r * h + j) + 1]
                re[r * n + k] = a * c[k] - b * d[k]
                im[r * n + k] = a * d[k] + b * c[k]
            }
        }
        return (re, im)
    }

    static func values(_ count: Int, seed: UInt64) -> [Double] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53) - 0.5
        }
    }

    @Test("float64 and float32 pairs, odd and even lengths: the direct product's bits at every level")
    func againstDirectProduct() {
        for (rows, n) in [(1, 1), (2, 2), (3, 7), (4, 16), (3, 17), (5, 100), (2, 1001)] {
            let h = n / 2 + 1
            let pairs = Self.values(2 * rows * h, seed: UInt64(n)), c = Self.values(n, seed: 3), d = Self.values(n, seed: 4)
            let single = pairs.map { Float($0) }
            let expected = Self.reference(pairs, rows: rows, n: n, c, d)
            let expectedSingle = Self.reference(single.map { Double($0) }, rows: rows, n: n, c, d)
            for level in SlidingWindowKernels.Level.allCases {
                let got = ElementwiseKernels.halfSpectrumTimesLine(pairs: pairs, rows: rows, length: n, c, d, level: level)
                #expect(got.re == expected.re && got.im == expected.im, "\(rows) × \(n) float64, \(level)")
                let gotSingle = ElementwiseKernels.halfSpectrumTimesLine(pairs: single, rows: rows, length: n, c, d,
                                                                         level: level)
                #expect(gotSingle.re == expectedSingle.re && gotSingle.im == expectedSingle.im,
                        "\(rows) × \(n) float32, \(level)")
            }
        }
    }
}
