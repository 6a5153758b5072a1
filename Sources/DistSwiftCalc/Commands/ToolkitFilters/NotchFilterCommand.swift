import DistSwiftIO
import Foundation

/// `notch_filter`: DASCore's `patch.notch_filter(time=60, q=30)` — scipy.signal.iirnotch(w0, Q, fs) run forward
/// and backward (filtfilt): a narrow band-stop at one frequency (mains hum, pump lines).
public struct NotchFilterCommand: LinearStateScanCommand {
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
        let nyquist = dimension == .time ? context.nyquistHz : context.channelSpacingM.map { 1 / (2 * abs($0)) }
        guard let nyquist, frequency >= nyquist else { return [] }
        return [ParameterProblem(dimension.rawValue, "is \(frequency), not below Nyquist \(nyquist)",
                                 fix: "give a frequency between 0 and \(nyquist)")]
    }

    func section(rate: Double) -> SecondOrderSections {
        let w0 = 2 * frequency / rate
        let bandwidth = w0 / q * Double.pi
        let gain = 1 / (1 + tan(bandwidth / 2))
        let c = cos(w0 * Double.pi)
        return SecondOrderSections([.init(b0: gain, b1: -2 * gain * c, b2: gain, a1: -2 * gain * c, a2: 2 * gain - 1)])
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public var channelContext: ChannelContext { DimensionContext(dimension: dimension).channels() }
    public func timeContext(_ input: Axes) -> TimeContext {
        guard dimension == .time else { return .pointwise }
        guard let rate = input.samplingRateHz else { return .perChunk }
        return .window(.symmetric(section(rate: rate).impulseResponseLength(tolerance: haloTolerance)))
    }

    public var scansTime: Bool { dimension == .time }
    public var hasFloat32Kernel: Bool { dimension == .time }

    public func stateScanChunk(_ input: DataArray, position: SegmentPosition, context: ChunkContext) throws
        -> StateScanChunk {
        try section(context).stateScanChunk(input.values, padType: .odd, zeroPhase: true, position: position,
                                            command: Self.name)
    }

    /// The notch for the rate along the dimension of the command's input.
    private func section(_ context: ChunkContext) throws -> SecondOrderSections {
        let rate = try context.rate(along: dimension, command: Self.name)
        guard frequency < rate / 2 else {
            throw CommandError(Self.name, "\(frequency) is not below Nyquist \(rate / 2)")
        }
        return section(rate: rate)
    }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let sos = try section(context)
        if dimension == .time {
            if inputs[0].columns <= sos.defaultPadLength, context.stateScan == nil {
                throw CommandError(Self.name, "needs more than \(sos.defaultPadLength) samples along time")
            }
            return try sos.filteredRows(inputs[0], padType: .odd, zeroPhase: true, start: context.stateScan,
                                        single: context.singlePrecision, command: Self.name)
        }
        let x = try inputs[0].realValues(for: Self.name)
        let lines = x.transposedValues()
        guard lines.columns > sos.defaultPadLength else {
            throw CommandError(Self.name, "needs more than \(sos.defaultPadLength) samples along \(dimension.rawValue)")
        }
        let filtered = Array2D(rows: lines.rows, columns: lines.columns, values: try sos.zeroPhaseRows(lines, padType: .odd))
        return .real(filtered.transposedValues())
    }
}
