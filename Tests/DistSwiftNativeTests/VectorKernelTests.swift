import DistSwiftNative
import Foundation
import Testing

/// The hand-vectorised kernels against the scalar computations they replace.
@Suite("vectorised atan2 and the widening matrix product")
struct VectorKernelTests {
    /// Spectra's (re, im) pairs over 20 decades, every sign, and the special values atan2 defines.
    private func pairs(_ count: Int) -> [Double] {
        var generator = SystemRandomNumberGenerator()
        var values = (0..<(2 * count)).map { _ in
            Double.random(in: -1...1, using: &generator) * pow(10, Double(Int.random(in: -10...10, using: &generator)))
        }
        let special: [Double] = [0, 0, -0.0, 0, -1, -0.0, .infinity, .infinity, -.infinity, 1, .nan, 1, 1, .infinity,
                                 0, -2, 3, 0, -3, 0, 1, 1, -1, -1, 1e-300, 1e300, -.infinity, -.infinity]
        values.replaceSubrange(0..<special.count, with: special)
        return values
    }

    /// Units in the last place between a and b (b's ulp).
    private func ulps(_ a: Double, _ b: Double) -> Double { a == b ? 0 : abs(a - b) / b.ulp }

    @Test("halfSpectrumPhase of (re, im) pairs is glibc's atan2 within 1 ulp, special values exactly")
    func atan2WithinOneUlp() {
        // One row, n = 2(h − 1): every stored pair is bin k ≤ n/2; the mirrored upper half is checked too.
        let h = 20_001, n = 2 * (h - 1)
        let p = pairs(h)
        let phase = ElementwiseKernels.halfSpectrumPhase(pairs: p, rows: 1, length: n)
        let phase32 = ElementwiseKernels.halfSpectrumPhase(pairs: p.map(Float.init), rows: 1, length: n)
        var worst = 0.0, worst32 = 0.0
        for k in 0..<h {
            let y = p[2 * k + 1] == 0 ? 0.0 : p[2 * k + 1]
            let expected = atan2(y, p[2 * k])
            let y32 = Float(p[2 * k + 1]) == 0 ? 0.0 : Double(Float(p[2 * k + 1]))
            let expected32 = atan2(y32, Double(Float(p[2 * k])))
            if expected.isNaN { #expect(phase[k].isNaN) } else {
                #expect(phase[k].sign == expected.sign, "bin \(k): (\(p[2 * k]), \(p[2 * k + 1]))")
                worst = max(worst, ulps(phase[k], expected))
            }
            if !expected32.isNaN { worst32 = max(worst32, ulps(phase32[k], expected32)) }
            if k > 0 && k < h - 1 && !expected.isNaN {
                #expect(phase[n - k] == (p[2 * k + 1] == 0 ? phase[k] : -phase[k]))
            }
        }
        #expect(worst <= 1, "worst \(worst) ulp")
        #expect(worst32 <= 1, "worst \(worst32) ulp (float32 pairs)")
        for k in 0..<14 where !p[2 * k].isNaN {
            let y = p[2 * k + 1] == 0 ? 0.0 : p[2 * k + 1]
            #expect(phase[k] == atan2(y, p[2 * k]), "special pair \(k): (\(p[2 * k]), \(p[2 * k + 1]))")
        }
    }

    @Test("the float32 × float64 product equals widening first and dgemm, across row blocks")
    func wideningProduct() {
        // 1300 rows of 1100 features: 1100 × 8 bytes a row, so 5 MB blocks of 595 rows and a partial third block.
        let m = 1300, k = 1100, n = 5
        let a = (0..<(m * k)).map { Float(sin(Double($0) * 0.013)) }
        let b = (0..<(k * n)).map { cos(Double($0) * 0.7) }
        let widened = BLAS.multiply(a.map(Double.init), b, m: m, k: k, n: n)
        let blocked = BLAS.multiply(a, b, m: m, k: k, n: n)
        let scale = widened.map(abs).max()!
        #expect(blocked.count == widened.count)
        #expect(zip(blocked, widened).map { abs($0 - $1) }.max()! <= 1e-14 * scale)
        #expect(BLAS.multiply([Float](), [Double](), m: 3, k: 0, n: 2) == [Double](repeating: 0, count: 6))
    }
}
