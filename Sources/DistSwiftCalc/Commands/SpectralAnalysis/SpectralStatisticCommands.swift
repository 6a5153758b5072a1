import DistSwiftIO
import DistSwiftNative

/// DASCore's spectral descriptors (`spectral_centroid`, `spectral_flatness`, `spectral_entropy`,
/// `spectral_peak_frequency`, `median_frequency`) of a spectrum along time (`rfft`, `dft`, distpy's `fft`): one
/// value per channel from the power |X(f)|² of the non-negative frequencies in [fmin, fmax].
protocol SpectralStatisticCommand: Command {
    var band: SpectralBand { get }
    init(band: SpectralBand)
    /// The statistic of each channel's power at ascending frequencies (`SpectralKernels`, whose C kernel
    /// defines each as DASCore does).
    var descriptor: SpectralDescriptor { get }
    /// Units of the statistic ("Hz" or dimensionless).
    static var statisticUnits: String { get }
}

/// The frequency band a descriptor reads, as DASCore's `fmin`/`fmax`, and the power of its bins.
struct SpectralBand: Sendable {
    let fmin: Double?
    let fmax: Double?
    /// spectral_entropy's normalisation by log2 of the number of bins.
    let normalize: Bool

    static func parameters(normalize: Bool = false) -> [ParameterSpec] {
        [DimensionKeyword.timeOnlyNamedParameter("the dimension whose spectrum this is (DASCore's dim); only time"),
         ParameterSpec("fmin", .number, default: .null, unit: "Hz", "lowest frequency used (DASCore's fmin); default: 0"),
         ParameterSpec("fmax", .number, default: .null, unit: "Hz", "highest frequency used (DASCore's fmax); default: Nyquist")]
            + (normalize ? [ParameterSpec("normalize", .boolean, default: .bool(true),
                                          "divide by log2 of the number of bins, so white noise gives 1 (DASCore's)")] : [])
    }

    init(_ p: ParameterValues, normalize: Bool = false) throws {
        fmin = p.values["fmin"] == .null ? nil : p.number("fmin")
        fmax = p.values["fmax"] == .null ? nil : p.number("fmax")
        self.normalize = normalize && p.flag("normalize")
        if let fmin, let fmax, fmax < fmin {
            throw ParameterProblem("fmax", "is \(fmax) Hz, below fmin (\(fmin) Hz)", fix: "give fmax above fmin")
        }
    }

    /// The bins used: frequencies ≥ 0 within [fmin, fmax]; the −Nyquist bin of a two-sided even-length spectrum
    /// counts as +Nyquist (DASCore's fold for symmetric spectra).
    func bins(_ frequencies: [Double]) -> [(index: Int, frequency: Double)] {
        // The unpaired most negative bin of an even-length two-sided spectrum is the Nyquist (kept as +|f| unless a
        // positive bin has that frequency); every other negative bin mirrors a positive one and is left out.
        // O(n): a graph in cache-sized channel blocks calls this once per block.
        let lowest = frequencies.min() ?? 0
        let keepsLowest = lowest < 0 && frequencies.count % 2 == 0 && !frequencies.contains(-lowest)
        var selected: [(index: Int, frequency: Double)] = []
        selected.reserveCapacity(frequencies.count)
        for (k, f) in frequencies.enumerated() {
            var frequency = f
            if f < 0 {
                guard f == lowest, keepsLowest else { continue }
                frequency = -f
            }
            if let fmin, frequency < fmin { continue }
            if let fmax, frequency > fmax { continue }
            selected.append((k, frequency))
        }
        let ascending = zip(selected, selected.dropFirst()).allSatisfy { $0.frequency <= $1.frequency }
        return ascending ? selected : selected.sorted { $0.frequency < $1.frequency }
    }

    func check(_ context: GraphContext) -> [ParameterProblem] {
        guard let nyquist = context.nyquistHz, let fmin, fmin > nyquist else { return [] }
        return [ParameterProblem("fmin", "is \(fmin) Hz, above Nyquist (\(nyquist) Hz): no bins are left",
                                 fix: "give fmin below \(nyquist) Hz")]
    }
}

extension SpectralStatisticCommand {
    static var details: String {
        "Precision: float64, from either precision's spectrum (a float32 graph's float32 pairs are read where they are)."
    }
    static var accepts: Set<SignalKind> { [.spectrum] }
    static var parameters: [ParameterSpec] { SpectralBand.parameters() }
    init(_ p: ParameterValues) throws { self.init(band: try SpectralBand(p)) }

    func check(_ context: GraphContext) -> [ParameterProblem] { band.check(context) }
    func outputKind(_ inputs: [SignalKind]) -> SignalKind { .perChannel }
    func outputAxes(_ inputs: [Axes]) -> Axes {
        var axes = inputs[0].replacingColumns(.labelled(.statistic, [Self.name], units: Self.statisticUnits))
        axes.units = Self.statisticUnits
        return axes
    }

    /// Reads a float32 graph's spectrum (float32 (re, im) pairs) where it is: no float64 copy of it first.
    var acceptsPackedSignals: Bool { true }

    func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let (rows, n) = (inputs[0].rows, inputs[0].columns)
        guard let axis = context.inputAxes.first?.columns, axis.dimension == .frequency,
              let frequencies = axis.values, frequencies.count == n else {
            throw CommandError(Self.name, "needs a spectrum along time with its frequency axis (put rfft, dft or fft before it)")
        }
        let bins = band.bins(frequencies)
        guard !bins.isEmpty else {
            throw CommandError(Self.name, "fmin/fmax leave no frequency bins of this spectrum")
        }
        let selected = bins.map(\.frequency), indices = bins.map(\.index)
        // |X|² of each row's selected bins in float64, from either layout where it is.
        let values: [Double]
        switch inputs[0] {
        case .singleComplex(let c):
            values = SpectralKernels.descriptor(descriptor, pairs: c.pairs, rows: rows, columns: n, bins: indices,
                                                frequencies: selected)
        case let other:
            let spectrum: ComplexArray2D
            if case .complex(let c) = other { spectrum = c } else { spectrum = other.fullComplex() }
            values = SpectralKernels.descriptor(descriptor, real: spectrum.real, imaginary: spectrum.imaginary,
                                                rows: rows, columns: n, bins: indices, frequencies: selected)
        }
        return .real(Array2D(rows: rows, columns: 1, values: values))
    }
}

struct SpectralCentroidCommand: SpectralStatisticCommand {
    static let name = "spectral_centroid"
    static let summary = "power-weighted mean frequency Σ f·P / Σ P per channel (DASCore's spectral_centroid)"
    static let statisticUnits = "Hz"
    let band: SpectralBand
    init(band: SpectralBand) { self.band = band }
    let descriptor = SpectralDescriptor.centroid
}

struct MedianFrequencyCommand: SpectralStatisticCommand {
    static let name = "median_frequency"
    static let summary = "first frequency where the cumulative power reaches half the total, per channel (DASCore's median_frequency)"
    static let statisticUnits = "Hz"
    let band: SpectralBand
    init(band: SpectralBand) { self.band = band }
    let descriptor = SpectralDescriptor.median
}

struct SpectralPeakFrequencyCommand: SpectralStatisticCommand {
    static let name = "spectral_peak_frequency"
    static let summary = "frequency of the largest power per channel, the lowest on ties (DASCore's spectral_peak_frequency)"
    static let statisticUnits = "Hz"
    let band: SpectralBand
    init(band: SpectralBand) { self.band = band }
    let descriptor = SpectralDescriptor.peak
}

struct SpectralFlatnessCommand: SpectralStatisticCommand {
    static let name = "spectral_flatness"
    static let summary = "geometric over arithmetic mean of the power per channel, in [0, 1] (DASCore's spectral_flatness)"
    static let statisticUnits = ""
    let band: SpectralBand
    init(band: SpectralBand) { self.band = band }
    /// Scaled by the peak power first, as DASCore, so the logarithms do not underflow for any power scale.
    let descriptor = SpectralDescriptor.flatness
}

struct SpectralEntropyCommand: SpectralStatisticCommand {
    static let name = "spectral_entropy"
    static let summary = "Shannon entropy (bits) of the normalised power per channel, by default over log2 of the bins (DASCore's spectral_entropy)"
    static var parameters: [ParameterSpec] { SpectralBand.parameters(normalize: true) }
    static let statisticUnits = ""
    let band: SpectralBand
    init(band: SpectralBand) { self.band = band }
    init(_ p: ParameterValues) throws { self.init(band: try SpectralBand(p, normalize: true)) }
    var descriptor: SpectralDescriptor { band.normalize ? .entropy : .entropyRaw }
}
