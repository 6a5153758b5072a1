import DistSwiftIO

/// A command whose output depends on its spectrum input only through band energies (`rms_from_fft`, `te_from_fft`,
/// `multiple_calcs`): the engine may compute those energies fused with the `fft` before it, without the spectrum
/// (`GraphPlan.spectrumBandFusions`). `execute` and the fused path share `output(fromEnergies:samples:)`, so the
/// two differ only in how the energies were summed.
public protocol SpectrumBandReader: Command {
    /// The bands whose energies the command reads, in its output's column order.
    var bandsRead: [FrequencyBand] { get }
    /// The command's output from its bands' energies (rows × bands, `FrequencyBand.energy`'s definition) of a
    /// spectrum of `samples` samples.
    func output(fromEnergies energy: Array2D<Double>, samples: Int) -> Signal
}

extension SpectrumBandReader {
    /// The generic path: the energies summed from a stored spectrum.
    func outputFromSpectrum(_ spectrum: Signal, context: ChunkContext) throws -> Signal {
        let energy = try FrequencyBand.energy(spectrum, bands: bandsRead, rate: context.samplingRateHz,
                                              command: Self.name)
        return output(fromEnergies: energy, samples: spectrum.columns)
    }
}

/// sqrt(energy / n) of each value: the RMS of a band-passed series of n samples from its energy.
func bandRMS(_ energy: Array2D<Double>, samples n: Int) -> Array2D<Double> {
    let count = Double(n)
    return Array2D(rows: energy.rows, columns: energy.columns, values: energy.values.map { ($0 / count).squareRoot() })
}

extension RMSFromFFTCommand: SpectrumBandReader {
    public var bandsRead: [FrequencyBand] { [band] }
    public func output(fromEnergies energy: Array2D<Double>, samples: Int) -> Signal {
        .real(bandRMS(energy, samples: samples))
    }
}

extension TEFromFFTCommand: SpectrumBandReader {
    public var bandsRead: [FrequencyBand] { [band] }
    public func output(fromEnergies energy: Array2D<Double>, samples: Int) -> Signal { .real(energy) }
}

extension MultipleCalcsCommand: SpectrumBandReader {
    public var bandsRead: [FrequencyBand] { bands }
    public func output(fromEnergies energy: Array2D<Double>, samples: Int) -> Signal {
        .real(rms ? bandRMS(energy, samples: samples) : energy)
    }
}
