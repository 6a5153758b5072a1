import DistSwiftIO

/// `destripe`: removes features constant along the fibre (vertical stripes, "phase skips"): the 2-D spectrum is
/// weighted by R = k²/(f² + k² + 1e-6) (floored at 1e-6), f and k in cycles per sample, and transformed back
/// (real part). distpy approximates the grids with mirrored `linspace` (odd sizes leave a bin at 0; bug #22); here
/// they are numpy's exact `fftfreq`. With axis 1 the roles of the axes swap (stripes constant along time).
public struct DestripeCommand: Command {
    public static let name = "destripe"
    public static let summary = "suppress energy at wavenumber ≈ 0 (stripes along the fibre) with an f–k weight"
    public static let details = """
        Defined on the chunk as a whole (2-D FFT of the chunk and of every channel): per chunk, whole fibre.
        R = k²/(f²+k²+1e-6), R < 1e-6 → 1e-6, f and k = numpy.fft.fftfreq (cycles/sample).
        """
    public static let parameters = [
        ParameterSpec("axis", .axis, default: .number(0), "0: stripes constant along channels; 1: along time"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let axis: Int

    public init(_ p: ParameterValues) throws { axis = p.axis("axis") }

    public var channelContext: ChannelContext { .wholeFibre }
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { .timeSeries }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let x = try inputs[0].realValues(for: Self.name)
        let rows = x.rows, columns = x.columns
        var spectrum = FK2D.transform(Signal.real(x).fullComplex(), inverse: false, backend: context.backend)
        let f = FK2D.frequencies(columns, spacing: 1), k = FK2D.frequencies(rows, spacing: 1)
        for r in 0..<rows {
            for c in 0..<columns {
                // axis 0: f along time (columns), k along channels (rows); axis 1: the other way round.
                let (ff, kk) = axis == 0 ? (f[c], k[r]) : (k[r], f[c])
                let weight = max(kk * kk / (ff * ff + kk * kk + 1e-6), 1e-6)
                spectrum.real[r * columns + c] *= weight
                spectrum.imaginary[r * columns + c] *= weight
            }
        }
        let back = FK2D.transform(spectrum, inverse: true, backend: context.backend)
        return .real(Array2D(rows: rows, columns: columns, values: back.real))
    }
}
