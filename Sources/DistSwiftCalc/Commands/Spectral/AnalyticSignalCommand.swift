import DistSwiftIO
import DistSwiftNative
import Foundation

/// `analytic_signal`: a narrow-band (matched) filter applied in the Fourier domain, distpy's
/// `agnostic_analytic_signal`. Along `axis` (length L) a complex wavelet A is built — A[j] = exp(2πi·freq·n_j)·
/// hanning(w)[j] with n_j = (j − w/2)/fs for j < w, zeros after, rolled by −round(w/2) — and the input (already
/// FFT'd along that axis) is multiplied by fft(A). fs is the sampling rate of that axis: the data's rate along
/// time, 1/channel spacing along channels. distpy swapped them (time used the channel spacing; bug #16).
public struct AnalyticSignalCommand: Command {
    public static let name = "analytic_signal"
    public static let summary = "multiply a spectrum by the FFT of a Hann-windowed complex wavelet at freq"
    public static let details = """
        Input: fft along `axis` (a spectrum); output: the filtered spectrum (ifft and abs give the envelope of the
        band around freq). freq in Hz along time, cycles/m along channels; fs from the data (bug #16 fixed).
        round(w/2) rounds halves to even, as Python.
        """
    public static let parameters = [
        ParameterSpec("freq", .number, default: .number(200), unit: "Hz (or 1/m along channels)", "centre frequency"),
        ParameterSpec("window_length", .integer, default: .number(64), unit: "samples", "Hann window length w"),
        ParameterSpec("axis", .axis, default: .number(1), "1: along time; 0: along channels"),
    ]
    public static let accepts: Set<SignalKind> = [.spectrum, .spectrum2D]

    let frequency: Double
    let window: Int
    let axis: Int

    public init(_ p: ParameterValues) throws {
        frequency = p.number("freq")
        window = try p.windowLength("window_length", minimum: 2)
        axis = p.axis("axis")
    }

    public var channelContext: ChannelContext { axis == 0 ? .wholeFibre : .local }
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public var acceptsPackedSignals: Bool { true }  // reads FFTW's (re, im) pairs directly

    public func check(_ context: GraphContext) -> [ParameterProblem] {
        guard axis == 1, let count = context.samplesPerChunk, window > count else { return [] }
        return [ParameterProblem("window_length", "is \(window) but a chunk has only \(count) samples")]
    }

    /// fft(A) for a line of `length` at sampling rate `fs`.
    func wavelet(length: Int, fs: Double, backend: any ComputeBackend) -> ComplexArray2D {
        var re = [Double](repeating: 0, count: length), im = re
        let w = min(window, length)
        for j in 0..<w {
            let n = (Double(j) - Double(window) / 2) / fs
            let hann = 0.5 - 0.5 * cos(2 * Double.pi * Double(j) / Double(window - 1))
            re[j] = cos(2 * .pi * frequency * n) * hann
            im[j] = sin(2 * .pi * frequency * n) * hann
        }
        let shift = Int((Double(window) / 2).rounded(.toNearestOrEven))
        let rolled = (0..<length).map { ((($0 + shift) % length) + length) % length }
        return backend.complexFFT(ComplexArray2D(rows: 1, columns: length, real: rolled.map { re[$0] },
                                                 imaginary: rolled.map { im[$0] }), inverse: false)
    }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let positions = context.channelPositions
        let spacing = positions.count > 1 ? abs(positions[1] - positions[0]) : 1
        if axis == 1 {
            // The product needs the negative frequencies too, but read from the stored half (as FFTW wrote it,
            // (re, im) pairs), not rebuilt first.
            let wave = { (n: Int) in self.wavelet(length: n, fs: context.samplingRateHz, backend: context.backend) }
            let out: (re: [Double], im: [Double])?, rows: Int, n: Int
            switch inputs[0] {
            case .halfSpectrum(let half, let length):
                let e = wave(length)
                (out, rows, n) = (ElementwiseKernels.halfSpectrumTimesLine(half.real, half.imaginary, rows: half.rows,
                                                                          length: length, e.real, e.imaginary),
                                  half.rows, length)
            case .singleHalfSpectrum(let half, let length):
                let e = wave(length)
                (out, rows, n) = (ElementwiseKernels.halfSpectrumTimesLine(pairs: half.pairs, rows: half.rows,
                                                                          length: length, e.real, e.imaginary),
                                  half.rows, length)
            case .interleavedHalfSpectrum(let half, let length):
                let e = wave(length)
                (out, rows, n) = (ElementwiseKernels.halfSpectrumTimesLine(pairs: half.pairs, rows: half.rows,
                                                                          length: length, e.real, e.imaginary),
                                  half.rows, length)
            default:
                (out, rows, n) = (nil, 0, 0)
            }
            if let out { return .complex(ComplexArray2D(rows: rows, columns: n, real: out.re, imaginary: out.im)) }
        }
        let x = inputs[0].fullComplex()
        let length = axis == 1 ? x.columns : x.rows
        let e = wavelet(length: length, fs: axis == 1 ? context.samplingRateHz : 1 / spacing, backend: context.backend)
        let line = Signal.complex(e)
        let scale = axis == 1 ? line : Signal.complex(e.transposed())
        return try Broadcast.combine(.complex(x), scale, command: Self.name) { ($0 * $2 - $1 * $3, $0 * $3 + $1 * $2) }
    }
}
