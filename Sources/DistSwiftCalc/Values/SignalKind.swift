/// What a signal means, as far as graph validation can tell before anything runs: a command declares which kinds it
/// takes and which it returns, so "rms_from_fft fed a time series" is caught when the graph is checked.
public enum SignalKind: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Channels × time samples (the chunk, filtered data, an inverse FFT).
    case timeSeries = "time series"
    /// Channels × frequency bins: an FFT along time.
    case spectrum = "spectrum along time"
    /// An FFT along time and along channels (f–k).
    case spectrum2D = "2-D spectrum"
    /// Channels × a few values per channel (band energies, statistics along time).
    case perChannel = "per-channel values"
    /// One row of values along time (a reduction over channels).
    case perSample = "per-sample values"
    /// Channels × frequency × window time, a 3-D array (`stft`, `spectrogram`; `Axes.third`).
    case timeFrequency = "frequency × time (3-D)"

    /// Every kind but the 3-D one: what commands that work on rows × columns accept.
    public static let twoDimensional = Set(allCases).subtracting([.timeFrequency])

    public var description: String { rawValue }
}
