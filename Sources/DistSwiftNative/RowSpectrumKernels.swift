import CDistShims

/// Transforms of real rows that go to the frequency domain and straight back — the Hilbert transform (`hilbert`,
/// `envelope`, `phase_weighted_stack`) and scipy's Fourier resampling (`resample`) — and the one-sided spectra of
/// `rfft` and `dft`, two rows at a time: each pair of rows is read (and widened, where a float32 chunk is computed in
/// float64 — no float64 copy of the chunk) into a cache-resident buffer as one complex row a + i·b, transformed by
/// FFTW's complex plans (`PairedRowPlans`, SIMD throughout, where its real transforms of these lengths are not:
/// twice as fast in float32), edited in cache and written once into the output. The whole-chunk way wrote a
/// chunk-sized spectrum (40 MB for a 1000 × 10,000 float32 chunk, into fresh pages), a chunk-sized inverse and then
/// the output: three fresh arrays and as many passes over memory where this writes one.
///
/// The plans come from an `FFTWRowPlans` cache that the caller owns (the backend's: one per worker run), made in
/// the run's planning rigor; without one, a fresh cache plans for the call alone. The results are FFTW's complex
/// transforms' where the older code took its real ones: they differ from those in the last bits (float64: within
/// 1e-15 of the row's scale), as two FFT algorithms do, and match scipy's to the tests' stated tolerances.
public enum RowSpectrumKernels {
    // MARK: Hilbert transform

    /// H(x) of every row (rows × length, row-major), the imaginary part of scipy.signal.hilbert's analytic signal,
    /// in the input's precision.
    public static func hilbert(_ x: [Float], rows: Int, length: Int, plans: FFTWRowPlans = FFTWRowPlans()) -> [Float] {
        analytic(x, rows: rows, length: length, compute: Float.self, output: .imaginary, plans: plans)
    }

    public static func hilbert(_ x: [Double], rows: Int, length: Int,
                               plans: FFTWRowPlans = FFTWRowPlans()) -> [Double] {
        analytic(x, rows: rows, length: length, compute: Double.self, output: .imaginary, plans: plans)
    }

    /// H(x) of float32 rows computed in float64 (each block widened as it is read, exactly).
    public static func hilbertWidened(_ x: [Float], rows: Int, length: Int,
                                      plans: FFTWRowPlans = FFTWRowPlans()) -> [Double] {
        analytic(x, rows: rows, length: length, compute: Double.self, output: .imaginary, plans: plans)
    }

    /// scipy.signal.hilbert's analytic signal x + i·H(x) of float32 rows as (re, im) pairs (complex64).
    public static func analyticPairs(_ x: [Float], rows: Int, length: Int,
                                     plans: FFTWRowPlans = FFTWRowPlans()) -> [Float] {
        analytic(x, rows: rows, length: length, compute: Float.self, output: .pairs, plans: plans)
    }

    /// |x + i·H(x)| of every row, DASCore's envelope, in the input's precision.
    public static func envelope(_ x: [Float], rows: Int, length: Int, plans: FFTWRowPlans = FFTWRowPlans()) -> [Float] {
        analytic(x, rows: rows, length: length, compute: Float.self, output: .magnitude, plans: plans)
    }

    public static func envelope(_ x: [Double], rows: Int, length: Int,
                                plans: FFTWRowPlans = FFTWRowPlans()) -> [Double] {
        analytic(x, rows: rows, length: length, compute: Double.self, output: .magnitude, plans: plans)
    }

    /// The envelope of float32 rows computed in float64.
    public static func envelopeWidened(_ x: [Float], rows: Int, length: Int,
                                       plans: FFTWRowPlans = FFTWRowPlans()) -> [Double] {
        analytic(x, rows: rows, length: length, compute: Double.self, output: .magnitude, plans: plans)
    }

    /// The sums over channels behind a phase-weighted stack of float32 rows — `PhaseCoherenceKernels.channelSums`
    /// of x and H(x), the same operations in the same order — with each pair's H(x) read from its inverse transform
    /// while it is in cache: the chunk-sized Hilbert transform is never written nor read back.
    public static func phasorSums(_ x: [Float], rows: Int, length n: Int, plans cache: FFTWRowPlans = FFTWRowPlans())
        -> (values: [Double], phasorRe: [Double], phasorIm: [Double]) {
        phasorSums(x, rows: rows, length: n, compute: Float.self, plans: cache)
    }

    /// `phasorSums` with H(x) computed in float64 (a float32 chunk in a float64 graph): `channelSums` of the widened
    /// rows and their `hilbertWidened` transforms, bit for bit, without either chunk-sized float64 array.
    public static func phasorSumsWidened(_ x: [Float], rows: Int, length n: Int,
                                         plans cache: FFTWRowPlans = FFTWRowPlans())
        -> (values: [Double], phasorRe: [Double], phasorIm: [Double]) {
        phasorSums(x, rows: rows, length: n, compute: Double.self, plans: cache)
    }

    static func phasorSums<S: FFTWScalar>(_ x: [Float], rows: Int, length n: Int, compute: S.Type,
                                          plans cache: FFTWRowPlans)
        -> (values: [Double], phasorRe: [Double], phasorIm: [Double]) {
        precondition(x.count == rows * n, "expected \(rows)×\(n) samples, got \(x.count)")
        var values = [Double](repeating: 0, count: n), phasorRe = values, phasorIm = values
        guard rows > 0, n > 0 else { return (values, phasorRe, phasorIm) }
        let scale = 1 / S(n)
        cache.withPairedPlans(S.self, length: n, inverseLength: n) { plans in
            x.withUnsafeBufferPointer { x in
                values.withUnsafeMutableBufferPointer { values in
                    phasorRe.withUnsafeMutableBufferPointer { phasorRe in
                        phasorIm.withUnsafeMutableBufferPointer { phasorIm in
                            for first in stride(from: 0, to: rows, by: 2) {
                                let a = x.baseAddress! + first * n, paired = first + 1 < rows
                                hilbertPair(a, paired ? a + n : nil, length: n, plans: plans)
                                let w = UnsafeRawPointer(plans.output)
                                if S.self == Float.self {
                                    dist_rowpair_phasor_sums(a, paired ? a + n : nil,
                                                             w.assumingMemoryBound(to: Float.self), Float(scale),
                                                             values.baseAddress!, phasorRe.baseAddress!,
                                                             phasorIm.baseAddress!, n)
                                } else {
                                    dist_rowpair_phasor_sums_widened(a, paired ? a + n : nil,
                                                                     w.assumingMemoryBound(to: Double.self),
                                                                     Double(scale), values.baseAddress!,
                                                                     phasorRe.baseAddress!, phasorIm.baseAddress!, n,
                                                                     SlidingWindowKernels.Level.best.rawValue)
                                }
                            }
                        }
                    }
                }
            }
        }
        return (values, phasorRe, phasorIm)
    }

    // MARK: Fourier resampling

    /// scipy.signal.resample(x, count, axis=1) of every row (window None), in the input's precision.
    public static func fourierResampled(_ x: [Float], rows: Int, length: Int, to count: Int,
                                        plans: FFTWRowPlans = FFTWRowPlans()) -> [Float] {
        resampled(x, rows: rows, length: length, to: count, compute: Float.self, plans: plans)
    }

    public static func fourierResampled(_ x: [Double], rows: Int, length: Int, to count: Int,
                                        plans: FFTWRowPlans = FFTWRowPlans()) -> [Double] {
        resampled(x, rows: rows, length: length, to: count, compute: Double.self, plans: plans)
    }

    /// The same of float32 rows computed in float64.
    public static func fourierResampledWidened(_ x: [Float], rows: Int, length: Int, to count: Int,
                                               plans: FFTWRowPlans = FFTWRowPlans()) -> [Double] {
        resampled(x, rows: rows, length: length, to: count, compute: Double.self, plans: plans)
    }

    // MARK: One-sided spectrum, split

    /// numpy's rfft of every row zero-padded to `paddedLength` (≥ length), times `scale`, in float64 as separate
    /// real and imaginary arrays (rows × (paddedLength / 2 + 1)): each block's (re, im) pairs are split in cache,
    /// so the interleaved spectrum of the whole chunk is never written.
    public static func halfSpectrumSplit(_ x: [Float], rows: Int, length: Int, paddedLength: Int,
                                         scale: Double, plans: FFTWRowPlans = FFTWRowPlans())
        -> (real: [Double], imaginary: [Double]) {
        split(x, rows: rows, length: length, paddedLength: paddedLength, scale: scale, plans: plans)
    }

    public static func halfSpectrumSplit(_ x: [Double], rows: Int, length: Int, paddedLength: Int,
                                         scale: Double, plans: FFTWRowPlans = FFTWRowPlans())
        -> (real: [Double], imaginary: [Double]) {
        split(x, rows: rows, length: length, paddedLength: paddedLength, scale: scale, plans: plans)
    }

    /// numpy's rfft of every float32 row as complex64 (re, im) pairs, rows × (length / 2 + 1).
    public static func halfSpectrum(_ x: [Float], rows: Int, length: Int,
                                    plans: FFTWRowPlans = FFTWRowPlans()) -> [Float] {
        halfSpectrumPairs(x, rows: rows, length: length, plans: plans)
    }

    // MARK: Implementation

    enum AnalyticOutput { case imaginary, pairs, magnitude }

    /// The rows two at a time as a + i·b through one complex transform each way (`PairedRowPlans`): H is a real
    /// linear operator, so −i·sgn(f) applied to the packed spectrum gives H(a) + i·H(b) back.
    static func analytic<I: BinaryFloatingPoint, S: FFTWScalar>(_ x: [I], rows: Int, length n: Int,
                                                                 compute: S.Type, output: AnalyticOutput,
                                                                 plans cache: FFTWRowPlans) -> [S] {
        precondition(x.count == rows * n, "expected \(rows)×\(n) samples, got \(x.count)")
        let perRow = output == .pairs ? 2 * n : n
        guard rows > 0, n > 0 else { return [] }
        let scale = 1 / S(n)
        return cache.withPairedPlans(S.self, length: n, inverseLength: n) { plans in
            FreshBuffer.array(rows * perRow) { out in
                x.withUnsafeBufferPointer { x in
                    for first in stride(from: 0, to: rows, by: 2) {
                        let a = x.baseAddress! + first * n, paired = first + 1 < rows
                        hilbertPair(a, paired ? a + n : nil, length: n, plans: plans)
                        let w = plans.output
                        let kind = output == .imaginary ? DIST_ROWPAIR_HILBERT
                            : output == .pairs ? DIST_ROWPAIR_ANALYTIC : DIST_ROWPAIR_ENVELOPE
                        if let single = retyped(a, w, as: Float.self, Float.self) {
                            // float32 in and out: the C passes (vectorised; the loops below compile to scalar code).
                            let target = out.baseAddress! + first * perRow
                            dist_rowpair_analytic(Int32(kind), single.a, paired ? single.a + n : nil, single.w,
                                                  Float(scale), float(target), paired ? float(target + perRow) : nil, n)
                            continue
                        }
                        if let widened = retyped(a, w, as: Float.self, Double.self) {
                            // float32 rows computed in float64 (a float64 graph): the same loops in C, vectorised.
                            let target = UnsafeMutableRawPointer(out.baseAddress! + first * perRow)
                                .assumingMemoryBound(to: Double.self)
                            dist_rowpair_analytic_widened(Int32(kind), widened.a, paired ? widened.a + n : nil,
                                                          widened.w, Double(scale), target,
                                                          paired ? target + perRow : nil, n,
                                                          SlidingWindowKernels.Level.best.rawValue)
                            continue
                        }
                        for (row, part) in paired ? [(first, 0), (first + 1, 1)] : [(first, 0)] {
                            let real = x.baseAddress! + row * n, target = out.baseAddress! + row * perRow
                            switch output {
                            case .imaginary:
                                for t in 0..<n { target[t] = w[2 * t + part] * scale }
                            case .pairs:
                                for t in 0..<n {
                                    target[2 * t] = S(real[t])
                                    target[2 * t + 1] = w[2 * t + part] * scale
                                }
                            case .magnitude:
                                for t in 0..<n {
                                    let re = S(real[t]), im = w[2 * t + part] * scale
                                    target[t] = (re * re + im * im).squareRoot()
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The row pointer and the transform's output retyped to `A` and `W` when this specialisation's element types are
    /// exactly those (a check the compiler resolves in each specialisation), else nil: float32 rows with a float32
    /// transform, or float32 rows computed in float64.
    @inline(__always)
    static func retyped<I, S, A, W>(_ a: UnsafePointer<I>, _ w: UnsafeMutablePointer<S>, as _: A.Type, _: W.Type)
        -> (a: UnsafePointer<A>, w: UnsafePointer<W>)? {
        guard I.self == A.self, S.self == W.self else { return nil }
        return (UnsafeRawPointer(a).assumingMemoryBound(to: A.self),
                UnsafeRawPointer(w).assumingMemoryBound(to: W.self))
    }

    @inline(__always)
    static func float<S>(_ p: UnsafeMutablePointer<S>) -> UnsafeMutablePointer<Float> {
        UnsafeMutableRawPointer(p).assumingMemoryBound(to: Float.self)
    }

    /// n·H(a) + i·n·H(b) (b nil: zeros) into `plans.output`: the pair packed, transformed, turned and transformed
    /// back (unnormalised).
    static func hilbertPair<I: BinaryFloatingPoint, S: FFTWScalar>(_ a: UnsafePointer<I>, _ b: UnsafePointer<I>?,
                                                                    length n: Int, plans: PairedRowPlans<S>) {
        plans.pack(a, b, count: n)
        plans.forward()
        quarterTurn(plans.spectrum, length: n)
        plans.backward()
    }

    /// −i·sgn(f) on a full spectrum of `length` (re, im) pairs in place: −i on the positive frequencies, +i on the
    /// negative ones, 0 at DC and (even lengths) Nyquist — scipy.signal.hilbert's h less its all-pass part.
    static func quarterTurn<S: FFTWScalar>(_ p: UnsafeMutablePointer<S>, length n: Int) {
        (p[0], p[1]) = (0, 0)
        let positive = (n + 1) / 2  // bins 1 ..< positive
        for k in 1..<max(positive, 1) {
            // −i · (u + iv) = v − iu
            let u = p[2 * k]
            p[2 * k] = p[2 * k + 1]
            p[2 * k + 1] = -u
        }
        if n % 2 == 0 && n > 1 { (p[n], p[n + 1]) = (0, 0) }
        for k in (n - (n - 1) / 2)..<max(n, 1) where k > 0 {
            // i · (u + iv) = −v + iu
            let u = p[2 * k]
            p[2 * k] = -p[2 * k + 1]
            p[2 * k + 1] = u
        }
    }

    /// One-sided spectra of rows a and b from the packed transform Z of a + i·b (`length` pairs), times `scale`:
    /// A[k] = (Z[k] + conj Z[−k]) / 2, B[k] = (Z[k] − conj Z[−k]) / 2i, for k in 0 ..< bins, each handed to
    /// `store` as (k, A re, A im, B re, B im).
    @inline(__always)
    static func separated<S: FFTWScalar>(_ z: UnsafeMutablePointer<S>, length m: Int, bins: Int, scale: S,
                                         _ store: (Int, S, S, S, S) -> Void) {
        let half = scale / 2
        for k in 0..<bins {
            let j = k == 0 ? 0 : m - k
            let (zr, zi, wr, wi) = (z[2 * k], z[2 * k + 1], z[2 * j], z[2 * j + 1])
            store(k, (zr + wr) * half, (zi - wi) * half, (zi + wi) * half, (wr - zr) * half)
        }
    }

    static func split<I: BinaryFloatingPoint>(_ x: [I], rows: Int, length n: Int, paddedLength m: Int, scale: Double,
                                              plans cache: FFTWRowPlans) -> (real: [Double], imaginary: [Double]) {
        precondition(x.count == rows * n && m >= n, "expected \(rows)×\(n) samples padded to \(m), got \(x.count)")
        let bins = m / 2 + 1
        guard rows > 0, m > 0 else { return ([], []) }
        var imaginary: [Double] = []
        let real: [Double] = cache.withPairedPlans(Double.self, length: m, inverseLength: m) { plans in
            FreshBuffer.array(rows * bins) { re in
                imaginary = FreshBuffer.array(rows * bins) { im in
                    x.withUnsafeBufferPointer { x in
                        for first in stride(from: 0, to: rows, by: 2) {
                            let a = x.baseAddress! + first * n, paired = first + 1 < rows
                            plans.pack(a, paired ? a + n : nil, count: n)
                            plans.forward()
                            let (ra, ia) = (re.baseAddress! + first * bins, im.baseAddress! + first * bins)
                            if paired {
                                let (rb, ib) = (ra + bins, ia + bins)
                                separated(plans.spectrum, length: m, bins: bins, scale: scale) { k, ar, ai, br, bi in
                                    (ra[k], ia[k], rb[k], ib[k]) = (ar, ai, br, bi)
                                }
                            } else {
                                separated(plans.spectrum, length: m, bins: bins, scale: scale) { k, ar, ai, _, _ in
                                    (ra[k], ia[k]) = (ar, ai)
                                }
                            }
                        }
                    }
                }
            }
        }
        return (real, imaginary)
    }

    /// numpy's rfft of every row as (re, im) pairs in the input's precision (rows × (length / 2 + 1) pairs).
    static func halfSpectrumPairs<S: FFTWScalar>(_ x: [S], rows: Int, length n: Int, plans cache: FFTWRowPlans) -> [S] {
        precondition(x.count == rows * n, "expected \(rows)×\(n) samples, got \(x.count)")
        let bins = n / 2 + 1
        guard rows > 0, n > 0 else { return [] }
        return cache.withPairedPlans(S.self, length: n, inverseLength: n, pairs: pairsPerBlock(length: n)) { plans in
            FreshBuffer.array(2 * rows * bins) { out in
                x.withUnsafeBufferPointer { x in
                    forEachPairSpectrum(x, rows: rows, length: n, plans: plans) { r, paired, z in
                        let pa = out.baseAddress! + 2 * r * bins
                        if paired {
                            let pb = pa + 2 * bins
                            separated(z, length: n, bins: bins, scale: 1) { k, ar, ai, br, bi in
                                (pa[2 * k], pa[2 * k + 1], pb[2 * k], pb[2 * k + 1]) = (ar, ai, br, bi)
                            }
                        } else {
                            separated(z, length: n, bins: bins, scale: 1) { k, ar, ai, _, _ in
                                (pa[2 * k], pa[2 * k + 1]) = (ar, ai)
                            }
                        }
                    }
                }
            }
        }
    }

    /// The rows two at a time, `plans.pairs` packed rows (a + i·b) per forward transform: hands `body` each packed
    /// row's first row index, whether a second row is packed with it, and its transform (`length` (re, im) pairs,
    /// valid until `body` returns).
    static func forEachPairSpectrum<S: FFTWScalar>(_ x: UnsafeBufferPointer<S>, rows: Int, length n: Int,
                                                   plans: PairedRowPlans<S>,
                                                   _ body: (Int, Bool, UnsafeMutablePointer<S>) -> Void) {
        for first in stride(from: 0, to: rows, by: 2 * plans.pairs) {
            let used = (min(2 * plans.pairs, rows - first) + 1) / 2
            for p in 0..<used {
                let r = first + 2 * p, a = x.baseAddress! + r * n
                plans.pack(a, r + 1 < rows ? a + n : nil, count: n, slot: p)
            }
            plans.forward()
            for p in 0..<used {
                let r = first + 2 * p
                body(r, r + 1 < rows, plans.spectrum + 2 * n * p)
            }
        }
    }

    /// Packed rows per transform call: one for long rows, several for short ones (about 32 KiB of samples a call),
    /// so FFTW's per-call overhead stays small against the transforms.
    static func pairsPerBlock(length n: Int) -> Int { max(1, min(64, 8192 / max(n, 1))) }

    /// scipy.signal.resample's spectrum edit and inverse for two rows at once: their one-sided spectra separated
    /// from the packed transform (bins 0 … min(num, n)/2, scaled by num/n, the Nyquist bin of an even min(num, n)
    /// doubled or halved as scipy's), rebuilt as the full Hermitian spectrum of each (imaginary parts of DC and an
    /// even num's Nyquist dropped, as numpy's irfft ignores them) and packed again as A + i·B, so one backward
    /// transform of num points gives both resampled rows. The passes between the transforms are C loops
    /// (`dist_resample.c`, vectorised; the edit was a scalar Swift closure loop). The transforms are most of the
    /// time (perf of a float32 chunk: FFTW 72%, the pack's read of the chunk 14%, the edit 5% before it was
    /// vectorised).
    ///
    /// FFTW's own real transforms (an r2c of n points per row, the half spectrum cut and a c2r of num points, no
    /// separation at all) were measured against this and lost at every shape tried (float32, 1000 rows, wall time
    /// of a C prototype pinned to one CPU of the shared machine, 2026-12-05: 10,000 → 2,500: 19.1 against 11.4 ms; 2,500 → 10,000: 14.2 / 11.6; 10,000 → 10,000: 24.5 / 19.5;
    /// 12,000 → 5,000: 21.8 / 15.6; 10,007 → 2,501: 235 / 116; 9,999 → 3,333: 183 / 67; 1,024 → 256: 0.72 / 0.59):
    /// their codelets for these lengths are scalar where the complex ones are SIMD. A forward transform pruned to
    /// the kept bins (q transforms of num points on the polyphase components of an integer factor q) cannot win
    /// either: four complex transforms of 2,500 points took longer than one of 10,000 (4 × 2.8 against 10.2 µs).
    /// Nor the half-length way for an even n (each row read as n/2 complex points, a plain copy instead of the
    /// interleaving pack, two n/2-point transforms per pair and the rows' spectra recovered with twiddles): the
    /// two 5,000-point transforms took longer than one of 10,000 (5.9 against 5.5 ms for 500, estimate plans) and
    /// the whole chunk 10.75 against 10.55 ms.
    static func resampled<I: BinaryFloatingPoint, S: FFTWScalar>(_ x: [I], rows: Int, length n: Int, to num: Int,
                                                                  compute: S.Type, plans cache: FFTWRowPlans) -> [S] {
        precondition(x.count == rows * n, "expected \(rows)×\(n) samples, got \(x.count)")
        guard rows > 0, n > 0, num > 0 else { return [] }
        let m = min(num, n), kept = m / 2 + 1
        let scale = S(Double(num) / Double(n)), inverseScale = 1 / S(num)
        return cache.withPairedPlans(S.self, length: n, inverseLength: num) { plans in
            FreshBuffer.array(rows * num) { out in
                x.withUnsafeBufferPointer { x in
                    let y = plans.edited
                    // Bins kept … num − kept stay 0 (the zero padding of an upsampled spectrum).
                    if num - kept >= kept { (y + 2 * kept).update(repeating: 0, count: 2 * (num - 2 * kept + 1)) }
                    for first in stride(from: 0, to: rows, by: 2) {
                        let a = x.baseAddress! + first * n, paired = first + 1 < rows
                        let b = paired ? a + n : nil, ta = out.baseAddress! + first * num
                        ResamplePasses.pack(a, b, count: n, plans: plans)
                        plans.forward()
                        ResamplePasses.edit(plans.spectrum, length: n, to: num, scale: scale, into: y)
                        plans.backward()
                        ResamplePasses.split(plans.output, scale: inverseScale, ta, paired ? ta + num : nil,
                                             count: num)
                    }
                }
            }
        }
    }
}
