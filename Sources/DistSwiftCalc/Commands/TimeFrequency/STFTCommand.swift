import DistSwiftIO

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
        """
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

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let a = try inputs[0].realValues(for: Self.name)
        guard let input = context.inputAxes.first, let rate = input.columns.rateHz else {
            throw CommandError(Self.name, "needs a time axis along the columns; give it a time series")
        }
        let t: ShortTimeTransform
        do { t = try settings.transform(rateHz: rate) } catch let problem as ParameterProblem {
            throw CommandError(Self.name, problem.description)
        }
        let start = input.columns.first
        let slices = ShortTimeSlices(transform: t).slices(samples: start..<(start + a.columns))
        let n = t.window.count, bins = n / 2 + 1, count = slices.count
        // Every (channel, window) segment as one row of a batch of real DFTs.
        var segments = [Double](repeating: 0, count: a.rows * count * n)
        for r in 0..<a.rows {
            for (j, p) in slices.enumerated() {
                let offset = (r * count + j) * n
                let first = p * t.hop - t.middle - start
                let inside = max(0, -first)..<max(max(0, -first), min(n, a.columns - first))
                for k in inside { segments[offset + k] = a.values[r * a.columns + first + k] }
                if t.detrended { LineTrend.remove(&segments[offset..<(offset + n)], linear: true) }
                for k in 0..<n { segments[offset + k] *= t.window[k] }
                // scipy's phase_shift=0: the DFT's time origin is the window's centre (sample `middle` first).
                segments[offset..<(offset + n)].rotate(left: t.middle)
            }
        }
        let spectra = context.backend.realForwardFFT(Array2D(rows: a.rows * count, columns: n, values: segments)).split()
        // DASCore's layout: channel, frequency, window time; scaled by the sample spacing as its dft.
        let dt = 1 / rate
        var re = [Double](repeating: 0, count: a.rows * bins * count), im = re
        for r in 0..<a.rows {
            for j in 0..<count {
                let source = (r * count + j) * bins
                for f in 0..<bins {
                    let target = (r * bins + f) * count + j
                    re[target] = spectra.real[source + f] * dt
                    im[target] = spectra.imaginary[source + f] * dt
                }
            }
        }
        return .complex(ComplexArray2D(rows: a.rows, columns: bins * count, real: re, imaginary: im))
    }
}

extension ArraySlice {
    /// Rotates the elements so that the one at `count` positions from the start comes first (numpy's roll by −count).
    mutating func rotate(left count: Int) {
        guard !isEmpty else { return }
        let k = ((count % self.count) + self.count) % self.count
        guard k > 0 else { return }
        let rotated = Array(self[(startIndex + k)...]) + Array(self[..<(startIndex + k)])
        replaceSubrange(startIndex..<endIndex, with: rotated)
    }
}
