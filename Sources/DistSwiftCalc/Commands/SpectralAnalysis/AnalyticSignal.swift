import DistSwiftIO
import DistSwiftNative

/// scipy.signal.hilbert along time (what DASCore's `hilbert` and `envelope` call): the analytic signal x + i·H(x).
/// scipy zeroes the negative frequencies, doubles the positive ones and transforms back with a complex inverse DFT;
/// the real part of that is x itself and the imaginary part is the real inverse DFT of −i·X(f) over the positive
/// frequencies between DC and Nyquist (both left out) — computed so, with a real inverse transform of half the size,
/// a few rows at a time in cache (`RowSpectrumKernels`).
enum AnalyticSignal {
    static func of(_ a: Array2D<Double>, backend: any ComputeBackend) -> ComplexArray2D {
        guard a.columns > 0 else { return ComplexArray2D(rows: a.rows, columns: 0, real: [], imaginary: []) }
        let h = RowSpectrumKernels.hilbert(a.values, rows: a.rows, length: a.columns, plans: backend.rowPlans)
        return ComplexArray2D(rows: a.rows, columns: a.columns, real: a.values, imaginary: h)
    }
}

/// The shared definition of `hilbert` and `envelope`: DASCore's `dim` keyword, and an optional halo that turns the
/// per-chunk transform (DASCore's on a patch) into one over the chunk and its neighbours.
struct AnalyticSignalSettings: Sendable {
    static let parameters = [
        DimensionKeyword.timeOnlyNamedParameter(),
        ParameterSpec("halo", .number, default: .number(0), unit: "s",
                      "0: the transform of the chunk alone (DASCore's on a patch); > 0: of the chunk with this much of its neighbours on each side, so chunk edges fade (the Hilbert kernel decays as 1/t)"),
    ]

    let halo: Double

    init(_ p: ParameterValues) throws {
        halo = p.number("halo")
        guard halo >= 0 else {
            throw ParameterProblem("halo", "is \(halo) but must be 0 or more seconds", fix: "give 0 for the chunk alone")
        }
    }

    func timeContext(_ input: Axes) -> TimeContext {
        guard halo > 0 else { return .perChunk }
        return .window(.symmetric(Int((halo * RollingWindow.rate(input)).rounded(.up))))
    }

    static let details = """
        Defined on what it receives: with halo 0 (the default) the chunk, as DASCore's on a patch — the transform
        is circular, so values near a chunk's ends differ from those of a longer record; with halo h > 0 the chunk
        and h seconds of its neighbours, trimmed back to the chunk, which makes chunked results approach one long
        record's as h grows (the Hilbert kernel decays as 1/t; 0.25 s keeps 1-s chunks within 1e-2 of the peak
        of one long record in the test).
        """ + "\n" + TransformRows.precisionNote
}

/// What `hilbert` and `envelope` share: DASCore's dim keyword, the optional halo, time series in and out.
protocol HilbertTransformCommand: Command {
    var settings: AnalyticSignalSettings { get }
    init(settings: AnalyticSignalSettings)
}

extension HilbertTransformCommand {
    static var parameters: [ParameterSpec] { AnalyticSignalSettings.parameters }
    static var accepts: Set<SignalKind> { [.timeSeries] }
    init(_ p: ParameterValues) throws { self.init(settings: try AnalyticSignalSettings(p)) }
    func timeContext(_ input: Axes) -> TimeContext { settings.timeContext(input) }
    func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    /// Computes in float32 in a float32 graph (FFTW's float transforms), in float64 otherwise.
    var hasFloat32Kernel: Bool { true }
}

/// `hilbert`: DASCore's `patch.hilbert(dim="time")`, the analytic signal (complex).
struct HilbertCommand: HilbertTransformCommand {
    static let name = "hilbert"
    static let summary = "analytic signal x + i·H(x) along time (DASCore's hilbert, scipy.signal.hilbert); complex"
    static let details = "Complex output with the input's axes and units; take real, angle or abs after it. "
        + AnalyticSignalSettings.details
    let settings: AnalyticSignalSettings

    func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let (rows, n, plans) = (inputs[0].rows, inputs[0].columns, context.backend.rowPlans)
        switch try TransformInput.of(inputs[0], for: Self.name, context: context) {
        case .single(let x):
            // x and H(x) written side by side as they are computed: no separate H(x) array to interleave.
            return .singleComplex(InterleavedComplexArray2D(
                rows: rows, columns: n,
                pairs: RowSpectrumKernels.analyticPairs(x.values, rows: rows, length: n, plans: plans)))
        case .widening(let x):
            let h = RowSpectrumKernels.hilbertWidened(x.values, rows: rows, length: n, plans: plans)
            return .complex(ComplexArray2D(rows: rows, columns: n, real: ElementwiseKernels.widened(x.values),
                                           imaginary: h))
        case .double(let x):
            let h = RowSpectrumKernels.hilbert(x.values, rows: rows, length: n, plans: plans)
            return .complex(ComplexArray2D(rows: rows, columns: n, real: x.values, imaginary: h))
        }
    }
}

/// `envelope`: DASCore's `patch.envelope(dim="time")`, |analytic signal|.
struct EnvelopeCommand: HilbertTransformCommand {
    static let name = "envelope"
    static let summary = "instantaneous amplitude |x + i·H(x)| along time (DASCore's envelope)"
    static let details = "Real, non-negative, with the input's axes and units. " + AnalyticSignalSettings.details
    let settings: AnalyticSignalSettings

    /// √(x² + H(x)²) in the precision computed in (numpy's abs of scipy's complex64 analytic signal for float32),
    /// each block's magnitude taken while its transform is in cache.
    func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let (rows, n, plans) = (inputs[0].rows, inputs[0].columns, context.backend.rowPlans)
        switch try TransformInput.of(inputs[0], for: Self.name, context: context) {
        case .single(let x):
            return .singleReal(Array2D(rows: rows, columns: n,
                                       values: RowSpectrumKernels.envelope(x.values, rows: rows, length: n,
                                                                           plans: plans)))
        case .widening(let x):
            return .real(Array2D(rows: rows, columns: n,
                                 values: RowSpectrumKernels.envelopeWidened(x.values, rows: rows, length: n,
                                                                            plans: plans)))
        case .double(let x):
            return .real(Array2D(rows: rows, columns: n,
                                 values: RowSpectrumKernels.envelope(x.values, rows: rows, length: n, plans: plans)))
        }
    }
}
