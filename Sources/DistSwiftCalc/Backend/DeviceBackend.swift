/// The heavy kernels of the hot commands on device-resident arrays (`DeviceArray`): what a backend with memory of
/// its own (a GPU) implements so that a graph, or the part between `to_gpu` and `from_gpu`, runs there without a
/// copy per command. Every kernel takes and gives both precisions; the results equal the CPU commands' to float
/// rounding (tests compare them). Kernels not listed here run on the CPU after an explicit, logged transfer
/// (docs/backends.md lists which commands have a device kernel).
///
/// Open for more: FIR/convolution, sliding-window statistics and 2-D f–k masks are the next kernels the catalogue
/// needs; a command gets a device path by conforming to `DeviceCommand` once its kernel is here.
public protocol DeviceBackend: Sendable {
    /// The device in words ("NVIDIA H200 (GPU 0), sm_90").
    var deviceDescription: String { get }

    /// Host values onto the device: `.real`/`.singleReal` keep their precision, as do the interleaved half
    /// spectra; other forms are refused (the caller keeps them on the host).
    func upload(_ signal: Signal) throws -> DeviceArray
    /// Device values back in their packed host form (`.singleReal`, `.real`, `.singleHalfSpectrum`,
    /// `.interleavedHalfSpectrum`).
    func download(_ array: DeviceArray) throws -> Signal

    /// numpy's `rfft(x, axis=1)` of real rows: the half spectrum, unnormalised.
    func realForwardFFT(_ rows: DeviceArray) throws -> DeviceArray
    /// numpy's `irfft(X, n=length, axis=1)` of a half spectrum: real rows, normalised by 1/length.
    func realInverseFFT(_ half: DeviceArray) throws -> DeviceArray
    /// Band energies per row, (1/n) Σ w_k |X_k|² over each band's bins (`FrequencyBand`), summed in double: rows ×
    /// bands in double precision; `rms` gives sqrt(energy / n) instead.
    func bandEnergies(_ half: DeviceArray, bands: [FrequencyBand], rate: Double, rms: Bool) throws -> DeviceArray
    /// scipy's `sosfiltfilt(sos, x, padtype=…, axis=1)` of every row (computed in double; stored in the input's
    /// precision).
    func zeroPhaseFilter(_ rows: DeviceArray, sections: SecondOrderSections, padType: PadType) throws -> DeviceArray
    /// `abs` or `real` element by element; a half spectrum gives its full two-sided shape (as `Signal.fullComplex`).
    func elementwise(_ array: DeviceArray, _ operation: ElementwiseOperation) throws -> DeviceArray
    /// A statistic of every row (along time): rows × 1 in double precision.
    func reduceRows(_ array: DeviceArray, _ statistic: RowStatistic) throws -> DeviceArray
    /// Columns `range` of real rows (a time halo trimmed off).
    func columns(_ array: DeviceArray, _ range: Range<Int>) throws -> DeviceArray
    /// Rows `range` (a channel halo trimmed off).
    func rows(_ array: DeviceArray, _ range: Range<Int>) throws -> DeviceArray
    /// Waits until every kernel queued so far has finished (for timing; downloads wait by themselves).
    func synchronize() throws
}

public enum ElementwiseOperation: String, Sendable { case abs, real }

public enum RowStatistic: String, Sendable {
    case sum, mean
    /// The population standard deviation (numpy's default ddof = 0).
    case standardDeviation
}

/// A device kernel refused its input (a layout it has no kernel for): the engine runs the command on the CPU.
public struct DeviceKernelUnavailable: Error, CustomStringConvertible, Sendable {
    public let kernel: String
    public let reason: String

    public init(_ kernel: String, _ reason: String) {
        self.kernel = kernel
        self.reason = reason
    }

    public var description: String { "no device kernel \(kernel) for \(reason)" }
}
