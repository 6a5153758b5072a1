import DistSwiftNative
import Foundation
import Testing

/// The native kernels of the spectral commands against their definitions written out directly (a DFT by its sum,
/// glibc's log, the descriptors' formulas), on random data; the commands themselves are checked against DASCore in
/// DASCoreAnalysisTests.
@Suite("Spectral kernels against their definitions")
struct SpectralKernelsTests {
    static func randomValues(_ count: Int, seed: UInt64) -> [Double] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) - 0.5
        }
    }

    /// The DFT of a real row by its sum, as (re, im) of bins 0 … n/2.
    static func halfSpectrum(_ x: ArraySlice<Double>) -> [(Double, Double)] {
        let n = x.count, values = Array(x)
        return (0...(n / 2)).map { k in
            var (re, im) = (0.0, 0.0)
            for t in 0..<n {
                let angle = -2 * Double.pi * Double(k * t % n) / Double(n)
                re += values[t] * cos(angle)
                im += values[t] * sin(angle)
            }
            return (re, im)
        }
    }

    /// The real inverse DFT (numpy's irfft, length m) of a half spectrum of m / 2 + 1 bins.
    static func inverse(_ half: [(Double, Double)], length m: Int) -> [Double] {
        (0..<m).map { t in
            var sum = half[0].0
            for k in 1..<half.count {
                let angle = 2 * Double.pi * Double(k * t % m) / Double(m)
                let term = half[k].0 * cos(angle) - half[k].1 * sin(angle)
                sum += (m % 2 == 0 && k == m / 2) ? term : 2 * term
            }
            return sum / Double(m)
        }
    }

    /// H(x) by its definition: −i·X on the bins between DC and Nyquist, 0 on both, transformed back.
    static func hilbertByDefinition(_ x: ArraySlice<Double>) -> [Double] {
        let n = x.count
        var half = halfSpectrum(x)
        half[0] = (0, 0)
        for k in 1..<half.count { half[k] = (half[k].1, -half[k].0) }
        if n % 2 == 0 { half[n / 2] = (0, 0) }
        return inverse(half, length: n)
    }

    /// scipy.signal.resample(x, num) by its definition.
    static func resampledByDefinition(_ x: ArraySlice<Double>, to num: Int) -> [Double] {
        let n = x.count, m = min(n, num)
        let half = halfSpectrum(x)
        var kept = [(Double, Double)](repeating: (0, 0), count: num / 2 + 1)
        for k in 0...(m / 2) {
            var factor = Double(num) / Double(n)
            if m % 2 == 0 && num != n && k == m / 2 { factor *= num < n ? 2 : 0.5 }
            kept[k] = (half[k].0 * factor, half[k].1 * factor)
        }
        return inverse(kept, length: num)
    }

    static func expectClose(_ got: [Double], _ want: [Double], within tolerance: Double, _ what: String) {
        #expect(got.count == want.count, "\(what): count")
        let scale = want.map(abs).max() ?? 1
        let worst = zip(got, want).map { abs($0 - $1) }.max() ?? 0
        #expect(worst <= tolerance * scale, "\(what): worst difference \(worst) of \(scale)")
    }

    // Several blocks of rows with a partial last one (a block of 64 float64 samples is about 250 rows), odd and
    // even lengths. Tolerance 1e-12 of the largest value: FFTW's rounding against the direct sums' (~n·1e-16).
    @Test("hilbert, the analytic signal and envelope equal their DFT definition to 1e-12, in blocks of rows",
          arguments: [(600, 64), (7, 37)])
    func hilbertAgainstDefinition(rows: Int, length n: Int) {
        let x = Self.randomValues(rows * n, seed: UInt64(n))
        let h = RowSpectrumKernels.hilbert(x, rows: rows, length: n)
        let expected = (0..<rows).flatMap { r in Self.hilbertByDefinition(x[(r * n)..<((r + 1) * n)]) }
        Self.expectClose(h, expected, within: 1e-12, "hilbert")
        let envelope = RowSpectrumKernels.envelope(x, rows: rows, length: n)
        Self.expectClose(envelope, zip(x, expected).map { ($0 * $0 + $1 * $1).squareRoot() }, within: 1e-12, "envelope")

        // float32: the same transforms in single precision, within float32's rounding (1e-5 of the largest value).
        let single = x.map { Float($0) }
        let pairs = RowSpectrumKernels.analyticPairs(single, rows: rows, length: n)
        #expect(stride(from: 0, to: pairs.count, by: 2).map { pairs[$0] } == single, "the real parts are x itself")
        Self.expectClose(stride(from: 1, to: pairs.count, by: 2).map { Double(pairs[$0]) }, expected, within: 1e-5,
                         "float32 hilbert")
        Self.expectClose(RowSpectrumKernels.hilbert(single, rows: rows, length: n).map(Double.init), expected,
                         within: 1e-5, "float32 H(x)")
        Self.expectClose(RowSpectrumKernels.envelope(single, rows: rows, length: n).map(Double.init),
                         zip(x, expected).map { ($0 * $0 + $1 * $1).squareRoot() }, within: 1e-5, "float32 envelope")
        // A float32 chunk computed in float64 is the float64 kernel on the widened values, bit for bit.
        let widened = single.map(Double.init)
        #expect(RowSpectrumKernels.hilbertWidened(single, rows: rows, length: n)
                == RowSpectrumKernels.hilbert(widened, rows: rows, length: n))
        #expect(RowSpectrumKernels.envelopeWidened(single, rows: rows, length: n)
                == RowSpectrumKernels.envelope(widened, rows: rows, length: n))
    }

    @Test("Fourier resampling equals scipy.signal.resample's definition to 1e-12: down, up, odd and even lengths",
          arguments: [(300, 100, 40), (300, 100, 250), (5, 37, 16), (5, 36, 27), (400, 64, 64), (1, 36, 9),
                      (1, 9, 36)])
    func resampleAgainstDefinition(rows: Int, length n: Int, to num: Int) {
        let x = Self.randomValues(rows * n, seed: UInt64(n * 1000 + num))
        let expected = (0..<rows).flatMap { r in Self.resampledByDefinition(x[(r * n)..<((r + 1) * n)], to: num) }
        Self.expectClose(RowSpectrumKernels.fourierResampled(x, rows: rows, length: n, to: num), expected,
                         within: 1e-12, "resample")
        let single = x.map { Float($0) }
        Self.expectClose(RowSpectrumKernels.fourierResampled(single, rows: rows, length: n, to: num).map(Double.init),
                         expected, within: 1e-5, "float32 resample")
        #expect(RowSpectrumKernels.fourierResampledWidened(single, rows: rows, length: n, to: num)
                == RowSpectrumKernels.fourierResampled(single.map(Double.init), rows: rows, length: n, to: num))
    }

    @Test("the vectorised log sum is within 1e-14 of glibc's, through zeros, subnormals and every scale")
    func logSumAgainstGlibc() {
        // The last scale makes subnormals (a literal like 1e-310 draws an underflow warning).
        for (index, scale) in [1.0, 1e-300, 1e300, Double.leastNormalMagnitude / 100].enumerated() {
            let values = Self.randomValues(1000 + index, seed: UInt64(index + 1)).map { abs($0) * scale }
            let expected = values.map { Foundation.log($0) }.reduce(0, +)
            let got = SpectralKernels.logSum(values)
            #expect(abs(got - expected) <= 1e-14 * abs(expected), "scale \(scale): \(got) against \(expected)")
        }
        #expect(SpectralKernels.logSum([1, 2, 0, 3]) == -Double.infinity)
        #expect(SpectralKernels.logSum([1, .infinity]) == .infinity)
        #expect(SpectralKernels.logSum([1, -1]).isNaN)
    }

    /// The descriptors as the Swift code that the C kernel replaced defined them.
    static func byDefinition(_ kind: SpectralDescriptor, frequencies f: [Double], power p: [Double]) -> Double {
        let total = p.reduce(0, +)
        switch kind {
        case .centroid: return total > 0 ? zip(f, p).map(*).reduce(0, +) / total : .nan
        case .median:
            guard total > 0 else { return .nan }
            var cumulative = 0.0
            for (frequency, power) in zip(f, p) {
                cumulative += power
                if cumulative >= 0.5 * total { return frequency }
            }
            return f[f.count - 1]
        case .peak:
            guard total > 0 else { return .nan }
            var best = 0
            for k in p.indices where p[k] > p[best] { best = k }
            return f[best]
        case .flatness:
            let peak = p.max() ?? 0
            let scaled = p.map { peak > 0 ? $0 / peak : 0 }
            let logMean = scaled.map { $0 > 0 ? Foundation.log($0) : -Double.infinity }.reduce(0, +) / Double(p.count)
            let mean = scaled.reduce(0, +) / Double(p.count)
            return mean > 0 ? min(max(Foundation.exp(logMean) / mean, 0), 1) : .nan
        case .entropy, .entropyRaw:
            let entropy = -p.map { total > 0 && $0 > 0 ? ($0 / total) * Foundation.log2($0 / total) : 0 }.reduce(0, +)
            guard kind == .entropy else { return entropy }
            return p.count == 1 ? 0 : entropy / Foundation.log2(Double(p.count))
        }
    }

    // Centroid, median and peak keep the sequential sums of the definition: the same bits. Flatness and entropy
    // take fdlibm's log (within 1 ulp of glibc's) summed in 8 partial sums and multiply by the reciprocal of the
    // peak or total: a different rounding, within 1e-13 relative for 500 bins (a few ulps per term).
    @Test("the spectral descriptors equal their definitions (centroid, median, peak bit for bit; flatness and entropy to 1e-13) in every layout",
          arguments: [SpectralDescriptor.centroid, .median, .peak, .flatness, .entropy, .entropyRaw])
    func descriptorsAgainstDefinition(kind: SpectralDescriptor) {
        let rows = 20, columns = 501
        var pairs = Self.randomValues(2 * rows * columns, seed: 7)
        pairs[2 * columns + 10] = 0  // a zero bin in row 1 (flatness: −∞ log, 0)
        pairs[2 * columns + 11] = 0
        for k in 0..<(2 * columns) { pairs[4 * columns + k] = 0 }  // row 2: no power at all (NaN)
        let frequencies = (0..<columns).map { Double($0) * 2.5 }
        let contiguous = Array(3..<400), gathered = [0] + Array(stride(from: 5, to: 500, by: 3))
        for bins in [contiguous, gathered] {
            let selected = bins.map { frequencies[$0] }
            let expected = (0..<rows).map { r in
                Self.byDefinition(kind, frequencies: selected, power: bins.map { k in
                    let re = pairs[2 * (r * columns + k)], im = pairs[2 * (r * columns + k) + 1]
                    return re * re + im * im
                })
            }
            let real = stride(from: 0, to: pairs.count, by: 2).map { pairs[$0] }
            let imaginary = stride(from: 1, to: pairs.count, by: 2).map { pairs[$0] }
            for (layout, got) in [
                ("pairs", SpectralKernels.descriptor(kind, pairs: pairs, rows: rows, columns: columns, bins: bins,
                                                     frequencies: selected)),
                ("split", SpectralKernels.descriptor(kind, real: real, imaginary: imaginary, rows: rows,
                                                     columns: columns, bins: bins, frequencies: selected)),
            ] {
                for r in 0..<rows {
                    let (a, b) = (got[r], expected[r])
                    let exact = [.centroid, .median, .peak].contains(kind)
                    #expect(a.isNaN == b.isNaN && (a.isNaN || (exact ? a == b : abs(a - b) <= 1e-13 * max(abs(b), 1e-300))),
                            "\(kind) \(layout) row \(r): \(a) against \(b)")
                }
            }
            // Float32 pairs: each value widened exactly, then the same arithmetic.
            let single = pairs.map { Float($0) }
            let widened = SpectralKernels.descriptor(kind, pairs: single.map(Double.init), rows: rows, columns: columns,
                                                     bins: bins, frequencies: selected)
            let fromSingle = SpectralKernels.descriptor(kind, pairs: single, rows: rows, columns: columns, bins: bins,
                                                        frequencies: selected)
            #expect(zip(fromSingle, widened).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
        }
    }
}
