/// The data movement of a short-time Fourier transform (scipy's ShortTimeFFT, DASCore's `stft`/`istft`): cutting
/// every (channel, window) segment out of a chunk into the rows of one batch of DFTs, reordering the spectra into
/// DASCore's channel × frequency × window layout and back, and overlap-adding the inverse DFTs. Each is one pass
/// over a chunk-sized array written once (or added into), over raw buffers: scattered reads and writes at a few
/// cycles each, where array subscripts would check bounds and uniqueness at every one.
///
/// Window p's samples are those from `starts[p]` on (relative to the chunk's first column, negative before it);
/// samples outside the chunk are zero. The DFT's time origin is the window's centre (scipy's phase_shift=0): sample
/// k of a window is element (k − middle) mod n of its DFT row.
public enum ShortTimeKernels {
    /// For each of `rows` rows of `columns` samples and each window start, a row of `window.count` values: the
    /// segment (zero outside the chunk), less its least-squares line when `detrend` (float64), times the window,
    /// rotated so that sample `middle` comes first; rows ordered (row, window).
    @inlinable
    public static func windowedSegments<S: BinaryFloatingPoint>(_ x: [S], rows: Int, columns: Int, starts: [Int],
                                                                window: [Double], middle: Int, detrend: Bool) -> [S] {
        precondition(rows * columns <= x.count, "rows outside the array")
        let n = window.count, count = starts.count
        let centre = Double(n - 1) / 2
        var line = [S](repeating: 0, count: n)
        return FreshBuffer.array(rows * count * n) { segment in
            x.withUnsafeBufferPointer { x in
                line.withUnsafeMutableBufferPointer { line in
                    for r in 0..<rows {
                        for (j, first) in starts.enumerated() {
                            let offset = (r * count + j) * n
                            for k in 0..<n { line[k] = first + k >= 0 && first + k < columns ? x[r * columns + first + k] : 0 }
                            let (mean, slope) = detrend ? LineTrendFit.coefficients(buffer: UnsafeBufferPointer(line),
                                                                                    linear: true) : (0, 0)
                            for k in 0..<n {
                                let value = detrend ? Double(line[k]) - (mean + slope * (Double(k) - centre))
                                    : Double(line[k])
                                segment[offset + (k - middle + n) % n] = S(value * window[k])
                            }
                        }
                    }
                }
            }
        }
    }

    /// Spectra in rows ordered (row, window), `bins` (re, im) pairs each, reordered into (row, frequency, window)
    /// — DASCore's stft layout, `bins × windows` pairs per row — each value times `scale`.
    @inlinable
    public static func frequencyMajor<S: BinaryFloatingPoint>(pairs p: [S], rows: Int, windows count: Int, bins: Int,
                                                              scale: S) -> [S] {
        precondition(2 * rows * count * bins <= p.count, "rows outside the spectra")
        return FreshBuffer.array(2 * rows * bins * count) { out in
            p.withUnsafeBufferPointer { p in
                for r in 0..<rows {
                    for j in 0..<count {
                        let source = (r * count + j) * bins
                        for f in 0..<bins {
                            let target = (r * bins + f) * count + j
                            out[2 * target] = p[2 * (source + f)] * scale
                            out[2 * target + 1] = p[2 * (source + f) + 1] * scale
                        }
                    }
                }
            }
        }
    }

    /// The inverse of `frequencyMajor`'s reordering (without scaling): (row, frequency, window) pairs back into
    /// rows ordered (row, window) of `bins` pairs, one half spectrum per inverse DFT.
    @inlinable
    public static func windowMajor<S: BinaryFloatingPoint>(pairs: [S], rows: Int, windows count: Int,
                                                           bins: Int) -> [S] {
        precondition(2 * rows * count * bins <= pairs.count, "rows outside the spectra")
        return pairs.withUnsafeBufferPointer { p in
            windowMajor(rows: rows, windows: count, bins: bins) { i in (p[2 * i], p[2 * i + 1]) }
        }
    }

    /// `windowMajor` of split spectra (real and imaginary parts in arrays of their own), as interleaved pairs.
    @inlinable
    public static func windowMajor(real: [Double], imaginary: [Double], rows: Int, windows count: Int,
                                   bins: Int) -> [Double] {
        precondition(rows * count * bins <= min(real.count, imaginary.count), "rows outside the spectra")
        return real.withUnsafeBufferPointer { re in
            imaginary.withUnsafeBufferPointer { im in
                windowMajor(rows: rows, windows: count, bins: bins) { i in (re[i], im[i]) }
            }
        }
    }

    @inlinable
    static func windowMajor<S: BinaryFloatingPoint>(rows: Int, windows count: Int, bins: Int,
                                                    _ element: (Int) -> (S, S)) -> [S] {
        FreshBuffer.array(2 * rows * count * bins) { out in
            for r in 0..<rows {
                for f in 0..<bins {
                    for j in 0..<count {
                        let (re, im) = element((r * bins + f) * count + j)
                        let target = (r * count + j) * bins + f
                        (out[2 * target], out[2 * target + 1]) = (re, im)
                    }
                }
            }
        }
    }

    /// Overlap-add of inverse DFT rows (ordered (row, window), `weights.count` samples each, sample `middle`
    /// first) onto `rows` rows of `length` samples: sample k of window j, times weights[k], added at
    /// starts[j] + k where that lies in 0..<length. Sums in `S`, windows in order.
    @inlinable
    public static func overlapAdded<S: BinaryFloatingPoint>(_ segments: [S], rows: Int, length: Int, starts: [Int],
                                                            weights: [S], middle: Int) -> [S] {
        let n = weights.count, count = starts.count
        precondition(rows * count * n <= segments.count, "rows outside the segments")
        var out = [S](repeating: 0, count: rows * length)
        segments.withUnsafeBufferPointer { segments in
            out.withUnsafeMutableBufferPointer { out in
                for r in 0..<rows {
                    for (j, first) in starts.enumerated() {
                        let lo = max(0, -first), hi = max(lo, min(n, length - first))
                        let segment = (r * count + j) * n
                        for k in lo..<hi {
                            out[r * length + first + k] += segments[segment + (k - middle + n) % n] * weights[k]
                        }
                    }
                }
            }
        }
        return out
    }
}
