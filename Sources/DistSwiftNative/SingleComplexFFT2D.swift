import CFFTW3

/// The normalised inverse 2-D DFT (numpy's `ifft2`) of a rows × columns complex array in single precision (FFTW's
/// float library), as numpy ≥ 2 computes `ifft2` of a complex64 array: for a float32 graph's `up_wave`/`down_wave`,
/// whose double-precision 2-D transform took half again numpy's complex64 time.
///
/// The float64 parts are narrowed into interleaved float32 pairs in one pass that also applies the caller's
/// per-row scaling (the f–k quadrants) and 1/(rows·columns): the transform is linear, so scaling before it is the
/// normalised inverse, within float32 rounding. FFTW transforms that array in place — the plan is made on it with
/// FFTW_ESTIMATE, which does not touch the data (a measured plan would overwrite it), about 1 ms for 1000 × 10,000
/// — so the result needs no copy out of a separate FFTW buffer.
public enum SingleComplexFFT2D {
    /// `scaled(r)`: the columns of row r multiplied by `factor` (besides 1/(rows·columns)).
    public static func inverse(real: [Double], imaginary: [Double], rows: Int, columns: Int,
                               scaled: (Int) -> Range<Int>, factor: Double) -> [Float] {
        let count = rows * columns
        precondition(real.count == count && imaginary.count == count && count > 0)
        let norm = 1 / Double(count), quadrant = factor / Double(count)
        var pairs = FreshBuffer.array(2 * count) { (out: UnsafeMutableBufferPointer<Float>) in
            real.withUnsafeBufferPointer { re in
                imaginary.withUnsafeBufferPointer { im in
                    for r in 0..<rows {
                        let range = scaled(r).clamped(to: 0..<columns)
                        for (part, s) in [(0..<range.lowerBound, norm), (range, quadrant), (range.upperBound..<columns, norm)] {
                            for i in (r * columns + part.lowerBound)..<(r * columns + part.upperBound) {
                                out[2 * i] = Float(re[i] * s)
                                out[2 * i + 1] = Float(im[i] * s)
                            }
                        }
                    }
                }
            }
        }
        pairs.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: fftwf_complex.self, capacity: count) { data in
                let plan = FFTWPlanner.withLock {
                    fftwf_plan_dft_2d(Int32(rows), Int32(columns), data, data, FFTW_BACKWARD, UInt32(FFTW_ESTIMATE))!
                }
                fftwf_execute(plan)
                FFTWPlanner.withLock { fftwf_destroy_plan(plan) }
            }
        }
        return pairs
    }
}
