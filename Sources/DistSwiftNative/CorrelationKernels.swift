/// The two loops of cross-correlation by FFT (DASCore's `correlate` and `correlate_shift`): the cross spectrum of
/// every row with one row, and numpy's fftshift that moves lag 0 to the middle of each row. Each is one pass over a
/// whole chunk of spectra or lags, written into its place; over raw buffers they cost a few cycles an element,
/// where array subscripts (a uniqueness and a bounds check per element) cost more than the arithmetic.
public enum CorrelationKernels {
    /// Every row of interleaved (re, im) spectra, `bins` pairs a row, multiplied in place by the complex conjugate
    /// of row `master`'s: x · conj(s) = (xr·sr + xi·si, xi·sr − xr·si), the spectrum of x's circular correlation
    /// with s (the master's own row included, with the master's values from before the product).
    @inlinable
    public static func multiplyByConjugateOfRow<S: BinaryFloatingPoint>(_ pairs: inout [S], rows: Int, bins: Int,
                                                                         master: Int) {
        precondition(master >= 0 && master < rows && 2 * rows * bins <= pairs.count, "master row outside the spectra")
        let s = Array(pairs[(2 * master * bins)..<(2 * (master + 1) * bins)])
        s.withUnsafeBufferPointer { s in
            pairs.withUnsafeMutableBufferPointer { p in
                for r in 0..<rows {
                    let base = 2 * r * bins
                    for k in 0..<bins {
                        let (xr, xi) = (p[base + 2 * k], p[base + 2 * k + 1])
                        let (sr, si) = (s[2 * k], s[2 * k + 1])
                        p[base + 2 * k] = xr * sr + xi * si
                        p[base + 2 * k + 1] = xi * sr - xr * si
                    }
                }
            }
        }
    }

    /// numpy.fft.fftshift of each of `rows` rows of `columns` values, every value converted to `D` and times
    /// `scale`: the last columns/2 values of a row first, then the rest (two contiguous copies per row). A float32
    /// chunk is widened as it is shifted: one pass.
    @inlinable
    public static func fftShiftedRows<S: BinaryFloatingPoint, D: BinaryFloatingPoint>(
        _ x: [S], rows: Int, columns m: Int, as: D.Type = D.self, scale: D
    ) -> [D] {
        precondition(rows * m <= x.count, "rows outside the array")
        let shift = m / 2
        return FreshBuffer.array(rows * m) { y in
            x.withUnsafeBufferPointer { x in
                for r in 0..<rows {
                    let row = r * m
                    for j in 0..<shift { y[row + j] = D(x[row + m - shift + j]) * scale }
                    for j in shift..<m { y[row + j] = D(x[row + j - shift]) * scale }
                }
            }
        }
    }
}
