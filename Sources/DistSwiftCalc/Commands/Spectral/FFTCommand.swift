import DistSwiftIO

/// `fft`: the unnormalised DFT along time (axis 1, numpy's `fft(x, axis=1)`) or along channels (axis 0).
/// Real data along time use the real-to-complex transform and keep the non-negative half of the spectrum; the rest
/// is rebuilt by symmetry only if a later command needs it.
public struct FFTCommand: Command {
    public static let name = "fft"
    public static let summary = "discrete Fourier transform along time (axis 1) or channels (axis 0), unnormalised"
    public static let details = """
        Output bin k of a chunk of n samples at rate fs is frequency k·fs/n (negative frequencies above n/2), as
        numpy.fft.fft. Along time, real input is transformed with FFTW's real-to-complex transform (half the work
        and memory of distpy's complex transform); band-energy commands and ifft read the half spectrum directly.
        """
    public static let parameters = [ParameterSpec("axis", .axis, default: .number(1),
                                                  "1: along time (per channel); 0: along channels (per sample)")]
    public static let accepts: Set<SignalKind> = [.timeSeries, .perSample, .spectrum]

    let axis: Int

    public init(_ p: ParameterValues) throws {
        axis = p.axis("axis")
    }

    public var channelContext: ChannelContext { axis == 1 ? .local : .wholeFibre }
    public var acceptsPackedSignals: Bool { true }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind {
        axis == 1 && inputs[0] != .spectrum ? .spectrum : .spectrum2D
    }

    /// Along time the columns become frequencies (the chunk's times are kept for ifft); along channels the rows
    /// become wavenumbers (cycles per metre, from the channel spacing).
    public func outputAxes(_ inputs: [Axes]) -> Axes {
        var axes = inputs[0]
        if axis == 1 {
            if axes.columns.dimension == .time { axes.timeBeforeTransform = axes.columns }
            axes.columns = .dft(.frequency, count: axes.columns.count, sampleRate: axes.samplingRateHz ?? 1, units: "Hz")
        } else {
            let spacing = abs(axes.rows.step ?? 1)
            axes.rows = .dft(.wavenumber, count: axes.rows.count, sampleRate: spacing > 0 ? 1 / spacing : 1, units: "1/m")
        }
        return axes
    }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let backend = context.backend
        switch (axis, inputs[0]) {
        case (1, .real(let a)):
            return .interleavedHalfSpectrum(backend.realForwardFFT(a), length: a.columns)
        case (1, .singleReal(let a)):
            return .singleHalfSpectrum(backend.realForwardFFT(a), length: a.columns)
        case (_, let packed) where packed.isPacked:
            return try execute([packed.canonical()], context: context)
        case (1, let other):
            return .complex(backend.complexFFT(other.fullComplex(), inverse: false))
        default:
            return .complex(backend.complexFFT(inputs[0].fullComplex(), inverse: false, alongColumns: true))
        }
    }
}

/// `ifft`: the inverse DFT (with 1/n, numpy's `ifft`). A half spectrum along time comes back as real samples through
/// the complex-to-real transform (distpy returns a complex array whose imaginary part is rounding noise; `real`
/// after it, as distpy graphs do, gives the same values).
public struct IFFTCommand: Command {
    public static let name = "ifft"
    public static let summary = "inverse discrete Fourier transform along time (axis 1) or channels (axis 0), with 1/n"
    public static let parameters = [ParameterSpec("axis", .axis, default: .number(1),
                                                  "1: along time; 0: along channels")]
    public static let accepts: Set<SignalKind> = [.spectrum, .spectrum2D]

    let axis: Int

    public init(_ p: ParameterValues) throws {
        axis = p.axis("axis")
    }

    public var channelContext: ChannelContext { axis == 1 ? .local : .wholeFibre }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind {
        axis == 0 ? .spectrum : (inputs[0] == .spectrum2D ? .spectrum2D : .timeSeries)
    }

    /// Back to the times the forward transform replaced (or a time axis at the spectrum's rate), or to channels.
    public func outputAxes(_ inputs: [Axes]) -> Axes {
        var axes = inputs[0]
        if axis == 1 {
            if let time = axes.timeBeforeTransform, time.count == axes.columns.count {
                axes.columns = time
            } else {
                axes.columns = .time(originNs: 0, rateHz: axes.samplingRateHz ?? 1, firstSample: 0,
                                     count: axes.columns.count)
            }
            axes.timeBeforeTransform = nil
        } else if axes.rows.dimension == .wavenumber {
            axes.rows = Axis(.distance, units: "m", grid: .labels((0..<axes.rows.count).map { "channel \($0)" }),
                             count: axes.rows.count)
        }
        return axes
    }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let backend = context.backend
        switch (axis, inputs[0]) {
        case (1, .halfSpectrum(let half, let length)):
            return .real(backend.realInverseFFT(half, length: length))
        case (1, let other):
            return .complex(backend.complexFFT(other.fullComplex(), inverse: true))
        default:
            return .complex(backend.complexFFT(inputs[0].fullComplex(), inverse: true, alongColumns: true))
        }
    }
}
