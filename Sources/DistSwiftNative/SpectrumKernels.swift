/// Amplitude and phase of interleaved (re, im) spectra as FFTW writes them, `bins` pairs a row: the passes of
/// spectral whitening (DASCore's `whiten`), which reads every bin's amplitude and then rewrites the bin with a new
/// amplitude and its phase kept. They work where the transform wrote the spectra (no split into real and imaginary
/// arrays, no per-bin arrays of the chunk), over raw buffers: one pass each, a few cycles a bin.
public enum SpectrumKernels {
    /// √(re² + im²) in float64, not hypot: a few cycles instead of tens per bin, and no spectrum of a chunk comes
    /// near float64's overflow (the difference is within an ulp).
    @inlinable @inline(__always)
    static func amplitude<S: BinaryFloatingPoint>(_ p: UnsafeBufferPointer<S>, _ i: Int) -> Double {
        let (re, im) = (Double(p[2 * i]), Double(p[2 * i + 1]))
        return (re * re + im * im).squareRoot()
    }

    /// Each row's amplitudes (a line of `bins` float64 values, reused) handed to `smooth`, whose result (`bins`
    /// values) is stored: the `rows` × `bins` smoothed amplitudes, row-major.
    @inlinable
    public static func smoothedAmplitudes<S: BinaryFloatingPoint>(pairs: [S], rows: Int, bins: Int,
                                                                   _ smooth: ([Double]) -> [Double]) -> [Double] {
        precondition(2 * rows * bins <= pairs.count, "rows outside the spectra")
        return pairs.withUnsafeBufferPointer { p in
            FreshBuffer.array(rows * bins) { out in
                var row = [Double](repeating: 0, count: bins)
                for r in 0..<rows {
                    for k in 0..<bins { row[k] = amplitude(p, r * bins + k) }
                    let smoothed = smooth(row)
                    precondition(smoothed.count == bins, "smoothing changed the row's length")
                    for k in 0..<bins { out[r * bins + k] = smoothed[k] }
                }
            }
        }
    }

    /// Every bin X (bin i of the row-major spectra) replaced by g · envelope[i mod bins] · factor · X/|X|, its phase
    /// kept, with g = |X| / divisors[i] (1 without divisors): whitening by a smoothed amplitude, tapered to a band.
    /// A bin with |X| = 0 becomes the real g · envelope · factor (numpy's angle of 0 is 0). Products in float64, in
    /// that order, rounded once to `S`.
    @inlinable
    public static func replaceAmplitudes<S: BinaryFloatingPoint>(_ pairs: inout [S], bins: Int, dividedBy divisors: [Double]?,
                                                                 envelope: [Double], factor: Double) {
        let count = bins > 0 ? pairs.count / 2 : 0
        precondition(envelope.count == bins && (divisors.map { $0.count == count } ?? true),
                     "the envelope or divisors do not match the spectra")
        let gains = divisors ?? []
        gains.withUnsafeBufferPointer { smoothed in
            envelope.withUnsafeBufferPointer { envelope in
                pairs.withUnsafeMutableBufferPointer { p in
                    for i in 0..<count {
                        let a = amplitude(UnsafeBufferPointer(p), i)
                        let gain = divisors == nil ? 1 : a / smoothed[i]
                        let scale = gain * envelope[i % bins] * factor
                        if a == 0 {
                            (p[2 * i], p[2 * i + 1]) = (S(scale), 0)
                        } else {
                            (p[2 * i], p[2 * i + 1]) = (S(Double(p[2 * i]) / a * scale),
                                                        S(Double(p[2 * i + 1]) / a * scale))
                        }
                    }
                }
            }
        }
    }
}
