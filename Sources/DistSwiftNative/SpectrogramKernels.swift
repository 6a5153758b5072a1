import CDistShims

/// A spectrogram (scipy.signal.spectrogram, DASCore's `spectrogram`): cutting every (channel, window) segment out of
/// a chunk — detrended, windowed and zero-padded to the DFT length as it is copied — transforming it and writing
/// each bin's one-sided power straight into DASCore's (channel, frequency, window) layout. Raw buffers, because
/// these are scattered reads or writes at a few cycles each, where array subscripts would check bounds and
/// uniqueness at every one.
public enum SpectrogramKernels {
    /// The spectrogram in one pass over the chunk: every (row, window) segment cut straight into a cache-resident
    /// buffer, two segments packed as one complex row (`PairedRowPlans`: FFTW's complex transforms, SIMD
    /// throughout, where its real ones are not — 77,000 float32 segments of 256 in 5.5 ms against 12.6 ms), their
    /// spectra separated by conjugate symmetry and their powers written. Neither the segments (twice the chunk at
    /// 50 % overlap) nor their spectra are written to memory.
    ///
    /// Each (row, window)'s one-sided power (re² + im²) × `scale`, doubled for every bin but 0 Hz (and Nyquist
    /// for an even `nfft`), laid out (row, frequency, window): rows × (bins · windows). Window j is the `length`
    /// samples from column `offsets[j]` of each row of `x` (rows × columns), less their trend (none, the mean, or
    /// the least-squares line when `linear`; fitted in float64), times `window`, then zeros up to `nfft`.
    public static func powers<S: FFTWScalar>(_ x: [S], rows: Int, columns: Int, offsets: [Int], window: [Double],
                                             nfft: Int, detrend: Bool, linear: Bool, scale: Double,
                                             plans: FFTWRowPlans = FFTWRowPlans()) -> [S] {
        // Specialised for each precision here (a generic call from another module runs unspecialised). The arrays
        // are reinterpreted, not cast: S is that type, and `as?` on an array converts it element by element.
        if S.self == Float.self {
            return unsafeBitCast(segmentPowers(unsafeBitCast(x, to: [Float].self), rows: rows, columns: columns,
                                               offsets: offsets, window: window, nfft: nfft, detrend: detrend,
                                               linear: linear, scale: scale, plans: plans), to: [S].self)
        }
        precondition(S.self == Double.self)
        return unsafeBitCast(segmentPowers(unsafeBitCast(x, to: [Double].self), rows: rows, columns: columns,
                                           offsets: offsets, window: window, nfft: nfft, detrend: detrend,
                                           linear: linear, scale: scale, plans: plans), to: [S].self)
    }

    static func segmentPowers<S: FFTWScalar>(_ x: [S], rows: Int, columns: Int, offsets: [Int], window: [Double],
                                             nfft: Int, detrend: Bool, linear: Bool, scale: Double,
                                             plans cache: FFTWRowPlans) -> [S] {
        let length = window.count, count = offsets.count, bins = nfft / 2 + 1
        precondition(x.count == rows * columns && nfft >= length
                     && offsets.allSatisfy { $0 >= 0 && $0 + length <= columns }, "segments outside the chunk")
        let segments = rows * count
        guard segments > 0 else { return [] }
        let centre = Double(length - 1) / 2
        let pairs = RowSpectrumKernels.pairsPerBlock(length: nfft)
        return cache.withPairedPlans(S.self, length: nfft, inverseLength: nfft, pairs: pairs) { plans in
            FreshBuffer.array(rows * bins * count) { out in
                x.withUnsafeBufferPointer { x in
                    var starts = [Int](repeating: 0, count: 2 * pairs)
                    for first in stride(from: 0, to: segments, by: 2 * pairs) {
                        let used = min(2 * pairs, segments - first)
                        if S.self == Float.self && !linear {
                            // float32 chunk, no or constant detrend: the C pass (sums of four segments side by side,
                            // the cut vectorised; the same operations per value as the loop below).
                            for s in 0..<used {
                                let (r, j) = (first + s).quotientAndRemainder(dividingBy: count)
                                starts[s] = r * columns + offsets[j]
                            }
                            let chunk = UnsafeRawPointer(x.baseAddress!).assumingMemoryBound(to: Float.self)
                            let packed = UnsafeMutableRawPointer(plans.packed).assumingMemoryBound(to: Float.self)
                            window.withUnsafeBufferPointer { w in
                                dist_rowpair_segments(chunk, starts, used, length, w.baseAddress!, detrend ? 1 : 0, nfft,
                                                      packed)
                            }
                        } else {
                            for s in 0..<used {
                                // Segment s of the block: real part of packed row s / 2 when even, imaginary when odd.
                                let (r, j) = (first + s).quotientAndRemainder(dividingBy: count)
                                let target = plans.packed + 2 * nfft * (s / 2) + s % 2
                                let line = UnsafeBufferPointer(rebasing: x[(r * columns + offsets[j])...].prefix(length))
                                let (mean, slope) = detrend ? LineTrendFit.coefficients(line, linear: linear) : (0, 0)
                                for i in 0..<length {
                                    let trend = mean + slope * (Double(i) - centre)
                                    target[2 * i] = S((Double(line[i]) - trend) * window[i])
                                }
                                for i in length..<nfft { target[2 * i] = 0 }
                            }
                        }
                        if used % 2 == 1 {
                            let target = plans.packed + 2 * nfft * (used / 2) + 1
                            for i in 0..<nfft { target[2 * i] = 0 }
                        }
                        plans.forward()
                        for s in stride(from: 0, to: used, by: 2) {
                            let z = plans.spectrum + 2 * nfft * (s / 2)
                            let (ra, ja) = (first + s).quotientAndRemainder(dividingBy: count)
                            let (rb, jb) = (first + s + 1).quotientAndRemainder(dividingBy: count)
                            let paired = s + 1 < used
                            RowSpectrumKernels.separated(z, length: nfft, bins: bins, scale: 1) { f, ar, ai, br, bi in
                                let twice: Double = f > 0 && !(nfft % 2 == 0 && f == bins - 1) ? 2 : 1
                                let (are, aim) = (Double(ar), Double(ai))
                                out[(ra * bins + f) * count + ja] = S((are * are + aim * aim) * scale * twice)
                                if paired {
                                    let (bre, bim) = (Double(br), Double(bi))
                                    out[(rb * bins + f) * count + jb] = S((bre * bre + bim * bim) * scale * twice)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
