import DistSwiftIO
import DistSwiftNative

/// `spectrogram`: DASCore's `patch.spectrogram(dim="time", **kwargs)`, which hands its keywords to
/// `scipy.signal.spectrogram`: power spectral density (or power spectrum) of overlapping windows along time.
public struct SpectrogramCommand: Command {
    public static let name = "spectrogram"
    public static let summary = "power spectral density of overlapping windows along time: distance × frequency × window time (DASCore's spectrogram, scipy's)"
    public static let details = """
        DASCore 0.1.24's spectrogram, which is scipy.signal.spectrogram with DASCore's keywords passed through (in
        samples, as scipy takes them): windows of nperseg samples every nperseg − noverlap samples, each detrended
        (constant: mean removed; linear; false: none), multiplied by the periodic window (scipy get_window,
        fftbins=True; default ("tukey", 0.25)), one-sided DFT of nfft samples, |X|² scaled by 1/(rate·Σw²)
        (density, units²/Hz) or 1/(Σw)² (spectrum, units²), doubled except at 0 Hz and Nyquist (mode "psd").
        Windows lie inside the record (no padding); the window-time axis holds the window centres in UTC (sample
        nperseg/2 of each window). DASCore labels the data units as the data's times s; here they are the PSD's.
        A record shorter than nperseg gives no windows (scipy would shorten the window with a warning). Output: a
        3-D array (graphs.md: edges and their shapes). Chunked == monolithic: windows start at the multiples of the
        step from the start of the recording; each chunk reads nperseg − 1 samples of the next and keeps the
        windows that start in it.
        """ + "\n" + TransformRows.precisionNote + " Segment trends and powers are float64 in both."
    public static let parameters = [
        DimensionKeyword.timeOnlyNamedParameter(),
        ParameterSpec("window", .json, default: .array([.string("tukey"), .number(0.25)]),
                      "scipy's window: " + ScipyWindow.names.joined(separator: ", ") + ", or [\"tukey\", alpha]"),
        ParameterSpec("nperseg", .integer, default: .number(256), unit: "samples", "samples per window"),
        ParameterSpec("noverlap", .integer, default: .null, unit: "samples",
                      "samples shared by neighbouring windows (default nperseg // 8, scipy's)"),
        ParameterSpec("nfft", .integer, default: .null, unit: "samples",
                      "DFT length, at least nperseg (zero-padded; default nperseg)"),
        ParameterSpec("detrend", .json, default: .string("constant"), "\"constant\", \"linear\" or false"),
        ParameterSpec("scaling", .choice(["density", "spectrum"]), default: .string("density"),
                      "density: power spectral density (units²/Hz); spectrum: power spectrum (units²)"),
        ParameterSpec("mode", .choice(["psd"]), default: .string("psd"), "scipy's mode; only \"psd\""),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    enum Detrend: Sendable { case none, constant, linear }

    let window: ScipyWindow
    let length: Int
    let step: Int
    let nfft: Int
    let detrend: Detrend
    let density: Bool

    public init(_ p: ParameterValues) throws {
        window = try ScipyWindow(p.values["window"], parameter: "window")
        length = try p.windowLength("nperseg", minimum: 1)
        let overlap = p.values["noverlap"] == .null ? length / 8 : p.integer("noverlap")
        guard overlap >= 0, overlap < length else {
            throw ParameterProblem("noverlap", "is \(overlap) but must be at least 0 and less than nperseg (\(length))",
                                   fix: "give an overlap smaller than the window, e.g. \(length / 2)")
        }
        step = length - overlap
        nfft = p.values["nfft"] == .null ? length : p.integer("nfft")
        guard nfft >= length else {
            throw ParameterProblem("nfft", "is \(nfft) but must be at least nperseg (\(length))",
                                   fix: "give nfft ≥ \(length), or leave it out")
        }
        switch p.values["detrend"] {
        case .string("constant")?: detrend = .constant
        case .string("linear")?: detrend = .linear
        case .bool(false)?: detrend = .none
        case let other:
            throw ParameterProblem("detrend", "is \(other?.compactDescription ?? "missing") but must be \"constant\", "
                                   + "\"linear\" or false", fix: "give one of those (scipy's detrend)")
        }
        density = p.string("scaling") == "density"
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { .timeFrequency }

    public func timeContext(_ input: Axes) -> TimeContext { .window(AxisContext(before: 0, after: length - 1)) }

    /// Windows (by start sample k · step) that lie inside samples `samples` of the segment.
    func windows(_ samples: Range<Int>) -> Range<Int> {
        let first = ShortTimeSlices.ceilDiv(samples.lowerBound, step)
        let end = samples.upperBound - length
        let last = end >= 0 ? end / step : -1
        return first..<max(first, last + 1)
    }

    public func outputAxes(_ inputs: [Axes]) -> Axes {
        let input = inputs[0]
        let rate = input.columns.rateHz ?? input.samplingRateHz ?? 1
        var axes = TimeDFT.axes(input, frequencies: (0...(nfft / 2)).map { Double($0) * rate / Double(nfft) })
        axes.timeBeforeTransform = nil
        let u = input.units
        axes.units = u.isEmpty ? "" : (density ? "(\(u))²/Hz" : "(\(u))²")
        // Window k starts at sample k·step; its time is its centre, nperseg/2 samples later: the same grid moved.
        var grid = input.columns.grid
        if case .time(let origin, let baseRate) = grid {
            let shift = Double(length * input.columns.stride) / 2 / baseRate * 1e9
            grid = .time(originNs: origin + Int64(shift.rounded()), rateHz: baseRate)
        }
        let kept = input.columns.count > 0 ? windows(input.columns.first..<(input.columns.first + input.columns.count)) : 0..<0
        axes.third = Axis(.time, units: "s", grid: grid, first: kept.lowerBound, count: kept.count,
                          stride: input.columns.stride * step)
        return axes
    }

    /// Computes in float32 in a float32 graph (scipy.signal.spectrogram keeps float32 data in single precision),
    /// in float64 otherwise; each segment's trend and each bin's power in float64 either way.
    public var hasFloat32Kernel: Bool { true }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        guard let input = context.inputAxes.first, let rate = input.columns.rateHz else {
            throw CommandError(Self.name, "needs a time axis along the columns; give it a time series")
        }
        switch try TransformRows.of(inputs[0], for: Self.name, context: context) {
        case .single(let a):
            return .singleReal(power(a, start: input.columns.first, rate: rate, backend: context.backend))
        case .double(let a): return .real(power(a, start: input.columns.first, rate: rate, backend: context.backend))
        }
    }

    /// The PSD of every (channel, window), in DASCore's (channel, frequency, window) layout: each segment
    /// detrended, windowed and zero-padded as it is read from the chunk, transformed and its power written, two
    /// segments at a time in cache (`SpectrogramKernels.powers`).
    func power<S: FFTWScalar>(_ a: Array2D<S>, start: Int, rate: Double, backend: any ComputeBackend) -> Array2D<S> {
        let kept = windows(start..<(start + a.columns))
        let w = window.values(length, periodic: true)
        let bins = nfft / 2 + 1, count = kept.count, rows = a.rows, columns = a.columns
        let scale = density ? 1 / (rate * w.reduce(0) { $0 + $1 * $1 }) : 1 / (w.reduce(0, +) * w.reduce(0, +))
        let out = SpectrogramKernels.powers(a.values, rows: rows, columns: columns, offsets: kept.map { $0 * step - start },
                                            window: w, nfft: nfft, detrend: detrend != .none,
                                            linear: detrend == .linear, scale: scale, plans: backend.rowPlans)
        return Array2D(rows: rows, columns: bins * count, values: out)
    }
}
