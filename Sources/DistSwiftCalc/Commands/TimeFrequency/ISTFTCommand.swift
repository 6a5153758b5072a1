import DistSwiftIO
import DistSwiftNative

/// `istft`: DASCore's `patch.istft()` — the inverse of `stft` (scipy's `ShortTimeFFT.istft` with the canonical dual
/// window), back to distance × time on the samples the stft read.
public struct ISTFTCommand: Command {
    public static let name = "istft"
    public static let summary = "inverse of stft: distance × frequency × window time back to a time series (DASCore's istft)"
    public static let details = """
        DASCore 0.1.24's istft: every window's inverse DFT (values divided by the sample spacing, undoing stft's
        scaling) times scipy's canonical dual window (the window over the sum of its hop-shifted squares),
        overlap-added on the record's samples: the stft's input comes back to rounding wherever every window
        covering a sample is there (the whole record; 1e-12 of the peak in the tests). Refused at validation when
        the input is not an stft's output, when that stft detrended its windows, or when the window and hop leave
        a sample that no window weights (the sum of shifted squared windows vanishes: NOLA fails, e.g. a symmetric
        hann without overlap) — as DASCore refuses ("Inverse stft not possible"). Chunked == monolithic: the
        windows around each chunk (a whole window of neighbouring samples on each side in all) are read and the
        output trimmed to the chunk.
        """ + "\n" + "Precision: float32 for a float32 graph's stft (FFTW's float inverse transform, overlap-add in float32), float64 otherwise."
    public static let parameters: [ParameterSpec] = []
    public static let accepts: Set<SignalKind> = [.timeFrequency]

    public init(_ p: ParameterValues) throws {}

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { .timeSeries }

    /// Why this input has no inverse, or nil when it has one.
    static func refusal(_ axes: Axes?) -> ParameterProblem? {
        guard let axes else { return nil }
        guard let t = axes.shortTimeTransform, axes.third?.dimension == .time,
              axes.columns.dimension == .frequency else {
            return ParameterProblem("in_uid", "istft inverts stft, but its input does not come from an stft",
                                    fix: "give istft the output of stft (or of abs-free pointwise commands on it)")
        }
        if t.detrended {
            return ParameterProblem("in_uid", "comes from an stft with detrend true: detrended windows have no inverse "
                                    + "(DASCore: \"Inverse stft not possible\")", fix: "set detrend false on the stft")
        }
        switch ShortTimeSlices(transform: t).dualWindow() {
        case .success: return nil
        case .failure(.hopBeyondWindow):
            return ParameterProblem("in_uid", "comes from an stft whose hop (\(t.hop) samples) exceeds its window "
                                    + "(\(t.window.count)): samples between windows are lost",
                                    fix: "give the stft an overlap of 0 or more (e.g. \"50%\")")
        case .failure(.vanishes(let k)):
            return ParameterProblem("in_uid", "comes from an stft whose window of \(t.window.count) samples with a hop of "
                                    + "\(t.hop) weights sample \(k) of every hop by zero (the sum of shifted squared "
                                    + "windows vanishes: NOLA fails), so it cannot be inverted",
                                    fix: "give the stft more overlap (e.g. \"50%\" for hann) or a window without zero ends (boxcar, hamming)")
        }
    }

    public func check(_ context: GraphContext) -> [ParameterProblem] {
        Self.refusal(context.inputAxes).map { [$0] } ?? []
    }

    public func timeContext(_ input: Axes) -> TimeContext {
        guard let t = input.shortTimeTransform else { return .perChunk }
        // Sample n takes the windows centred from n − (n_w − middle − 1) to n + middle; in windows (the planner
        // scales by their step).
        let n = t.window.count
        return .window(AxisContext(before: ShortTimeSlices.ceilDiv(n - t.middle - 1, t.hop),
                                   after: ShortTimeSlices.ceilDiv(t.middle, t.hop)))
    }

    public func outputAxes(_ inputs: [Axes]) -> Axes {
        var axes = inputs[0]
        guard let time = axes.timeBeforeTransform else { return axes }
        axes.columns = time
        axes.third = nil
        axes.shortTimeTransform = nil
        axes.timeBeforeTransform = nil
        axes.units = axes.units.hasSuffix("·s") ? String(axes.units.dropLast(2)) : (axes.units.isEmpty ? "" : axes.units + "/s")
        return axes
    }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        guard let axes = context.inputAxes.first, let t = axes.shortTimeTransform, let windows = axes.third,
              let time = axes.timeBeforeTransform, let rate = time.rateHz else {
            throw CommandError(Self.name, "istft inverts stft, but its input does not come from an stft")
        }
        if let problem = Self.refusal(axes) { throw CommandError(Self.name, problem.description) }
        guard case .success(let dual) = ShortTimeSlices(transform: t).dualWindow() else { return inputs[0] }
        let n = t.window.count, bins = n / 2 + 1, count = windows.count
        let values = inputs[0].columns
        guard values == bins * count else {
            throw CommandError(Self.name, "has \(values) values per channel, not \(bins) frequencies × \(count) windows")
        }
        let plan = OverlapAdd(transform: t, dual: dual, windows: windows, time: time, rate: rate)
        guard count > 0 else {  // no whole window in the chunk: nothing to add
            return .real(Array2D(rows: inputs[0].rows, columns: time.count,
                                 values: [Double](repeating: 0, count: inputs[0].rows * time.count)))
        }
        // A float32 graph's stft gives float32 pairs: inverted in float32 (scipy's istft of DASCore's complex64).
        if case .singleComplex(let c) = inputs[0] {
            let segments = plan.segments(rows: c.rows, bins: bins, pairs: c.pairs)
            let out = plan.added(context.backend.realInverseFFT(pairs: consume segments, length: n), rows: c.rows)
            return context.singlePrecision ? .singleReal(out) : .real(Array2D(rows: out.rows, columns: out.columns,
                                                                              values: ElementwiseKernels.widened(out.values)))
        }
        let z = inputs[0].fullComplex()
        let segments = plan.segments(rows: z.rows, bins: bins, real: z.real, imaginary: z.imaginary)
        return .real(plan.added(context.backend.realInverseFFT(pairs: consume segments, length: n), rows: z.rows))
    }

    /// Reads a float32 graph's stft (float32 (re, im) pairs) as it is.
    public var acceptsPackedSignals: Bool { true }
}

/// The inverse of stft's layout and windows: DASCore's channel × frequency × window spectra reordered into one
/// half spectrum per (channel, window), and the inverse DFTs' segments overlap-added with the dual window.
struct OverlapAdd {
    let transform: ShortTimeTransform
    let dual: [Double]
    let windows: Axis
    let time: Axis
    let rate: Double

    /// (re, im) pairs, rows of `bins`, one row per (channel, window), from the stft's layout of (re, im) pairs.
    func segments<S: FFTWScalar>(rows: Int, bins: Int, pairs: [S]) -> InterleavedComplexArray2D<S> {
        InterleavedComplexArray2D(rows: rows * windows.count, columns: bins,
                                  pairs: ShortTimeKernels.windowMajor(pairs: pairs, rows: rows, windows: windows.count,
                                                                      bins: bins))
    }

    /// `segments` from the stft's layout split into real and imaginary parts.
    func segments(rows: Int, bins: Int, real: [Double], imaginary: [Double]) -> InterleavedComplexArray2D<Double> {
        InterleavedComplexArray2D(rows: rows * windows.count, columns: bins,
                                  pairs: ShortTimeKernels.windowMajor(real: real, imaginary: imaginary, rows: rows,
                                                                      windows: windows.count, bins: bins))
    }

    /// Overlap-add on the samples the stft read (grid indices time.first …), undoing its dt scaling, summed in the
    /// segments' precision.
    func added<S: FFTWScalar>(_ segments: Array2D<S>, rows: Int) -> Array2D<S> {
        let t = transform, start = time.first, length = time.count
        // Window p starts at sample p·hop − middle; its inverse DFT has the window's centre first (stft's phase
        // reference).
        let starts = (windows.first..<(windows.first + windows.count)).map { $0 * t.hop - t.middle - start }
        return Array2D(rows: rows, columns: length,
                       values: ShortTimeKernels.overlapAdded(segments.values, rows: rows, length: length,
                                                             starts: starts, weights: dual.map { S($0 * rate) },
                                                             middle: t.middle))
    }
}
