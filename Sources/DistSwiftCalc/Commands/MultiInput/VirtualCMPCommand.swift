import DistSwiftIO
import DistSwiftNative

/// `virtual_cmp`: in · conj(flip(in, axis)) — along channels (axis 0) row i times the conjugate of row nx−1−i, a
/// virtual common-midpoint gather for interferometry (distpy's `extra_numpy.virtual_cmp`), meant for spectra.
public struct VirtualCMPCommand: Command {
    public static let name = "virtual_cmp"
    public static let summary = "in × conj(in reversed along axis): virtual common-midpoint products"
    public static let details = """
        Axis 0 pairs channels symmetric about the middle of the fibre (needs every channel); axis 1 pairs columns
        symmetric about the middle of the chunk (per chunk).
        """
    public static let parameters = [ParameterSpec("axis", .axis, default: .number(0), "0: channels; 1: columns")]
    public static let accepts = SignalKind.twoDimensional

    let axis: Int

    public init(_ p: ParameterValues) throws { axis = p.axis("axis") }

    public var channelContext: ChannelContext { axis == 0 ? .wholeFibre : .local }
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public var acceptsPackedSignals: Bool { true }  // reads FFTW's (re, im) pairs directly

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        if axis == 0 {
            // Pairing rows keeps each row's Hermitian symmetry along time: the stored bins are enough, read as
            // FFTW wrote them ((re, im) pairs) where they come straight from an fft.
            let half: (re: [Double], im: [Double])?, rows: Int, bins: Int, n: Int
            switch inputs[0] {
            case .halfSpectrum(let c, let length):
                let out = ElementwiseKernels.mirroredConjugateProducts(c.real, c.imaginary, rows: c.rows,
                                                                       columns: c.columns, acrossRows: true)
                (half, rows, bins, n) = ((out.re, out.im!), c.rows, c.columns, length)
            case .singleHalfSpectrum(let c, let length):
                (half, rows, bins, n) = (ElementwiseKernels.mirroredConjugateProducts(
                    pairs: c.pairs, rows: c.rows, columns: c.columns, acrossRows: true), c.rows, c.columns, length)
            case .interleavedHalfSpectrum(let c, let length):
                (half, rows, bins, n) = (ElementwiseKernels.mirroredConjugateProducts(
                    pairs: c.pairs, rows: c.rows, columns: c.columns, acrossRows: true), c.rows, c.columns, length)
            default:
                (half, rows, bins, n) = (nil, 0, 0, 0)
            }
            if let half {
                return .halfSpectrum(ComplexArray2D(rows: rows, columns: bins, real: half.re, imaginary: half.im),
                                     length: n)
            }
        }
        let p = inputs[0].canonical().parts
        let out = ElementwiseKernels.mirroredConjugateProducts(p.re, p.im, rows: p.rows, columns: p.columns,
                                                               acrossRows: axis == 0)
        return Signal.from(re: out.re, im: out.im, rows: p.rows, columns: p.columns)
    }
}
