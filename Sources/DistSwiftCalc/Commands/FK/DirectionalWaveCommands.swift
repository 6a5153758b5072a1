import DistSwiftIO
import DistSwiftNative

/// `up_wave` / `down_wave`: keep the waves travelling one way along the fibre. The input is an f–k spectrum (numpy
/// `fft2` order: rows k, columns f); two opposite quadrants are scaled by 1e-6·(1−1e-6) (distpy's factor, −120 dB)
/// and the 2-D inverse transform returns a complex time series. With numpy's sign convention a wave moving towards
/// larger positions (down the well) lies where f and k have opposite signs, so `up_wave` suppresses rows
/// [m/2:) × columns [0, n/2) and rows [0, m/2) × columns [n/2, n) — as distpy does — and `down_wave` the
/// complementary quadrants. distpy's `down_wave` suppressed the same quadrants as `up_wave` (bug #17).
struct QuadrantSuppression: Sendable {
    /// True to suppress the quadrants where f and k have opposite signs (down-going energy).
    let oppositeSigns: Bool

    static let factor = 1e-6 * (1 - 1e-6)

    func apply(_ input: Signal, context: ChunkContext) -> Signal {
        if context.singlePrecision { return applySingle(input.fullComplex()) }
        var spectrum = input.fullComplex()  // the first write copies it when another command reads it
        return apply(&spectrum, context: context)
    }

    /// The columns suppressed in row r of an m × n spectrum: rows [m/2:) with columns [:n/2), and rows [:m/2) with
    /// columns [n/2:) have f and k of opposite sign. (lowK ≠ lowF) = oppositeSigns ⇔ lowF = (lowK ≠ oppositeSigns):
    /// a whole column range per row.
    func suppressed(row r: Int, rows m: Int, columns n: Int) -> Range<Int> {
        (r < m / 2) != oppositeSigns ? 0..<(n / 2) : (n / 2)..<n
    }

    /// The quadrants scaled in `spectrum`'s own arrays (no copy when the caller holds them alone), then the
    /// inverse 2-D transform.
    func apply(_ spectrum: inout ComplexArray2D, context: ChunkContext) -> Signal {
        if context.singlePrecision { return applySingle(spectrum) }
        let m = spectrum.rows, n = spectrum.columns
        for r in 0..<m {
            for c in suppressed(row: r, rows: m, columns: n) {
                spectrum.real[r * n + c] *= Self.factor
                spectrum.imaginary[r * n + c] *= Self.factor
            }
        }
        return .complex(FK2D.transform(spectrum, inverse: true, backend: context.backend))
    }

    /// A float32 graph: the quadrants scaled while the spectrum is narrowed to complex64, and the inverse 2-D
    /// transform in single precision (numpy's `ifft2` of a complex64 spectrum), complex64 out.
    func applySingle(_ spectrum: ComplexArray2D) -> Signal {
        let m = spectrum.rows, n = spectrum.columns
        guard m * n > 0 else { return .singleComplex(InterleavedComplexArray2D(rows: m, columns: n, pairs: [])) }
        return .singleComplex(InterleavedComplexArray2D(rows: m, columns: n, pairs: SingleComplexFFT2D.inverse(
            real: spectrum.real, imaginary: spectrum.imaginary, rows: m, columns: n,
            scaled: { suppressed(row: $0, rows: m, columns: n) }, factor: Self.factor)))
    }

    static let details = """
        Input: fft along time then along channels (a 2-D spectrum). Output: the complex time series (ifft2); take
        real after it. Quadrants use numpy's fft2 order and m//2, n//2 as distpy. Needs the whole chunk and fibre.
        """
}

/// `up_wave` or `down_wave`: one `QuadrantSuppression`.
public protocol QuadrantWaveCommand: Command {
    /// True to suppress the quadrants where f and k have opposite signs.
    static var suppressesOppositeSigns: Bool { get }
    init()
}

extension QuadrantWaveCommand {
    public static var details: String { QuadrantSuppression.details }
    public static var parameters: [ParameterSpec] { [] }
    public static var accepts: Set<SignalKind> { [.spectrum2D] }
    public init(_ p: ParameterValues) throws { self.init() }
    public var channelContext: ChannelContext { .wholeFibre }
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { .timeSeries }
    public func outputAxes(_ inputs: [Axes]) -> Axes { (try? FK2D.timeAxes(inputs[0])) ?? inputs[0] }
    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        QuadrantSuppression(oppositeSigns: Self.suppressesOppositeSigns).apply(inputs[0], context: context)
    }
    /// The quadrants are scaled in the spectrum's own arrays when the engine hands them over: before, the first
    /// write copied the 160 MB spectrum of a 1000 × 10,000 chunk (its reader still held it).
    public var worksInPlace: Bool { true }
    /// In a float32 graph the inverse transform is single precision and the result complex64 (`applySingle`).
    public var hasFloat32Kernel: Bool { true }
    public func execute(owning inputs: inout [Signal], context: ChunkContext) throws -> Signal {
        guard var spectrum = inputs[0].takeComplex() else { return try execute(inputs, context: context) }
        return QuadrantSuppression(oppositeSigns: Self.suppressesOppositeSigns).apply(&spectrum, context: context)
    }
}

public struct UpWaveCommand: QuadrantWaveCommand {
    public static let name = "up_wave"
    public static let summary = "keep waves moving towards smaller positions (f–k quadrant filter), back to time"
    public static let suppressesOppositeSigns = true
    public init() {}
}

public struct DownWaveCommand: QuadrantWaveCommand {
    public static let name = "down_wave"
    public static let summary = "keep waves moving towards larger positions (f–k quadrant filter), back to time"
    public static let suppressesOppositeSigns = false
    public init() {}
}
