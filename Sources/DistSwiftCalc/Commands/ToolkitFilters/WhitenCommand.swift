import DistSwiftIO
import DistSwiftNative
import Foundation

/// `whiten`: DASCore's `patch.whiten(smooth_size=…, water_level=…, time=[f1, f2, f3, f4])`: spectral whitening —
/// each channel's spectrum divided by its smoothed amplitude (phase kept), tapered to a band, transformed back.
public struct WhitenCommand: Command {
    public static let name = "whiten"
    public static let summary = "DASCore's whiten: spectrum over its smoothed amplitude (phase kept), in a tapered band"
    public static let details = """
        DASCore: patch.whiten(smooth_size=20, water_level=0.01, time=[10, 20, 200, 300]). Each channel is
        zero-padded to scipy's next fast length N, transformed (rfft), and every bin's amplitude replaced by
        |X| / U, U the moving average of |X| over smooth_size Hz (scipy uniform_filter1d, mode wrap; bins below
        water_level × the largest U over the chunk are raised to it), or by 1 without smooth_size; the phase is
        kept. The band, [f1, f2] or [f1, f2, f3, f4] in Hz, multiplies by a Hann taper rising from f1 to f2 and
        falling from f3 to f4 (from 0 Hz to f1 and from f2 to Nyquist for a pair), as DASCore's taper_range. The
        inverse transform keeps the first n samples. As DASCore's, the result is scaled by the sampling rate (its
        inverse transform divides by dt what the whitening no longer multiplied by dt). Defined per chunk (the
        chunk's spectrum, as DASCore's on a patch); channels on their own.
        """ + "\n" + TransformRows.precisionNote + " Amplitudes, smoothing and gains are float64 in both."
    public static let parameters = [
        ParameterSpec("time", .json, default: .null, unit: "Hz",
                      "the band: [f1, f2] or [f1, f2, f3, f4] (taper from f1 to f2 and f3 to f4); null: all"),
        ParameterSpec("smooth_size", .number, default: .null, unit: "Hz",
                      "width of the moving average of the amplitude spectrum; null: amplitude 1 everywhere"),
        ParameterSpec("water_level", .number, default: .null,
                      "between 0 and 1: smoothed amplitudes below this fraction of the largest are raised to it"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let band: [Double]?
    let smoothSize: Double?
    let waterLevel: Double?

    public init(_ p: ParameterValues) throws {
        switch p.values["time"] {
        case nil, .null?: band = nil
        case .array(let items)?:
            let values = items.compactMap { if case .number(let d) = $0 { d } else { nil } }
            guard values.count == items.count, values.count == 2 || values.count == 4 else {
                throw ParameterProblem("time", "must be 2 or 4 frequencies in Hz", fix: "give e.g. [10, 20, 200, 300]")
            }
            guard zip(values.dropFirst(), values).allSatisfy({ $0 > $1 }), values[0] >= 0 else {
                throw ParameterProblem("time", "is \(values) but the frequencies must increase from 0 or more",
                                       fix: "give e.g. [10, 20, 200, 300]")
            }
            band = values
        case let other?:
            throw ParameterProblem("time", "is \(other.typeName) but must be a list of 2 or 4 frequencies (Hz)",
                                   fix: "give e.g. [10, 20, 200, 300]")
        }
        if case .number(let s)? = p.values["smooth_size"] {
            guard s > 0 else { throw ParameterProblem("smooth_size", "is \(s) but must be above 0 Hz", fix: "use e.g. 20") }
            smoothSize = s
        } else {
            smoothSize = nil
        }
        if case .number(let w)? = p.values["water_level"] {
            guard w >= 0 && w <= 1 else {
                throw ParameterProblem("water_level", "is \(w) but must lie between 0 and 1", fix: "use e.g. 0.01")
            }
            waterLevel = w
        } else {
            waterLevel = nil
        }
    }

    public func check(_ context: GraphContext) -> [ParameterProblem] {
        guard let nyquist = context.nyquistHz else { return [] }
        var problems: [ParameterProblem] = []
        if let smoothSize, smoothSize >= nyquist {
            problems.append(ParameterProblem("smooth_size", "is \(smoothSize) Hz, not below Nyquist \(nyquist) Hz",
                                             fix: "use a smoothing width well below \(nyquist) Hz"))
        }
        if let band, let top = band.last, top > nyquist {
            problems.append(ParameterProblem("time", "reaches \(top) Hz, above Nyquist \(nyquist) Hz",
                                             fix: "keep the band below \(nyquist) Hz"))
        }
        return problems
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }

    /// Computes in float32 in a float32 graph (DASCore's dft of float32 data is complex64), the amplitudes and
    /// gains of each bin in float64 either way.
    public var hasFloat32Kernel: Bool { true }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        switch try TransformRows.of(inputs[0], for: Self.name, context: context) {
        case .single(let x): return .singleReal(whitened(x, rate: context.samplingRateHz, backend: context.backend))
        case .double(let x): return .real(whitened(x, rate: context.samplingRateHz, backend: context.backend))
        }
    }

    /// The whitened rows in their precision: the spectrum rescaled where FFTW wrote it and handed to the inverse
    /// transform (no split, interleave or per-bin arrays of the whole chunk beyond the smoothed amplitudes).
    func whitened<S: FFTWScalar>(_ x: Array2D<S>, rate: Double, backend: any ComputeBackend) -> Array2D<S> {
        let n = x.columns, rows = x.rows
        guard n > 1 else { return x }
        let size = FastLength.next(n)
        var spectrum = backend.realForwardFFT(anyPrecision: TimeDFT.padded(x, to: size))
        let bins = spectrum.columns, df = rate / Double(size)
        // The smoothed amplitude of every bin (the water level needs the largest over the chunk first).
        var smoothed: [Double]? = nil
        if let smoothSize {
            let width = max(1, Int((smoothSize / df - 1e-9).rounded(.up)))
            var averaged = SpectrumKernels.smoothedAmplitudes(pairs: spectrum.pairs, rows: rows, bins: bins) {
                Self.wrappedMovingAverage($0, width: width)
            }
            if let waterLevel {
                let floor = waterLevel * (averaged.max() ?? 0)
                for i in averaged.indices where averaged[i] < floor { averaged[i] = floor }
            }
            smoothed = averaged
        }
        let envelope = band.map { Self.taper($0, bins: bins, df: df) } ?? Array(repeating: 1, count: bins)
        // amplitude → gain · e^{i·phase}: the unit phasor X/|X| (1 where |X| = 0, numpy's angle of 0).
        SpectrumKernels.replaceAmplitudes(&spectrum.pairs, bins: bins, dividedBy: smoothed, envelope: envelope,
                                          factor: rate)
        smoothed = nil
        var back = backend.realInverseFFT(pairs: consume spectrum, length: size)
        guard size > n else { return back }
        // The first n samples of every row, moved to the front of the inverse's own buffer.
        ElementwiseKernels.keepBlock(&back.values, columns: size, rows: 0..<rows, columnRange: 0..<n)
        return Array2D(rows: rows, columns: n, values: back.values)
    }

    /// scipy.ndimage.uniform_filter1d(a, width, mode='wrap'): the mean of a[i − width/2 …] over `width` bins.
    static func wrappedMovingAverage(_ a: [Double], width: Int) -> [Double] {
        let m = a.count
        guard m > 0 else { return a }
        func at(_ i: Int) -> Double { a[((i % m) + m) % m] }
        let start = -(width / 2)
        var sum = 0.0
        for j in 0..<width { sum += at(start + j) }
        var out = [Double](repeating: 0, count: m)
        for i in 0..<m {
            out[i] = sum / Double(width)
            sum += at(i + start + width) - at(i + start)
        }
        return out
    }

    /// DASCore's taper_range envelope over the rfft bins: Hann flanks between the bins at or above each frequency.
    static func taper(_ band: [Double], bins: Int, df: Double) -> [Double] {
        func index(_ f: Double) -> Int { min(bins, max(0, Int((f / df - 1e-9).rounded(.up)))) }
        let idx = band.count == 2 ? [0, index(band[0]), index(band[1]), bins] : band.map(index)
        var envelope = [Double](repeating: 0, count: bins)
        let rise = idx[1] - idx[0], fall = idx[3] - idx[2]
        let up = WindowFunction.hann.values(2 * rise + 1), down = WindowFunction.hann.values(2 * fall + 1)
        for k in 0..<rise { envelope[idx[0] + k] += up[k] }
        for k in 0..<fall { envelope[idx[2] + k] += down[fall - 1 - k] }
        for k in idx[1]..<max(idx[1], idx[2]) { envelope[k] += 1 }
        return envelope
    }
}
