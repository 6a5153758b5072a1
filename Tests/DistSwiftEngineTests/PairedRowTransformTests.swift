import DistSwiftNative
import Foundation
import Testing

/// The row kernels that transform two real rows as one complex row (`RowSpectrumKernels`, `FanFilterKernels`'s
/// rows, FFTW's complex plans of a + i·b) against the operations written out directly — a DFT by its sum, the
/// Hilbert transform and scipy's Fourier resampling by their definitions — on random data with an odd number of
/// rows (the last row transformed alone) and odd and even lengths; and the plan cache, whose reused plans must give
/// the bits of fresh ones. The commands are checked against DASCore and scipy in DASCoreAnalysisTests and
/// DASCoreConditioningTests. Tolerance 1e-12 of the row's largest value in float64 (two FFT algorithms' rounding
/// against a direct sum's, on rows of ≤ 40 values), 1e-5 in float32.
@Suite("Paired row transforms against their definitions")
struct PairedRowTransformTests {
    static let rows = 5

    static func values(_ count: Int, seed: UInt64) -> [Double] {
        SpectralKernelsTests.randomValues(count, seed: seed)
    }

    /// Row r of `x` (rows × n).
    static func row(_ x: [Double], _ r: Int, _ n: Int) -> ArraySlice<Double> { x[(r * n)..<((r + 1) * n)] }

    /// scipy.signal.hilbert's imaginary part by definition: the inverse DFT of −i·sgn(f)·X (0 at DC and Nyquist).
    static func hilbert(_ x: ArraySlice<Double>) -> [Double] {
        let n = x.count, values = Array(x)
        let spectrum = (0..<n).map { k -> (Double, Double) in
            var (re, im) = (0.0, 0.0)
            for t in 0..<n {
                let angle = -2 * Double.pi * Double(k * t % n) / Double(n)
                re += values[t] * cos(angle)
                im += values[t] * sin(angle)
            }
            if k == 0 || 2 * k == n { return (0, 0) }
            return 2 * k < n ? (im, -re) : (-im, re)  // −i·X for f > 0, +i·X for f < 0
        }
        return (0..<n).map { t in
            (0..<n).reduce(0.0) { sum, k in
                let angle = 2 * Double.pi * Double(k * t % n) / Double(n)
                return sum + spectrum[k].0 * cos(angle) - spectrum[k].1 * sin(angle)
            } / Double(n)
        }
    }

    /// scipy.signal.resample(x, num) by its definition for real rows: the one-sided spectrum cut or zero-padded to
    /// num/2 + 1 bins (an even min(num, n)'s Nyquist bin doubled when cutting, halved when padding), times num/n,
    /// through numpy's irfft (imaginary parts of DC and an even num's Nyquist ignored).
    static func resampled(_ x: ArraySlice<Double>, to num: Int) -> [Double] {
        let n = x.count, m = min(num, n)
        var half = SpectralKernelsTests.halfSpectrum(x).prefix(m / 2 + 1).map { ($0.0, $0.1) }
        if m % 2 == 0 && num != n {
            let factor = num < n ? 2.0 : 0.5
            half[m / 2] = (half[m / 2].0 * factor, half[m / 2].1 * factor)
        }
        return (0..<num).map { t in
            var sum = 0.0
            for (k, (re, im)) in half.enumerated() where k <= num / 2 {
                let angle = 2 * Double.pi * Double(k * t % num) / Double(num)
                let edge = k == 0 || 2 * k == num
                sum += (edge ? 1 : 2) * (re * cos(angle) - (edge ? 0 : im) * sin(angle))
            }
            return sum / Double(num) * Double(num) / Double(n)
        }
    }

    static func largestError(_ a: [Double], _ b: [Double]) -> Double {
        let scale = b.map(abs).max() ?? 1
        return zip(a, b).map { abs($0 - $1) }.max()! / scale
    }

    @Test("H(x) of 5 rows of 9 and 10 samples equals its definition (1e-12; float32 1e-5)", arguments: [9, 10])
    func hilbertRows(length n: Int) {
        let x = Self.values(Self.rows * n, seed: UInt64(n))
        let h = RowSpectrumKernels.hilbert(x, rows: Self.rows, length: n)
        let h32 = RowSpectrumKernels.hilbert(x.map { Float($0) }, rows: Self.rows, length: n).map(Double.init)
        let envelope32 = RowSpectrumKernels.envelope(x.map { Float($0) }, rows: Self.rows, length: n).map(Double.init)
        for r in 0..<Self.rows {
            let expected = Self.hilbert(Self.row(x, r, n))
            #expect(Self.largestError(Array(Self.row(h, r, n)), expected) < 1e-12, "row \(r)")
            #expect(Self.largestError(Array(Self.row(h32, r, n)), expected) < 1e-5, "row \(r), float32")
            let magnitude = zip(Self.row(x, r, n), expected).map { ($0 * $0 + $1 * $1).squareRoot() }
            #expect(Self.largestError(Array(Self.row(envelope32, r, n)), magnitude) < 1e-5, "row \(r), envelope")
        }
    }

    // Also the edges of the spectrum edit (dist_resample.c): one or two output samples (DC alone; DC and a kept
    // Nyquist bin), one input sample, num == n odd and even (the edit in place, the spectrum being its output).
    @Test("Fourier resampling of 5 rows equals scipy's definition, down and up, odd and even lengths (1e-12)",
          arguments: [(10, 4), (10, 7), (9, 4), (9, 14), (10, 16), (8, 8), (9, 9), (10, 1), (10, 2), (7, 2), (1, 3),
                      (2, 5)])
    func resampledRows(length n: Int, to num: Int) {
        let x = Self.values(Self.rows * n, seed: UInt64(100 + n * num))
        let y = RowSpectrumKernels.fourierResampled(x, rows: Self.rows, length: n, to: num)
        let y32 = RowSpectrumKernels.fourierResampled(x.map { Float($0) }, rows: Self.rows, length: n, to: num)
        for r in 0..<Self.rows {
            let expected = Self.resampled(Self.row(x, r, n), to: num)
            #expect(Self.largestError(Array(y[(r * num)..<((r + 1) * num)]), expected) < 1e-12, "row \(r)")
            #expect(Self.largestError(y32[(r * num)..<((r + 1) * num)].map(Double.init), expected) < 1e-5,
                    "row \(r), float32")
        }
    }

    @Test("the one-sided spectra of 5 rows (float32 pairs; float64 split, zero-padded, scaled) equal the DFT sum",
          arguments: [9, 10])
    func halfSpectra(length n: Int) {
        let x = Self.values(Self.rows * n, seed: UInt64(200 + n))
        let pairs = RowSpectrumKernels.halfSpectrum(x.map { Float($0) }, rows: Self.rows, length: n)
        let padded = n + 3, scale = 0.25
        let split = RowSpectrumKernels.halfSpectrumSplit(x, rows: Self.rows, length: n, paddedLength: padded,
                                                         scale: scale)
        let bins = n / 2 + 1, paddedBins = padded / 2 + 1
        for r in 0..<Self.rows {
            let expected = SpectralKernelsTests.halfSpectrum(Self.row(x, r, n))
            let got: [Double] = pairs[(2 * r * bins)..<(2 * (r + 1) * bins)].map { Double($0) }
            let expectedPairs: [Double] = expected.flatMap { [$0.0, $0.1] }
            #expect(Self.largestError(got, expectedPairs) < 1e-5, "row \(r), float32")
            let zeroPadded = Array(Self.row(x, r, n)) + [0, 0, 0]
            let expectedPadded: [Double] = SpectralKernelsTests.halfSpectrum(zeroPadded[...])
                .flatMap { [$0.0 * scale, $0.1 * scale] }
            var gotPadded: [Double] = []
            for k in (r * paddedBins)..<((r + 1) * paddedBins) { gotPadded += [split.real[k], split.imaginary[k]] }
            #expect(Self.largestError(gotPadded, expectedPadded) < 1e-12, "row \(r), float64 padded")
        }
    }

    @Test("a cache's reused plans give the bits of fresh ones (float32 and float64, several shapes in turn)")
    func cachedPlansReused() {
        let cache = FFTWRowPlans()
        for n in [10, 9, 10] {
            let x = Self.values(Self.rows * n, seed: 7)
            let single = x.map { Float($0) }
            #expect(RowSpectrumKernels.envelope(x, rows: Self.rows, length: n, plans: cache)
                    == RowSpectrumKernels.envelope(x, rows: Self.rows, length: n))
            #expect(RowSpectrumKernels.analyticPairs(single, rows: Self.rows, length: n, plans: cache)
                    == RowSpectrumKernels.analyticPairs(single, rows: Self.rows, length: n))
            #expect(RowSpectrumKernels.fourierResampled(single, rows: Self.rows, length: n, to: 4, plans: cache)
                    == RowSpectrumKernels.fourierResampled(single, rows: Self.rows, length: n, to: 4))
        }
    }

    @Test("phase-weighted sums from each pair's transform equal PhaseCoherenceKernels' of x and H(x), bit for bit")
    func phasorSumsFused() {
        let n = 10, x = Self.values(Self.rows * n, seed: 11).map { Float($0) }
        let h = RowSpectrumKernels.hilbert(x, rows: Self.rows, length: n)
        let fused = RowSpectrumKernels.phasorSums(x, rows: Self.rows, length: n)
        let separate = PhaseCoherenceKernels.channelSums(real: x, imaginary: h, rows: Self.rows, columns: n)
        #expect(fused.values == separate.values)
        #expect(fused.phasorRe == separate.phasorRe)
        #expect(fused.phasorIm == separate.phasorIm)
    }
}
