import DistSwiftIO
import Foundation

/// `notch_filter`: DASCore's `patch.notch_filter(time=60, q=30)` — scipy.signal.iirnotch(w0, Q, fs) run forward
/// and backward (filtfilt): a narrow band-stop at one frequency (mains hum, pump lines).
public struct NotchFilterCommand: SectionsFilterCommand {
    public static let name = "notch_filter"
    public static let summary = "DASCore's notch_filter: zero-phase IIR notch at one frequency (iirnotch, filtfilt)"
    public static let details = """
        DASCore: patch.notch_filter(time=60, q=30): scipy.signal.iirnotch(w0, Q, fs) — b = g·[1, −2cos ω₀, 1],
        a = [1, −2g·cos ω₀, 2g − 1], g = 1/(1 + tan(π·w0/Q/fs)) — run by scipy.signal.filtfilt (odd extension of
        9 samples, steady-state start). The frequency is in Hz along time, in cycles/m along distance. Continuous
        along time: in `process` an exact state scan carries the filter's states across chunk boundaries (chunked ==
        the whole recording segment to rounding, no halo); `watch` reads the notch's impulse response (to
        halo_tolerance) from the neighbouring chunks. A float32 graph filters float32 rows. Along
        distance the whole fibre is filtered at once. A frequency at or above Nyquist is a validation error.
        """
    public static let parameters = DimensionKeyword.keyedParameters("the frequency removed (Hz, or cycles/m)") + [
        ParameterSpec("q", .number, default: nil, "quality factor: w0 / bandwidth (higher is narrower)"),
        HaloTolerance.parameter,
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let dimension: DataDimension
    let frequency: Double
    let q: Double
    let haloTolerance: Double

    public init(_ p: ParameterValues) throws {
        let (dimension, value) = try DimensionKeyword.keyed(p, command: Self.name, example: #"{"time": 60, "q": 30}"#)
        self.dimension = dimension
        frequency = try DimensionKeyword.number(value, key: dimension, what: "the notch frequency")
        q = p.number("q")
        haloTolerance = try HaloTolerance.read(p)
        guard frequency > 0 else {
            throw ParameterProblem(dimension.rawValue, "is \(frequency) but the notch frequency must be above 0",
                                   fix: "give e.g. {\"time\": 60}")
        }
        guard q > 0 else { throw ParameterProblem("q", "is \(q) but must be above 0", fix: "use e.g. 30") }
    }

    public func check(_ context: GraphContext) -> [ParameterProblem] {
        guard let nyquist = nyquist(context), frequency >= nyquist else { return [] }
        return [ParameterProblem(dimension.rawValue, "is \(frequency), not below Nyquist \(nyquist)",
                                 fix: "give a frequency between 0 and \(nyquist)")]
    }

    /// filtfilt always: the notch is zero-phase.
    var zeroPhase: Bool { true }

    func sections(rate: Double) throws -> SecondOrderSections {
        guard frequency < rate / 2 else {
            throw CommandError(Self.name, "\(frequency) is not below Nyquist \(rate / 2)")
        }
        let w0 = 2 * frequency / rate
        let bandwidth = w0 / q * Double.pi
        let gain = 1 / (1 + tan(bandwidth / 2))
        let c = cos(w0 * Double.pi)
        return SecondOrderSections([.init(b0: gain, b1: -2 * gain * c, b2: gain, a1: -2 * gain * c, a2: 2 * gain - 1)])
    }
}
