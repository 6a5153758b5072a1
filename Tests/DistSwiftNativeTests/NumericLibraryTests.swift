import DistSwiftNative
import Foundation
import Testing

@Suite("FFTW, OpenBLAS and LAPACK wrappers")
struct NumericLibraryTests {
    @Test("batched real FFT equals a direct DFT, in double and in single precision")
    func realFFTMatchesDirectDFT() {
        let rows = 3, n = 30
        let samples = (0..<(rows * n)).map { sin(Double($0) * 0.37) + Double($0 % 7) * 0.1 }
        // Single precision: FFTW's float transform is accurate to a few ulps of the largest bin (~1e-6 relative);
        // the largest bin here is about 20, so 1e-4 absolute bounds it with margin.
        #expect(worstError(InterleavedRealFFT<Double>(rows: rows, length: n), samples) < 1e-10)
        #expect(worstError(InterleavedRealFFT<Float>(rows: rows, length: n), samples) < 1e-4)
    }

    /// The largest difference between `fft`'s bins and a direct DFT of `samples` in double precision.
    private func worstError<S: FFTWScalar>(_ fft: InterleavedRealFFT<S>, _ samples: [Double]) -> Double {
        let rows = fft.rows, n = fft.length
        let pairs = fft.forward(samples.map { S($0) })
        #expect(pairs.count == 2 * rows * (n / 2 + 1))
        var worst = 0.0
        for r in 0..<rows {
            for k in 0...(n / 2) {
                var re = 0.0, im = 0.0
                for t in 0..<n {
                    let angle = -2 * Double.pi * Double(k * t) / Double(n)
                    let x = Double(S(samples[r * n + t]))
                    re += x * cos(angle)
                    im += x * sin(angle)
                }
                let index = 2 * (r * (n / 2 + 1) + k)
                worst = max(worst, abs(Double(pairs[index]) - re), abs(Double(pairs[index + 1]) - im))
            }
        }
        return worst
    }

    @Test("the real inverse FFT undoes the forward one, scaled, in double and in single precision (odd and even n)")
    func realInverseRoundTrip() {
        for n in [30, 31] {
            let rows = 3
            let samples = (0..<(rows * n)).map { sin(Double($0) * 0.37) + Double($0 % 7) * 0.1 }
            #expect(roundTripError(Double.self, samples, rows: rows, n: n) < 1e-12)
            // float32 carries ~6e-8 relative; the samples are at most ~1.6, the transforms add a few ulps.
            #expect(roundTripError(Float.self, samples, rows: rows, n: n) < 1e-5)
        }
    }

    private func roundTripError<S: FFTWScalar>(_: S.Type, _ samples: [Double], rows: Int, n: Int) -> Double {
        let pairs = InterleavedRealFFT<S>(rows: rows, length: n).forward(samples.map { S($0) })
        let back = InterleavedRealInverseFFT<S>(rows: rows, length: n).inverse(pairs, scale: 1 / S(n))
        #expect(back.count == rows * n)
        return zip(back, samples).map { abs(Double($0) - $1) }.max() ?? .infinity
    }

    @Test("the complex FFT of (re, im) pairs equals a direct DFT forward, and its inverse with 1/n restores the input")
    func complexFFTMatchesDirectDFT() {
        let rows = 2, n = 12
        let pairs = (0..<(2 * rows * n)).map { cos(Double($0) * 0.61) + Double($0 % 5) * 0.2 }
        #expect(complexRoundTrip(pairs, rows: rows, n: n) == (true, true))
        // float32: ~6e-8 relative per value; the largest bin here is about 10.
        #expect(complexRoundTrip(pairs.map { Float($0) }, rows: rows, n: n, dft: 1e-4, back: 1e-5) == (true, true))
    }

    /// (forward within `dft` of the direct DFT, backward with 1/n within `back` of the input).
    private func complexRoundTrip<S: FFTWScalar>(_ pairs: [S], rows: Int, n: Int, dft: Double = 1e-10,
                                                 back: Double = 1e-12) -> (Bool, Bool) {
        let forward = InterleavedComplexFFT<S>(rows: rows, length: n, forward: true).transform(pairs, scale: 1)
        let restored = InterleavedComplexFFT<S>(rows: rows, length: n, forward: false).transform(forward, scale: 1 / S(n))
        let worst = zip(restored, pairs).map { abs(Double($0) - Double($1)) }.max() ?? .infinity
        return (directDFTError(forward.map { Double($0) }, pairs.map { Double($0) }, rows: rows, n: n) < dft,
                worst < back)
    }

    /// The largest difference between `transformed` and the direct forward DFT of the (re, im) rows `pairs`.
    private func directDFTError(_ transformed: [Double], _ pairs: [Double], rows: Int, n: Int) -> Double {
        var worst = 0.0
        for r in 0..<rows {
            for k in 0..<n {
                var re = 0.0, im = 0.0
                for t in 0..<n {
                    let angle = -2 * Double.pi * Double(k * t) / Double(n)
                    let (x, y) = (pairs[2 * (r * n + t)], pairs[2 * (r * n + t) + 1])
                    re += x * cos(angle) - y * sin(angle)
                    im += x * sin(angle) + y * cos(angle)
                }
                let i = 2 * (r * n + k)
                worst = max(worst, abs(transformed[i] - re), abs(transformed[i + 1] - im))
            }
        }
        return worst
    }

    @Test("dgemm and dgesv agree with direct arithmetic")
    func blasAndLapack() {
        BLAS.setThreadCount(1)
        #expect(BLAS.threadCount == 1)
        #expect(!BLAS.coreName.isEmpty)
        let a: [Double] = [1, 2, 3, 4, 5, 6]  // 2×3
        let b: [Double] = [7, 8, 9, 10, 11, 12]  // 3×2
        #expect(BLAS.multiply(a, b, m: 2, k: 3, n: 2) == [58, 64, 139, 154])
        let x = LAPACK.solve([2, 1, 1, 3], [3, 5], n: 2)!
        #expect(abs(x[0] - 0.8) < 1e-12 && abs(x[1] - 1.4) < 1e-12)
        #expect(LAPACK.solve([1, 2, 2, 4], [1, 1], n: 2) == nil)
    }
}
