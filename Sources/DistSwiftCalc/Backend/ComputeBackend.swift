import DistSwiftIO
import DistSwiftNative

/// Where commands run their heavy numerics. Commands call a backend, never FFTW or OpenBLAS directly. The host
/// calls below take and give host arrays (every backend has them: the CUDA backend runs them on the CPU); a backend
/// with memory of its own also offers `device`, the kernels on device-resident arrays, which the engine uses for
/// commands that conform to `DeviceCommand` (docs/backends.md).
public protocol ComputeBackend: Sendable {
    var name: String { get }
    /// The kernels on device-resident arrays; nil for a backend that computes in host memory only (the CPU's).
    var device: (any DeviceBackend)? { get }
    /// The non-negative-frequency half of the DFT of every row (rows × (columns/2 + 1) complex bins, unnormalised,
    /// numpy's `rfft(x, axis=1)`), as (re, im) pairs.
    func realForwardFFT(_ rows: Array2D<Double>) -> InterleavedComplexArray2D<Double>
    /// The inverse of `realForwardFFT` for rows of `length` samples, normalised by 1/length (numpy's `irfft`).
    func realInverseFFT(_ half: ComplexArray2D, length: Int) -> Array2D<Double>
    /// `realForwardFFT` in single precision (the float32 compute path: FFTW's float library).
    func realForwardFFT(_ rows: Array2D<Float>) -> InterleavedComplexArray2D<Float>
    /// The inverse of `realForwardFFT` from (re, im) pairs, in the pairs' precision, normalised by 1/length
    /// (numpy's `irfft`; FFTW's float library for `Float`). The pairs are taken over: FFTW's c2r overwrites its
    /// input, so handing over the only reference (`consume`) saves a copy.
    func realInverseFFT<S: FFTWScalar>(pairs half: consuming InterleavedComplexArray2D<S>, length: Int) -> Array2D<S>
    /// The DFT of every complex row, forward (numpy's `fft`) or inverse with 1/n (numpy's `ifft`).
    func complexFFT(_ rows: ComplexArray2D, inverse: Bool) -> ComplexArray2D
    /// `complexFFT` on (re, im) pairs in their own precision (FFTW's float library for `Float`): no split or
    /// interleave pass.
    func complexFFT<S: FFTWScalar>(pairs: InterleavedComplexArray2D<S>, inverse: Bool) -> InterleavedComplexArray2D<S>
    /// `complexFFT` of every column (`alongColumns`, the transform along channels) or row.
    func complexFFT(_ values: ComplexArray2D, inverse: Bool, alongColumns: Bool) -> ComplexArray2D
    /// The 2-D transform: along every row, then every column.
    func complexFFT2D(_ values: ComplexArray2D, inverse: Bool) -> ComplexArray2D
    /// The noise log's fused spectrum + band energies (`GraphPlan.spectrumBandFusions`): per real row, the weighted
    /// power Σ w_k |X_k|² of its one-sided spectrum over the bins edges[s] ≤ k < edges[s + 1] (w = 1 for DC and an
    /// even length's Nyquist bin, 2 elsewhere: `FrequencyBand`'s Parseval weights), rows × (edges.count − 1) in
    /// float64, with the transform in the rows' precision and the spectrum never stored whole. A backend without a
    /// fused kernel of its own transforms and sums (`stored`).
    func spectrumSegmentPowers(_ rows: Array2D<Float>, edges: [Int]) -> Array2D<Double>
    func spectrumSegmentPowers(_ rows: Array2D<Double>, edges: [Int]) -> Array2D<Double>
    /// The FFTW plans of the row kernels (`RowSpectrumKernels`) that this backend keeps for its run, so a worker
    /// plans each shape once; a backend without its own gets a fresh cache per call (planned for that call).
    var rowPlans: FFTWRowPlans { get }
}

extension ComputeBackend {
    public var device: (any DeviceBackend)? { nil }
    public var rowPlans: FFTWRowPlans { FFTWRowPlans() }

    /// Columns through two transposes, for backends without strided transforms.
    public func complexFFT(_ values: ComplexArray2D, inverse: Bool, alongColumns: Bool) -> ComplexArray2D {
        guard alongColumns else { return complexFFT(values, inverse: inverse) }
        return complexFFT(values.transposed(), inverse: inverse).transposed()
    }

    /// `realForwardFFT` in the rows' precision, for kernels written once for float32 and float64 (the two
    /// overloads are the only `FFTWScalar`s; the casts vanish in a specialised call).
    public func realForwardFFT<S: FFTWScalar>(anyPrecision rows: Array2D<S>) -> InterleavedComplexArray2D<S> {
        if let single = rows as? Array2D<Float> { return realForwardFFT(single) as! InterleavedComplexArray2D<S> }
        return realForwardFFT(rows as! Array2D<Double>) as! InterleavedComplexArray2D<S>
    }

    /// Rows, then columns, for backends without 2-D plans.
    public func complexFFT2D(_ values: ComplexArray2D, inverse: Bool) -> ComplexArray2D {
        complexFFT(complexFFT(values, inverse: inverse), inverse: inverse, alongColumns: true)
    }
}

/// A row-major complex 2-D array with separate real and imaginary parts.
public struct ComplexArray2D: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    public var real: [Double]
    public var imaginary: [Double]

    public init(rows: Int, columns: Int, real: [Double], imaginary: [Double]) {
        precondition(real.count == rows * columns && imaginary.count == rows * columns)
        self.rows = rows
        self.columns = columns
        self.real = real
        self.imaginary = imaginary
    }

    /// Rows and columns swapped (for transforms along channels).
    public func transposed() -> ComplexArray2D {
        ComplexArray2D(rows: columns, columns: rows,
                       real: Transpose.transposed(real, rows: rows, columns: columns),
                       imaginary: Transpose.transposed(imaginary, rows: rows, columns: columns))
    }
}

/// A row-major complex 2-D array stored as (re, im) pairs: FFTW's own layout, which its SIMD transforms write faster
/// than separate real and imaginary arrays (measured, 500 × 10,000 r2c: float 14 ms interleaved against 26 ms split;
/// double 30 against 36 ms).
public struct InterleavedComplexArray2D<Element: BinaryFloatingPoint & Sendable>: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// 2 × rows × columns values: re, im of element (0, 0), then of (0, 1), …
    public var pairs: [Element]

    public init(rows: Int, columns: Int, pairs: [Element]) {
        precondition(pairs.count == 2 * rows * columns, "\(pairs.count) values do not fill \(rows)×\(columns) pairs")
        self.rows = rows
        self.columns = columns
        self.pairs = pairs
    }

    public func rows(_ range: Range<Int>) -> InterleavedComplexArray2D {
        InterleavedComplexArray2D(rows: range.count, columns: columns,
                                  pairs: Array(pairs[(2 * range.lowerBound * columns)..<(2 * range.upperBound * columns)]))
    }

    /// The same values as a double-precision split array.
    public func split() -> ComplexArray2D {
        let (real, imaginary) = ElementwiseKernels.deinterleaved(pairs)
        return ComplexArray2D(rows: rows, columns: columns, real: real, imaginary: imaginary)
    }
}
