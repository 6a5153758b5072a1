import DistSwiftIO
import Foundation

/// `dispersion_phase_shift`: DASCore's `patch.dispersion_phase_shift(phase_velocities, ...)` — the phase-shift
/// dispersion image (Park et al. 1998): for each phase velocity v and frequency f, |Σ_x e^(i·2πf·x/v) · U(x, f)/|U||
/// over the channels, U the DFT along time.
public struct DispersionPhaseShiftCommand: Command {
    public static let name = "dispersion_phase_shift"
    public static let summary = "phase-shift dispersion image: velocity × frequency coherence of the unit-amplitude spectra (DASCore's dispersion_phase_shift)"
    public static let details = """
        D(v, f) = |Σ_x exp(i·2πf·x/v) · U(x, f)/|U(x, f)|| / channels, U the DFT of each channel along time
        (zero-padded or cut to the resolution's length when approx_resolution is given), for the frequencies in
        [approx_freq[0], approx_freq[1]) (default 0 … Nyquist). Rows: the phase velocities (axis `velocity`,
        m/s); columns: frequencies (Hz); values 0 … 1. Per chunk; needs the whole fibre. DASCore labels DFT bin k
        with k·fs/(nf − 1) instead of k·fs/nf (and uses that frequency in the phase shift): off by a factor
        nf/(nf − 1). Here bin k is k·fs/nf, the DFT's own frequency; the reference test shows DASCore's image at
        its labels against this one.
        """
    public static let parameters = [
        ParameterSpec("phase_velocities", .numberList, default: nil, unit: "m/s", "positive, increasing"),
        ParameterSpec("approx_resolution", .number, default: .null, unit: "Hz", "frequency resolution (DASCore's)"),
        ParameterSpec("approx_freq", .numberList, default: .null, unit: "Hz", "[fmin, fmax] (DASCore's approx_freq)"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let velocities: [Double]
    let resolution: Double?
    let band: (Double, Double)?

    public init(_ p: ParameterValues) throws {
        velocities = p.numbers("phase_velocities")
        guard !velocities.isEmpty, velocities.allSatisfy({ $0 > 0 }),
              zip(velocities, velocities.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw ParameterProblem("phase_velocities", "must be positive and increase monotonically",
                                   fix: "give e.g. [100, 200, 300, 400]")
        }
        resolution = p.values["approx_resolution"] == .null ? nil : p.number("approx_resolution")
        if let resolution, resolution <= 0 {
            throw ParameterProblem("approx_resolution", "is \(resolution) but must be positive", fix: "give a resolution in Hz")
        }
        if p.values["approx_freq"] == .null {
            band = nil
        } else {
            let f = p.numbers("approx_freq")
            guard f.count == 2, f[0] > 0, f[1] > f[0] else {
                throw ParameterProblem("approx_freq", "must be [fmin, fmax] with 0 < fmin < fmax",
                                       fix: "give e.g. [5, 50]")
            }
            band = (f[0], f[1])
        }
    }

    public func check(_ context: GraphContext) -> [ParameterProblem] {
        guard let nyquist = context.nyquistHz, let band, band.1 >= nyquist else { return [] }
        return [ParameterProblem("approx_freq", "reaches \(band.1) Hz, not below Nyquist (\(nyquist) Hz)",
                                 fix: "give fmax below \(nyquist) Hz")]
    }

    public var channelContext: ChannelContext { .wholeFibre }

    /// The DFT length and the kept bins [first, last) at `rate` for `nt` samples.
    func bins(samples nt: Int, rate: Double) -> (length: Int, range: Range<Int>) {
        // DASCore's int(nt · (fs / nt) / resolution), rounding included; fs / resolution before the data's size is known.
        let bins = resolution.map { nt > 0 ? Double(nt) * (rate / Double(nt)) / $0 : rate / $0 }
        let nf = bins.map { $0.isFinite && $0 < 1e9 ? Int($0) : 0 } ?? nt
        let (low, high) = band ?? (0, 0.5 * rate)
        let frequencies = (0..<nf).map { Double($0) * rate / Double(nf) }
        let first = frequencies.firstIndex { $0 >= low } ?? 0
        let last = frequencies.firstIndex { $0 >= high } ?? nf
        return (nf, first..<max(first, last))
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { .spectrum }
    public func outputAxes(_ inputs: [Axes]) -> Axes {
        let rate = RollingWindow.rate(inputs[0])
        let (nf, range) = bins(samples: inputs[0].columns.count, rate: rate)
        let frequencies = range.map { Double($0) * rate / Double(max(nf, 1)) }
        var axes = inputs[0].replacingRows(Axis(.velocity, units: "m/s", grid: .listed(velocities), count: velocities.count))
        axes.columns = Axis(.frequency, units: "Hz", grid: .listed(frequencies), count: frequencies.count)
        axes.units = ""
        return axes
    }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let a = try inputs[0].realValues(for: Self.name)
        guard let positions = context.rowPositions(a.rows), positions.count == a.rows else {
            throw CommandError(Self.name, "needs the channels' positions (its input's rows must be channels)")
        }
        let rate = context.inputAxes.first.map(RollingWindow.rate) ?? context.samplingRateHz
        let (nf, range) = bins(samples: a.columns, rate: rate)
        guard nf >= 2, !range.isEmpty else { throw CommandError(Self.name, "the frequency range holds no DFT bin") }
        // numpy's fft(x, n=nf): cut (only when the resolution asks for fewer samples) or zero-pad each channel.
        let cut = nf >= a.columns ? a
            : Array2D(rows: a.rows, columns: nf,
                      values: (0..<a.rows).flatMap { r in a.values[(r * a.columns)..<(r * a.columns + nf)] })
        let spectra = context.backend.realForwardFFT(TimeDFT.padded(cut, to: nf))
        let bins = spectra.columns, kept = range.count, rows = a.rows
        // Unit phasors U/|U| of the kept bins (all below Nyquist, so inside the one-sided half), read row by row
        // (each channel's spectrum in order) into bin-major arrays, so that the sums over channels below read
        // contiguous values.
        var unitRe = [Double](repeating: 0, count: kept * rows), unitIm = unitRe
        for r in 0..<rows {
            for (j, k) in range.enumerated() {
                let (re, im) = k < bins ? (spectra.pairs[2 * (r * bins + k)], spectra.pairs[2 * (r * bins + k) + 1])
                    : (spectra.pairs[2 * (r * bins + nf - k)], -spectra.pairs[2 * (r * bins + nf - k) + 1])
                let magnitude = (re * re + im * im).squareRoot()
                if magnitude > 0 { unitRe[j * rows + r] = re / magnitude; unitIm[j * rows + r] = im / magnitude }
            }
        }
        var out = [Double](repeating: 0, count: velocities.count * kept)
        for (j, k) in range.enumerated() {
            let omega = 2 * Double.pi * Double(k) * rate / Double(nf)
            for (iv, v) in velocities.enumerated() {
                var sumRe = 0.0, sumIm = 0.0
                for r in 0..<rows {
                    let phase = omega * positions[r] / v
                    let (c, s) = (cos(phase), sin(phase))
                    let (ur, ui) = (unitRe[j * rows + r], unitIm[j * rows + r])
                    sumRe += c * ur - s * ui
                    sumIm += c * ui + s * ur
                }
                out[iv * kept + j] = (sumRe * sumRe + sumIm * sumIm).squareRoot() / Double(rows)
            }
        }
        return .real(Array2D(rows: velocities.count, columns: range.count, values: out))
    }
}
