import DistSwiftIO
import DistSwiftNative

/// `stft`: DASCore's `patch.stft(time=…, overlap=…, taper_window=…, detrend=…)` — scipy's `ShortTimeFFT` of every
/// channel, scaled by the sample spacing like DASCore's dft. The output is 3-D: distance × frequency × window time.
public struct STFTCommand: Command {
    public static let name = "stft"
    public static let summary = "short-time Fourier transform along time: distance × frequency × window time, complex (DASCore's stft)"
    public static let details = """
        DASCore 0.1.24's stft: window of `time` seconds (samples when samples is true), hop = window − overlap,
        the symmetric `taper_window` (scipy get_window with fftbins=False), one-sided DFT of the window length with its phase
        referred to the window's centre (scipy's phase_shift=0), values times the sample spacing (units: the data's times s). Window p is centred on sample p·hop of the record
        (scipy's ShortTimeFFT): the first windows start before the record and the last end after it, zero-padded,
        so every sample is covered; the window-time axis holds the centres in UTC. detrend removes each segment's
        linear trend first (scipy's stft_detrend; then istft refuses). Output: a 3-D array (graphs.md: edges and
        their shapes) for istft, abs/real/angle and write_npy (which writes the 3-D .npy with frequency/ and time/
        axis files). Chunked == monolithic: each chunk reads half a window of its neighbours on each side and
        keeps the windows centred on its own samples (the first and last chunk of a segment also the padded ones
        beyond it), so a record cut in chunks gives the windows of the whole record.
        """ + "\n" + TransformRows.precisionNote + " Segment trends are float64 in both."
    public static let parameters = [DimensionKeyword.timeOnlyNamedParameter()] + ShortTimeSettings.parameters
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let settings: ShortTimeSettings

    public init(_ p: ParameterValues) throws {
        settings = try ShortTimeSettings(p)
    }

    public func check(_ context: GraphContext) -> [ParameterProblem] {
        guard let rate = context.samplingRateHz else { return [] }
        switch settings.windowAndHop(rateHz: rate) {
        case .failure(let problem): return [problem]
        case .success(let (n, _)) where n < 2:
            return [ParameterProblem("time", "gives a window of \(n) sample at \(Axis.number(rate)) Hz",
                                     fix: "give a window of at least 2 samples")]
        case .success: return []
        }
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { .timeFrequency }

    func transform(_ input: Axes) -> ShortTimeTransform? {
        try? settings.transform(rateHz: input.columns.rateHz ?? input.samplingRateHz ?? 1)
    }

    public func timeContext(_ input: Axes) -> TimeContext {
        guard let t = transform(input) else { return .perChunk }
        // Windows centred on the chunk's samples, and one more sample after so that a chunk can tell it is the
        // last of its segment (nothing read after it) and keep the padded windows beyond the record's end.
        return .window(AxisContext(before: t.middle, after: t.window.count - t.middle))
    }

    public func outputAxes(_ inputs: [Axes]) -> Axes {
        let input = inputs[0]
        guard let t = transform(input) else { return input }
        let slices = ShortTimeSlices(transform: t).slices(samples: input.columns.first..<(input.columns.first + input.columns.count))
        return Self.axes(input, transform: t, slices: input.columns.count > 0 ? slices : 0..<0)
    }

    static func axes(_ input: Axes, transform t: ShortTimeTransform, slices: Range<Int>) -> Axes {
        let rate = input.columns.rateHz ?? input.samplingRateHz ?? 1
        let n = t.window.count
        var axes = TimeDFT.axes(input, frequencies: (0...(n / 2)).map { Double($0) * rate / Double(n) })
        // Window p's time is sample p·hop of the input's grid: the same time grid, a step of hop samples.
        axes.third = Axis(.time, units: "s", grid: input.columns.grid, first: slices.lowerBound, count: slices.count,
                          stride: input.columns.stride * t.hop)
        axes.shortTimeTransform = t
        return axes
    }

    /// Computes in float32 in a float32 graph (scipy's ShortTimeFFT keeps float32 data in single precision, as
    /// DASCore's stft of it), in float64 otherwise; each segment's trend in float64 either way.
    public var hasFloat32Kernel: Bool { true }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let rows = try TransformRows.of(inputs[0], for: Self.name, context: context)
        guard let input = context.inputAxes.first, let rate = input.columns.rateHz else {
            throw CommandError(Self.name, "needs a time axis along the columns; give it a time series")
        }
        let t: ShortTimeTransform
        do { t = try settings.transform(rateHz: rate) } catch let problem as ParameterProblem {
            throw CommandError(Self.name, problem.description)
        }
        let start = input.columns.first
        let samples: Int
        switch rows {
        case .single(let a): samples = a.columns
        case .double(let a): samples = a.columns
        }
        let slices = ShortTimeSlices(transform: t).slices(samples: start..<(start + samples))
        switch rows {
        case .single(let a):
            return .singleComplex(transform(a, t, slices: slices, start: start, dt: 1 / rate, backend: context.backend))
        case .double(let a):
            return .complex(transform(a, t, slices: slices, start: start, dt: 1 / rate, backend: context.backend).split())
        }
    }

    /// Every (channel, window) segment as one row of a batch of real DFTs, in the rows' precision, and the spectra
    /// in DASCore's layout (channel, frequency, window time), scaled by the sample spacing as its dft. Each segment
    /// is zero-filled outside the record, detrended, windowed and rotated as it is written (one pass).
    func transform<S: FFTWScalar>(_ a: Array2D<S>, _ t: ShortTimeTransform, slices: Range<Int>, start: Int, dt: Double,
                                  backend: any ComputeBackend) -> InterleavedComplexArray2D<S> {
        let n = t.window.count, bins = n / 2 + 1, count = slices.count, rows = a.rows
        // Window p starts at sample p·hop − middle of the record; scipy's phase_shift=0 puts its centre (sample
        // `middle`) first in its DFT.
        let segments = ShortTimeKernels.windowedSegments(a.values, rows: rows, columns: a.columns,
                                                         starts: slices.map { $0 * t.hop - t.middle - start },
                                                         window: t.window, middle: t.middle, detrend: t.detrended)
        let spectra = backend.realForwardFFT(anyPrecision: Array2D(rows: rows * count, columns: n, values: segments))
        let pairs = ShortTimeKernels.frequencyMajor(pairs: spectra.pairs, rows: rows, windows: count, bins: bins,
                                                    scale: S(dt))
        return InterleavedComplexArray2D(rows: rows, columns: bins * count, pairs: pairs)
    }
}
