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
    public static let accepts = Set(SignalKind.allCases)

    let axis: Int

    public init(_ p: ParameterValues) throws { axis = p.axis("axis") }

    public var channelContext: ChannelContext { axis == 0 ? .wholeFibre : .local }
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        if axis == 0, case .halfSpectrum(let half, let n) = inputs[0] {
            // Pairing rows keeps each row's Hermitian symmetry along time: the stored bins are enough.
            let out = ElementwiseKernels.mirroredConjugateProducts(half.real, half.imaginary, rows: half.rows,
                                                                   columns: half.columns, acrossRows: true)
            return .halfSpectrum(ComplexArray2D(rows: half.rows, columns: half.columns, real: out.re,
                                                imaginary: out.im!), length: n)
        }
        let p = inputs[0].parts
        let out = ElementwiseKernels.mirroredConjugateProducts(p.re, p.im, rows: p.rows, columns: p.columns,
                                                               acrossRows: axis == 0)
        return Signal.from(re: out.re, im: out.im, rows: p.rows, columns: p.columns)
    }
}
