/// The data movement of a spectrogram (scipy.signal.spectrogram, DASCore's `spectrogram`): cutting every (channel,
/// window) segment out of a chunk — detrended, windowed and zero-padded to the DFT length as it is copied, one
/// pass — and reading each bin's one-sided power from FFTW's (re, im) pairs straight into DASCore's (channel,
/// frequency, window) layout. Raw buffers, because both are scattered reads or writes at a few cycles each, where
/// array subscripts would check bounds and uniqueness at every one.
public enum SpectrogramKernels {
    /// Rows ordered (row, window) of `nfft` values: for window j the `length` samples from column `offsets[j]` of
    /// each row of `x` (rows × columns; every window inside the row), less their trend (none, the mean, or the
    /// least-squares line when `linear`; fitted in float64), times `window`, then zeros up to `nfft`.
    @inlinable
    public static func paddedSegments<S: BinaryFloatingPoint>(_ x: [S], rows: Int, columns: Int, offsets: [Int],
                                                              window: [Double], nfft: Int, detrend: Bool,
                                                              linear: Bool) -> [S] {
        let length = window.count, count = offsets.count
        precondition(x.count == rows * columns && nfft >= length
                     && offsets.allSatisfy { $0 >= 0 && $0 + length <= columns }, "segments outside the chunk")
        let centre = Double(length - 1) / 2
        return FreshBuffer.array(rows * count * nfft) { segment in
            x.withUnsafeBufferPointer { x in
                for r in 0..<rows {
                    for (j, k) in offsets.enumerated() {
                        let offset = (r * count + j) * nfft
                        let line = UnsafeBufferPointer(rebasing: x[(r * columns + k)...].prefix(length))
                        let (mean, slope) = detrend ? LineTrendFit.coefficients(line, linear: linear) : (0, 0)
                        for i in 0..<length {
                            let trend = mean + slope * (Double(i) - centre)
                            segment[offset + i] = S((Double(line[i]) - trend) * window[i])
                        }
                        for i in length..<nfft { segment[offset + i] = 0 }
                    }
                }
            }
        }
    }

    /// From spectra in rows ordered (row, window) of `bins` (re, im) pairs (a real DFT of length `nfft`), each bin's
    /// power (re² + im²) × `scale`, doubled for every bin but 0 Hz (and Nyquist for an even `nfft`), whose negative
    /// twin it also holds; laid out (row, frequency, window): rows × (bins · windows).
    @inlinable
    public static func oneSidedPowers<S: BinaryFloatingPoint>(pairs p: [S], rows: Int, windows count: Int, bins: Int,
                                                              nfft: Int, scale: Double) -> [S] {
        precondition(p.count == 2 * rows * count * bins)
        return FreshBuffer.array(rows * bins * count) { out in
            p.withUnsafeBufferPointer { p in
                for r in 0..<rows {
                    for j in 0..<count {
                        let source = (r * count + j) * bins
                        for f in 0..<bins {
                            let re = Double(p[2 * (source + f)]), im = Double(p[2 * (source + f) + 1])
                            let twice = f > 0 && !(nfft % 2 == 0 && f == bins - 1)
                            out[(r * bins + f) * count + j] = S((re * re + im * im) * scale * (twice ? 2 : 1))
                        }
                    }
                }
            }
        }
    }
}
