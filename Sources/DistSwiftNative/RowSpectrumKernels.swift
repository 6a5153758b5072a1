/// Transforms of real rows that go to the frequency domain and straight back — the Hilbert transform (`hilbert`,
/// `envelope`, `phase_weighted_stack`) and scipy's Fourier resampling (`resample`) — a few rows at a time: each
/// block of rows is read (and widened, where a float32 chunk is computed in float64) into a buffer that stays in
/// the processor's caches, transformed forward into a cache-resident half spectrum, edited there, transformed back
/// into a cache-resident block and written once into the output. The whole-chunk way wrote a chunk-sized spectrum
/// (40 MB for a 1000 × 10,000 float32 chunk, into fresh pages), a chunk-sized inverse and then the output: three
/// fresh arrays and as many passes over memory where this writes one.
///
/// The plans are FFTW's estimate plans of one block (a few rows), made per call: planning a block takes well
/// under a millisecond, and a measured plan is not worth its time for a transform of a few rows. The results are
/// FFTW's for the same transform length; a plan of a few rows may pick other codelets than a plan of the whole
/// chunk, so the last bits can differ from the whole-chunk transform (as they do between estimate and measure
/// plans).
public enum RowSpectrumKernels {
    // MARK: Hilbert transform

    /// H(x) of every row (rows × length, row-major), the imaginary part of scipy.signal.hilbert's analytic signal,
    /// in the input's precision.
    public static func hilbert(_ x: [Float], rows: Int, length: Int) -> [Float] {
        analytic(x, rows: rows, length: length, compute: Float.self, output: .imaginary)
    }

    public static func hilbert(_ x: [Double], rows: Int, length: Int) -> [Double] {
        analytic(x, rows: rows, length: length, compute: Double.self, output: .imaginary)
    }

    /// H(x) of float32 rows computed in float64 (each block widened as it is read, exactly).
    public static func hilbertWidened(_ x: [Float], rows: Int, length: Int) -> [Double] {
        analytic(x, rows: rows, length: length, compute: Double.self, output: .imaginary)
    }

    /// scipy.signal.hilbert's analytic signal x + i·H(x) of float32 rows as (re, im) pairs (complex64).
    public static func analyticPairs(_ x: [Float], rows: Int, length: Int) -> [Float] {
        analytic(x, rows: rows, length: length, compute: Float.self, output: .pairs)
    }

    /// |x + i·H(x)| of every row, DASCore's envelope, in the input's precision.
    public static func envelope(_ x: [Float], rows: Int, length: Int) -> [Float] {
        analytic(x, rows: rows, length: length, compute: Float.self, output: .magnitude)
    }

    public static func envelope(_ x: [Double], rows: Int, length: Int) -> [Double] {
        analytic(x, rows: rows, length: length, compute: Double.self, output: .magnitude)
    }

    /// The envelope of float32 rows computed in float64.
    public static func envelopeWidened(_ x: [Float], rows: Int, length: Int) -> [Double] {
        analytic(x, rows: rows, length: length, compute: Double.self, output: .magnitude)
    }

    // MARK: Fourier resampling

    /// scipy.signal.resample(x, count, axis=1) of every row (window None), in the input's precision.
    public static func fourierResampled(_ x: [Float], rows: Int, length: Int, to count: Int) -> [Float] {
        resampled(x, rows: rows, length: length, to: count, compute: Float.self)
    }

    public static func fourierResampled(_ x: [Double], rows: Int, length: Int, to count: Int) -> [Double] {
        resampled(x, rows: rows, length: length, to: count, compute: Double.self)
    }

    /// The same of float32 rows computed in float64.
    public static func fourierResampledWidened(_ x: [Float], rows: Int, length: Int, to count: Int) -> [Double] {
        resampled(x, rows: rows, length: length, to: count, compute: Double.self)
    }

    // MARK: One-sided spectrum, split

    /// numpy's rfft of every row zero-padded to `paddedLength` (≥ length), times `scale`, in float64 as separate
    /// real and imaginary arrays (rows × (paddedLength / 2 + 1)): each block's (re, im) pairs are split in cache,
    /// so the interleaved spectrum of the whole chunk is never written.
    public static func halfSpectrumSplit(_ x: [Float], rows: Int, length: Int, paddedLength: Int,
                                         scale: Double) -> (real: [Double], imaginary: [Double]) {
        split(x, rows: rows, length: length, paddedLength: paddedLength, scale: scale)
    }

    public static func halfSpectrumSplit(_ x: [Double], rows: Int, length: Int, paddedLength: Int,
                                         scale: Double) -> (real: [Double], imaginary: [Double]) {
        split(x, rows: rows, length: length, paddedLength: paddedLength, scale: scale)
    }

    // MARK: Implementation

    enum AnalyticOutput { case imaginary, pairs, magnitude }

    /// Rows per block: the block's input, spectrum and inverse together about 384 KiB (in a core's L2 cache).
    static func blockRows(rows: Int, valuesPerRow: Int, scalarSize: Int) -> Int {
        max(1, min(rows, (384 << 10) / max(1, valuesPerRow * scalarSize)))
    }

    static func analytic<I: BinaryFloatingPoint, S: FFTWScalar>(_ x: [I], rows: Int, length n: Int,
                                                                 compute: S.Type, output: AnalyticOutput) -> [S] {
        precondition(x.count == rows * n, "expected \(rows)×\(n) samples, got \(x.count)")
        let perRow = output == .pairs ? 2 * n : n
        guard rows > 0, n > 0 else { return [] }
        let block = blockRows(rows: rows, valuesPerRow: 3 * n + 2, scalarSize: MemoryLayout<S>.size)
        let plans = RowBlockPlans<S>(rows: block, length: n, inverseLength: n)
        let bins = plans.bins, scale = 1 / S(n)
        return FreshBuffer.array(rows * perRow) { out in
            x.withUnsafeBufferPointer { x in
                for first in stride(from: 0, to: rows, by: block) {
                    let count = min(block, rows - first)
                    plans.load(x.baseAddress! + first * n, rows: count)
                    plans.forward()
                    // −i·X on the bins between DC and Nyquist, 0 on both: the inverse of that is H(x).
                    let p = plans.spectrum
                    for r in 0..<count {
                        let row = 2 * r * bins
                        p[row] = 0
                        p[row + 1] = 0
                        for k in 1..<max(bins, 1) {
                            // −i · (u + iv) = v − iu
                            let u = p[row + 2 * k]
                            p[row + 2 * k] = p[row + 2 * k + 1]
                            p[row + 2 * k + 1] = -u
                        }
                        if n % 2 == 0 {
                            p[row + 2 * (bins - 1)] = 0
                            p[row + 2 * (bins - 1) + 1] = 0
                        }
                    }
                    plans.inverse(from: p)
                    let h = plans.output, real = plans.input, target = out.baseAddress! + first * perRow
                    switch output {
                    case .imaginary:
                        for i in 0..<(count * n) { target[i] = h[i] * scale }
                    case .pairs:
                        for i in 0..<(count * n) {
                            target[2 * i] = real[i]
                            target[2 * i + 1] = h[i] * scale
                        }
                    case .magnitude:
                        for i in 0..<(count * n) {
                            let imaginary = h[i] * scale
                            target[i] = (real[i] * real[i] + imaginary * imaginary).squareRoot()
                        }
                    }
                }
            }
        }
    }

    static func split<I: BinaryFloatingPoint>(_ x: [I], rows: Int, length n: Int, paddedLength m: Int,
                                              scale: Double) -> (real: [Double], imaginary: [Double]) {
        precondition(x.count == rows * n && m >= n, "expected \(rows)×\(n) samples padded to \(m), got \(x.count)")
        let bins = m / 2 + 1
        guard rows > 0, m > 0 else { return ([], []) }
        let block = blockRows(rows: rows, valuesPerRow: 2 * m + 2, scalarSize: MemoryLayout<Double>.size)
        let plans = RowBlockPlans<Double>(rows: block, length: m, inverseLength: nil)
        var imaginary: [Double] = []
        let real: [Double] = FreshBuffer.array(rows * bins) { re in
            imaginary = FreshBuffer.array(rows * bins) { im in
                x.withUnsafeBufferPointer { x in
                    for first in stride(from: 0, to: rows, by: block) {
                        let count = min(block, rows - first)
                        plans.load(x.baseAddress! + first * n, rows: count, rowLength: n)
                        plans.forward()
                        let p = plans.spectrum, offset = first * bins
                        if scale == 1 {
                            for i in 0..<(count * bins) {
                                re[offset + i] = p[2 * i]
                                im[offset + i] = p[2 * i + 1]
                            }
                        } else {
                            for i in 0..<(count * bins) {
                                re[offset + i] = p[2 * i] * scale
                                im[offset + i] = p[2 * i + 1] * scale
                            }
                        }
                    }
                }
            }
        }
        return (real, imaginary)
    }

    static func resampled<I: BinaryFloatingPoint, S: FFTWScalar>(_ x: [I], rows: Int, length n: Int, to num: Int,
                                                                  compute: S.Type) -> [S] {
        precondition(x.count == rows * n, "expected \(rows)×\(n) samples, got \(x.count)")
        guard rows > 0, n > 0, num > 0 else { return [] }
        let block = blockRows(rows: rows, valuesPerRow: 2 * n + 2 * num + 4, scalarSize: MemoryLayout<S>.size)
        let plans = RowBlockPlans<S>(rows: block, length: n, inverseLength: num)
        let source = plans.bins, bins = plans.inverseBins
        let m = min(num, n), kept = m / 2 + 1
        let scale = Double(num) / Double(n), inverseScale = 1 / S(num)
        return FreshBuffer.array(rows * num) { out in
            x.withUnsafeBufferPointer { x in
                for first in stride(from: 0, to: rows, by: block) {
                    let count = min(block, rows - first)
                    plans.load(x.baseAddress! + first * n, rows: count)
                    plans.forward()
                    // The kept bins, scaled (the Nyquist bin of an even m halved or doubled as scipy's), the rest 0.
                    let p = plans.spectrum, q = plans.resized
                    for r in 0..<count {
                        for k in 0..<kept {
                            var factor = scale
                            if m % 2 == 0 && num != n && k == m / 2 { factor *= num < n ? 2 : 0.5 }
                            q[2 * (r * bins + k)] = S(Double(p[2 * (r * source + k)]) * factor)
                            q[2 * (r * bins + k) + 1] = S(Double(p[2 * (r * source + k) + 1]) * factor)
                        }
                        for k in kept..<max(bins, kept) { (q[2 * (r * bins + k)], q[2 * (r * bins + k) + 1]) = (0, 0) }
                    }
                    plans.inverse(from: q)
                    let y = plans.output, target = out.baseAddress! + first * num
                    for i in 0..<(count * num) { target[i] = y[i] * inverseScale }
                }
            }
        }
    }
}

/// FFTW plans of one block of rows, forward (length samples → bins pairs) and, where there is an inverse length,
/// inverse (inverseBins pairs → inverseLength samples), with their FFTW-aligned buffers: the block's input, its spectrum, the edited spectrum
/// of another length (resampling) and the inverse's output.
final class RowBlockPlans<S: FFTWScalar> {
    let rows: Int
    let length: Int
    let inverseLength: Int
    let hasInverse: Bool
    var bins: Int { length / 2 + 1 }
    var inverseBins: Int { inverseLength / 2 + 1 }
    let input: UnsafeMutablePointer<S>
    let spectrum: UnsafeMutablePointer<S>
    /// The spectrum the inverse reads when its length differs (else `spectrum`).
    let resized: UnsafeMutablePointer<S>
    let output: UnsafeMutablePointer<S>
    private let forwardPlan: OpaquePointer
    private let inversePlan: OpaquePointer?

    init(rows: Int, length: Int, inverseLength inverse: Int?) {
        let inverseLength = inverse ?? length
        self.rows = rows
        self.length = length
        self.inverseLength = inverseLength
        hasInverse = inverse != nil
        let input = S.fftwAllocate(rows * length), spectrum = S.fftwAllocate(2 * rows * (length / 2 + 1))
        let resized = inverseLength == length ? spectrum : S.fftwAllocate(2 * rows * (inverseLength / 2 + 1))
        let output = S.fftwAllocate(inverse == nil ? 1 : rows * inverseLength)
        let flag = FFTWPlanningRigor.estimate.flag
        (forwardPlan, inversePlan) = FFTWPlanner.withLock {
            (S.fftwPlanInterleavedR2C(rows: rows, length: length, input: input, pairs: spectrum, flags: flag),
             inverse == nil ? nil
                : S.fftwPlanInterleavedC2R(rows: rows, length: inverseLength, pairs: resized, output: output, flags: flag))
        }
        (self.input, self.spectrum, self.resized, self.output) = (input, spectrum, resized, output)
    }

    deinit {
        FFTWPlanner.withLock {
            S.fftwDestroy(forwardPlan)
            if let inversePlan { S.fftwDestroy(inversePlan) }
        }
        S.fftwFree(input)
        S.fftwFree(spectrum)
        if resized != spectrum { S.fftwFree(resized) }
        S.fftwFree(output)
    }

    /// `count` rows of `rowLength` (≤ length) samples from `source` into the input block (converted to S, each
    /// row zero-padded to the plan's length), the block's other rows zero.
    func load<I: BinaryFloatingPoint>(_ source: UnsafePointer<I>, rows count: Int, rowLength: Int? = nil) {
        let n = rowLength ?? length
        if n == length {
            for i in 0..<(count * length) { input[i] = S(source[i]) }
        } else {
            for r in 0..<count {
                for t in 0..<n { input[r * length + t] = S(source[r * n + t]) }
                (input + r * length + n).update(repeating: 0, count: length - n)
            }
        }
        if count < rows { (input + count * length).update(repeating: 0, count: (rows - count) * length) }
    }

    func forward() { S.fftwExecuteInterleavedR2C(forwardPlan, input: input, pairs: spectrum) }

    /// The inverse transform of `pairs` (`spectrum` or `resized`; FFTW's c2r overwrites it) into `output`, unscaled.
    func inverse(from pairs: UnsafeMutablePointer<S>) {
        S.fftwExecuteInterleavedC2R(inversePlan!, pairs: pairs, output: output)
    }
}
