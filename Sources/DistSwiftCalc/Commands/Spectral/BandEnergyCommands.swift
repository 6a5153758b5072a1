import DistSwiftIO

/// `rms_from_fft`: the RMS of one frequency band of every channel, from its spectrum (Parseval; see
/// `FrequencyBand`). Output: channels × 1.
public struct RMSFromFFTCommand: Command {
    public static let name = "rms_from_fft"
    public static let summary = "RMS of a frequency band per channel, from an fft along time (channels × 1)"
    public static let details = """
        rms = sqrt(energy / n) with energy = (1/n) Σ w_k |X_k|² over the bins low ≤ f < high (w = 1 for DC and
        Nyquist, 2 otherwise): the RMS of the band-passed time series, independent of BOX_SIZE. distpy divides by
        2·(channels in the block − 1) instead (its bug #10); see docs/distpy-differences.md.
        """
    public static let parameters = [
        ParameterSpec("low_freq", .number, default: .number(0), unit: "Hz", "lower band edge (inclusive)"),
        ParameterSpec("high_freq", .number, default: .number(-1), unit: "Hz",
                      "upper band edge (exclusive); -1 or 0: up to and including Nyquist"),
    ]
    public static let accepts: Set<SignalKind> = [.spectrum]

    let band: FrequencyBand

    public init(_ p: ParameterValues) throws {
        band = try FrequencyBand(singleBand: p)
    }

    public func check(_ context: GraphContext) -> [ParameterProblem] { band.singleBandProblems(context) }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { .perChannel }
    public func outputAxes(_ inputs: [Axes]) -> Axes { inputs[0].replacingColumns(.labelled(.band, [band.label])) }
    public var acceptsPackedSignals: Bool { true }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        try outputFromSpectrum(inputs[0], context: context)
    }
}

/// `te_from_fft`: the energy of one frequency band of every channel (distpy reaches this only as a `multiple_calcs`
/// func; distswift also offers it as a command of its own). Output: channels × 1.
public struct TEFromFFTCommand: Command {
    public static let name = "te_from_fft"
    public static let summary = "energy of a frequency band per channel, from an fft along time (channels × 1)"
    public static let details = """
        energy = (1/n) Σ w_k |X_k|² over the bins low ≤ f < high (w = 1 for DC and Nyquist, 2 otherwise), which equals
        Σ_t y(t)² of the band-passed time series (Parseval). distpy's te_from_fft is n times larger and weights the
        first and last bin of every band by 1 (its bug #11).
        """
    public static let parameters = RMSFromFFTCommand.parameters
    public static let accepts: Set<SignalKind> = [.spectrum]

    let band: FrequencyBand

    public init(_ p: ParameterValues) throws {
        band = try FrequencyBand(singleBand: p)
    }

    public func check(_ context: GraphContext) -> [ParameterProblem] { band.singleBandProblems(context) }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { .perChannel }
    public func outputAxes(_ inputs: [Axes]) -> Axes { inputs[0].replacingColumns(.labelled(.band, [band.label])) }
    public var acceptsPackedSignals: Bool { true }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        try outputFromSpectrum(inputs[0], context: context)
    }
}

/// `multiple_calcs`: band energies (`te_from_fft`) or RMS (`rms_from_fft`) of several bands at once, one column per
/// band — the noise log.
public struct MultipleCalcsCommand: Command {
    public static let name = "multiple_calcs"
    public static let summary = "band energies or RMS of several frequency bands per channel (channels × bands)"
    public static let details = """
        func te_from_fft: energy = (1/n) Σ w_k |X_k|² over each band = Σ_t y(t)² of the band-passed signal (Parseval);
        func rms_from_fft: sqrt(energy / n). low_freq[i] and high_freq[i] pair up (high ≤ 0: Nyquist). distpy's
        te_from_fft is n times larger and weights band-edge bins 1 (its bug #11).
        """
    public static let parameters = [
        ParameterSpec("func", .choice(["te_from_fft", "rms_from_fft"]), default: nil,
                      "what to compute per band: total energy or RMS"),
        ParameterSpec("low_freq", .numberList, default: nil, unit: "Hz", "lower band edges"),
        ParameterSpec("high_freq", .numberList, default: nil, unit: "Hz",
                      "upper band edges, one per low_freq (-1 or 0: Nyquist)"),
    ]
    public static let accepts: Set<SignalKind> = [.spectrum]

    let bands: [FrequencyBand]
    let rms: Bool

    public init(_ p: ParameterValues) throws {
        let (low, high) = try FrequencyBand.pairedEdges(p)
        bands = zip(low, high).map { FrequencyBand(distpyLow: $0, high: $1) }
        rms = p.string("func") == "rms_from_fft"
        for (i, band) in bands.enumerated() {
            if let problem = band.problems(rate: nil, low: "low_freq[\(i)]", high: "high_freq[\(i)]").first { throw problem }
        }
    }

    public func check(_ context: GraphContext) -> [ParameterProblem] {
        bands.enumerated().flatMap { $1.problems(rate: context.samplingRateHz, low: "low_freq[\($0)]", high: "high_freq[\($0)]") }
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { .perChannel }
    public func outputAxes(_ inputs: [Axes]) -> Axes { inputs[0].replacingColumns(.labelled(.band, bands.map(\.label))) }
    public var acceptsPackedSignals: Bool { true }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        try outputFromSpectrum(inputs[0], context: context)
    }
}
