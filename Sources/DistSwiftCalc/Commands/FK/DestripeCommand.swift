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
        // The weight depends on f² and k² only, so it is Hermitian like the spectrum of the real chunk: numpy's
        // real(ifft2(fft2(x)·R)) is computed on the half spectrum along time (numpy's rfft2/irfft2), half the work
        // of the full complex transforms, and the transform along channels runs down the columns in place.
        let backend = context.backend
        var spectrum = backend.complexFFT(backend.realForwardFFT(x).split(), inverse: false, alongColumns: true)
        let bins = spectrum.columns
        let f = FK2D.frequencies(columns, spacing: 1), k = FK2D.frequencies(rows, spacing: 1)
        for r in 0..<rows {
            for c in 0..<bins {
                // axis 0: f along time (columns), k along channels (rows); axis 1: the other way round.
                let (ff, kk) = axis == 0 ? (f[c], k[r]) : (k[r], f[c])
                let weight = max(kk * kk / (ff * ff + kk * kk + 1e-6), 1e-6)
                spectrum.real[r * bins + c] *= weight
                spectrum.imaginary[r * bins + c] *= weight
            }
        }
        let back = backend.complexFFT(spectrum, inverse: true, alongColumns: true)
        return .real(backend.realInverseFFT(back, length: columns))
    }

}
