import DistSwiftIO
import DistSwiftNative

/// The DFT along time with a frequency axis: DASCore's `rfft` (unscaled one-sided) and `dft` (scaled by the sample
/// spacing, frequencies in increasing order, optionally one-sided and zero-padded to a fast length).
enum TimeDFT {
    /// The frequency axis of bins `frequencies` (Hz), replacing the time axis (kept for an inverse transform).
    static func axes(_ input: Axes, frequencies: [Double]) -> Axes {
        var axes = input.replacingColumns(Axis(.frequency, units: "Hz", grid: .listed(frequencies),
                                               count: frequencies.count))
        axes.timeBeforeTransform = input.columns
        axes.units = input.units.isEmpty ? "" : "\(input.units)·s"
        return axes
    }

    static func rate(_ axes: Axes, _ context: ChunkContext) -> Double {
        axes.columns.rateHz ?? context.samplingRateHz
    }

    /// numpy's rfft of every row zero-padded to `length` (rows × (length/2 + 1)), times `scale`, split, in float64
    /// — from a float32 chunk (each block widened as it is read) or float64 rows (`RowSpectrumKernels`).
    static func oneSidedSplit(_ input: TransformInput, length m: Int, scale: Double = 1,
                              plans: FFTWRowPlans) -> ComplexArray2D {
        let (rows, n): (Int, Int)
        let parts: (real: [Double], imaginary: [Double])
        switch input {
        case .single(let a), .widening(let a):
            (rows, n) = (a.rows, a.columns)
            parts = RowSpectrumKernels.halfSpectrumSplit(a.values, rows: rows, length: n, paddedLength: m, scale: scale,
                                                               plans: plans)
        case .double(let a):
            (rows, n) = (a.rows, a.columns)
            parts = RowSpectrumKernels.halfSpectrumSplit(a.values, rows: rows, length: n, paddedLength: m, scale: scale,
                                                               plans: plans)
        }
        return ComplexArray2D(rows: rows, columns: m / 2 + 1, real: parts.real, imaginary: parts.imaginary)
    }

    /// scipy.fft.next_fast_len(n) (complex transforms): the smallest m ≥ n with no prime factor above 11.
    static func nextFastLength(_ n: Int) -> Int {
        var m = max(n, 1)
        while true {
            var k = m
            for p in [2, 3, 5, 7, 11] { while k % p == 0 { k /= p } }
            if k == 1 { return m }
            m += 1
        }
    }

    /// Rows zero-padded to `length` samples.
    static func padded<S: BinaryFloatingPoint>(_ a: Array2D<S>, to length: Int) -> Array2D<S> {
        guard length > a.columns else { return a }
        var values = [S](repeating: 0, count: a.rows * length)
        for r in 0..<a.rows {
            for t in 0..<a.columns { values[r * length + t] = a.values[r * a.columns + t] }
        }
        return Array2D(rows: a.rows, columns: length, values: values)
    }

    /// The full DFT of real rows (m = columns), reordered as numpy's fftshift (bins m/2 … m−1 first) and times
    /// `scale`, as (re, im) pairs: the half spectrum from the real transform, the negative frequencies from its
    /// conjugate symmetry X[m−k] = conj X[k], each output pair written once.
    static func shiftedFull<S: FFTWScalar>(half: InterleavedComplexArray2D<S>, length m: Int,
                                           scale: S) -> InterleavedComplexArray2D<S> {
        InterleavedComplexArray2D(rows: half.rows, columns: m,
                                  pairs: SpectralKernels.shiftedFull(half: half.pairs, rows: half.rows,
                                                                     bins: half.columns, length: m, scale: scale))
    }
}

/// `rfft`: DASCore's `patch.rfft(dim="time")` — numpy's rfft of the chunk, unscaled, bins 0 … n/2.
public struct RFFTCommand: Command {
    public static let name = "rfft"
    public static let summary = "one-sided DFT along time (numpy's rfft, unscaled) with a frequency axis 0 … rate/2 (DASCore's rfft)"
    public static let details = """
        rows × (n/2 + 1) complex bins of the chunk, frequency axis k · rate / n Hz. DASCore's rfft gives the same
        values but a wrong frequency axis (it passes the sampling rate where numpy's rfftfreq takes the spacing,
        so its bins are k / (n · rate)); the reference test says so and checks the axis against numpy. Per chunk.
        distpy's `fft` (two-sided, no frequency values) keeps its name and meaning.
        """ + "\n" + TransformRows.precisionNote
    public static let parameters = [DimensionKeyword.timeOnlyNamedParameter()]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    public init(_ p: ParameterValues) throws {}

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { .spectrum }
    public func outputAxes(_ inputs: [Axes]) -> Axes {
        let n = inputs[0].columns.count, rate = inputs[0].columns.rateHz ?? inputs[0].samplingRateHz ?? 1
        return TimeDFT.axes(inputs[0], frequencies: (0..<(n / 2 + 1)).map { Double($0) * rate / Double(max(n, 1)) })
    }

    /// Computes in float32 in a float32 graph (numpy ≥ 2's rfft of float32 data is complex64 too).
    public var hasFloat32Kernel: Bool { true }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let input = try TransformInput.of(inputs[0], for: Self.name, context: context)
        if case .single(let a) = input {
            return .singleComplex(InterleavedComplexArray2D(
                rows: a.rows, columns: a.columns / 2 + 1,
                pairs: RowSpectrumKernels.halfSpectrum(a.values, rows: a.rows, length: a.columns,
                                                       plans: context.backend.rowPlans)))
        }
        return .complex(TimeDFT.oneSidedSplit(input, length: inputs[0].columns, plans: context.backend.rowPlans))
    }
}

/// `dft`: DASCore's `patch.dft(dim="time", real=…, pad=…)` along time: the DFT scaled by the sample spacing,
/// frequencies in increasing order.
public struct DFTCommand: Command {
    public static let name = "dft"
    public static let summary = "DFT along time scaled by the sample spacing, frequencies increasing (DASCore's dft; real: one-sided)"
    public static let details = """
        X(f) = dt · Σ x[t] e^(−2πi f t dt) over the chunk (DASCore's output="FFT"), zero-padded first to scipy's
        next fast length when pad is true (DASCore's default). real true: bins 0 … rate/2 (numpy's rfft); false:
        every bin, in increasing frequency (numpy's fftshift of fft). Units: the data's times s. Per chunk.
        """ + "\n" + TransformRows.precisionNote
    public static let parameters = [
        DimensionKeyword.timeOnlyNamedParameter(),
        ParameterSpec("real", .boolean, default: .bool(false), "true: one-sided (rfft) along time"),
        ParameterSpec("pad", .boolean, default: .bool(true), "zero-pad to the next fast DFT length first (DASCore's default)"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let real: Bool
    let pad: Bool

    public init(_ p: ParameterValues) throws {
        real = p.flag("real")
        pad = p.flag("pad")
    }

    func length(_ n: Int) -> Int { pad ? TimeDFT.nextFastLength(n) : n }

    func frequencies(samples n: Int, rate: Double) -> [Double] {
        let m = length(n)
        if real { return (0..<(m / 2 + 1)).map { Double($0) * rate / Double(m) } }
        return (0..<m).map { Double($0 - m / 2) * rate / Double(m) }
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { .spectrum }
    public func outputAxes(_ inputs: [Axes]) -> Axes {
        let rate = inputs[0].columns.rateHz ?? inputs[0].samplingRateHz ?? 1
        return TimeDFT.axes(inputs[0], frequencies: frequencies(samples: inputs[0].columns.count, rate: rate))
    }

    /// Computes in float32 in a float32 graph (scipy.fft keeps float32 input in single precision, as DASCore's
    /// dft then does).
    public var hasFloat32Kernel: Bool { true }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let dt = 1 / (context.inputAxes.first.map { TimeDFT.rate($0, context) } ?? context.samplingRateHz)
        let input = try TransformInput.of(inputs[0], for: Self.name, context: context)
        switch input {
        case .single(let a): return .singleComplex(spectrum(a, scale: Float(dt), backend: context.backend))
        case .widening where real, .double where real:
            return .complex(TimeDFT.oneSidedSplit(input, length: length(inputs[0].columns), scale: dt,
                                                  plans: context.backend.rowPlans))
        case .widening(let a):
            return .complex(spectrum(Array2D(rows: a.rows, columns: a.columns, values: ElementwiseKernels.widened(a.values)),
                                     scale: dt, backend: context.backend).split())
        case .double(let a): return .complex(spectrum(a, scale: dt, backend: context.backend).split())
        }
    }

    /// The scaled one-sided or shifted two-sided spectrum of the (padded) rows, in their precision. Both come
    /// from the real-to-complex transform (half the work of a complex one).
    func spectrum<S: FFTWScalar>(_ a: Array2D<S>, scale: S,
                                 backend: any ComputeBackend) -> InterleavedComplexArray2D<S> {
        let x = TimeDFT.padded(a, to: length(a.columns))
        let half = backend.realForwardFFT(anyPrecision: x)
        guard real else { return TimeDFT.shiftedFull(half: half, length: x.columns, scale: scale) }
        var scaled = half
        scaled.scale(by: scale)
        return scaled
    }
}
