import DistSwiftIO

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
        let p = inputs[0].parts
        let im0 = p.im ?? [Double](repeating: 0, count: p.re.count)
        var re = p.re, im = im0
        for r in 0..<p.rows {
            for c in 0..<p.columns {
                let i = r * p.columns + c
                let j = axis == 0 ? (p.rows - 1 - r) * p.columns + c : r * p.columns + (p.columns - 1 - c)
                re[i] = p.re[i] * p.re[j] + im0[i] * im0[j]
                im[i] = im0[i] * p.re[j] - p.re[i] * im0[j]
            }
        }
        return Signal.from(re: re, im: p.im == nil ? nil : im, rows: p.rows, columns: p.columns)
    }
}
