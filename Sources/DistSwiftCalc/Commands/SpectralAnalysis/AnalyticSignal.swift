import DistSwiftIO
import DistSwiftNative

/// scipy.signal.hilbert along time (what DASCore's `hilbert` and `envelope` call): the analytic signal x + i·H(x).
/// scipy zeroes the negative frequencies, doubles the positive ones and transforms back with a complex inverse DFT;
/// the real part of that is x itself and the imaginary part is the real inverse DFT of −i·X(f) over the positive
/// frequencies between DC and Nyquist (both left out) — computed so, with a real inverse transform of half the size.
enum AnalyticSignal {
    static func of(_ a: Array2D<Double>, backend: any ComputeBackend) -> ComplexArray2D {
        guard a.columns > 0 else { return ComplexArray2D(rows: a.rows, columns: 0, real: [], imaginary: []) }
        let h = hilbert(half: backend.realForwardFFT(a), length: a.columns, backend: backend)
        return ComplexArray2D(rows: a.rows, columns: a.columns, real: a.values, imaginary: h.values)
    }

    /// H(x), the imaginary part of scipy's analytic signal, from x's half spectrum X (taken over, and rotated where
    /// it is): −i·X on the bins between DC and Nyquist, 0 on both, back through the real inverse transform, in the
    /// spectrum's precision. No split, interleave or scale pass of its own (the inverse scales as it writes).
    static func hilbert<S: FFTWScalar>(half spectrum: consuming InterleavedComplexArray2D<S>, length n: Int,
                                       backend: any ComputeBackend) -> Array2D<S> {
        var half = consume spectrum
        let bins = half.columns, rows = half.rows
        half.pairs.withUnsafeMutableBufferPointer { x in
            for r in 0..<rows {
                let row = 2 * r * bins
                x[row] = 0
                x[row + 1] = 0
                for k in 1..<max(bins, 1) {
                    // −i · (u + iv) = v − iu
                    let u = x[row + 2 * k]
                    x[row + 2 * k] = x[row + 2 * k + 1]
                    x[row + 2 * k + 1] = -u
                }
                if n % 2 == 0 {
                    x[row + 2 * (bins - 1)] = 0
                    x[row + 2 * (bins - 1) + 1] = 0
                }
            }
        }
        return backend.realInverseFFT(pairs: consume half, length: n)
    }

    /// x and H(x) of the rows, in the precision the command computes in (`TransformRows`).
    enum Parts {
        case single(x: Array2D<Float>, h: Array2D<Float>)
        case double(x: Array2D<Double>, h: Array2D<Double>)
    }

    static func parts(_ rows: TransformRows, backend: any ComputeBackend) -> Parts {
        switch rows {
        case .single(let x) where x.columns > 0:
            return .single(x: x, h: hilbert(half: backend.realForwardFFT(x), length: x.columns, backend: backend))
        case .single(let x): return .single(x: x, h: x)
        case .double(let x) where x.columns > 0:
            return .double(x: x, h: hilbert(half: backend.realForwardFFT(x), length: x.columns, backend: backend))
        case .double(let x): return .double(x: x, h: x)
        }
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
        switch AnalyticSignal.parts(try TransformRows.of(inputs[0], for: Self.name, context: context),
                                    backend: context.backend) {
        case .single(let x, let h):
            let count = x.values.count
            let pairs: [Float] = FreshBuffer.array(2 * count) { out in
                for i in 0..<count {
                    out[2 * i] = x.values[i]
                    out[2 * i + 1] = h.values[i]
                }
            }
            return .singleComplex(InterleavedComplexArray2D(rows: x.rows, columns: x.columns, pairs: pairs))
        case .double(let x, let h):
            return .complex(ComplexArray2D(rows: x.rows, columns: x.columns, real: x.values, imaginary: h.values))
        }
    }
}

/// `envelope`: DASCore's `patch.envelope(dim="time")`, |analytic signal|.
struct EnvelopeCommand: HilbertTransformCommand {
    static let name = "envelope"
    static let summary = "instantaneous amplitude |x + i·H(x)| along time (DASCore's envelope)"
    static let details = "Real, non-negative, with the input's axes and units. " + AnalyticSignalSettings.details
    let settings: AnalyticSignalSettings

    func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        switch AnalyticSignal.parts(try TransformRows.of(inputs[0], for: Self.name, context: context),
                                    backend: context.backend) {
        case .single(let x, let h): return .singleReal(Self.magnitude(x, h))
        case .double(let x, let h): return .real(Self.magnitude(x, h))
        }
    }

    /// √(x² + H(x)²) in the parts' precision (numpy's abs of scipy's complex64 analytic signal for float32).
    static func magnitude<S: FFTWScalar>(_ x: Array2D<S>, _ h: Array2D<S>) -> Array2D<S> {
        let count = x.values.count
        return Array2D(rows: x.rows, columns: x.columns, values: FreshBuffer.array(count) { out in
            x.values.withUnsafeBufferPointer { x in
                h.values.withUnsafeBufferPointer { h in
                    for i in 0..<count { out[i] = (x[i] * x[i] + h[i] * h[i]).squareRoot() }
                }
            }
        })
    }
}
