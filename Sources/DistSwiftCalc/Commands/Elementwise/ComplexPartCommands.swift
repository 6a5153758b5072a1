import DistSwiftIO
import DistSwiftNative
import Foundation

/// `angle`: the phase atan2(im, re) in radians (0 or π for real data), numpy's `angle`. A zero imaginary part
/// counts as +0, so a negative real value has phase π whichever sign of zero a transform left there (numpy gives −π
/// for −0, and FFT libraries differ in the zeros they produce).
public struct AngleCommand: UnaryElementwiseCommand {
    public static let name = "angle"
    public static let summary = "phase of complex values in radians (numpy.angle), element by element"
    public init() {}
    public func outputAxes(_ inputs: [Axes]) -> Axes { inputs[0].withUnits("rad") }
    public var acceptsPackedSignals: Bool { true }  // reads FFTW's (re, im) pairs directly
    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        // A half spectrum: the bins above n/2 are the conjugates of stored ones, so one atan2 per stored bin.
        switch inputs[0] {
        case .halfSpectrum(let half, let n):
            return .real(Array2D(rows: half.rows, columns: n, values: ElementwiseKernels.halfSpectrumPhase(
                half.real, half.imaginary, rows: half.rows, length: n)))
        case .singleHalfSpectrum(let half, let n):
            return .real(Array2D(rows: half.rows, columns: n, values: ElementwiseKernels.halfSpectrumPhase(
                pairs: half.pairs, rows: half.rows, length: n)))
        case .interleavedHalfSpectrum(let half, let n):
            return .real(Array2D(rows: half.rows, columns: n, values: ElementwiseKernels.halfSpectrumPhase(
                pairs: half.pairs, rows: half.rows, length: n)))
        default:
            break
        }
        let p = inputs[0].canonical().parts
        let im = p.im ?? [Double](repeating: 0, count: p.re.count)
        return .real(Array2D(rows: p.rows, columns: p.columns, values: ElementwiseKernels.combined(im, p.re) { atan2($0 == 0 ? 0 : $0, $1) }))
    }
}

/// `conj`: the complex conjugate (real data pass through), numpy's `conj`.
public struct ConjCommand: UnaryElementwiseCommand {
    public static let name = "conj"
    public static let summary = "complex conjugate, element by element"
    public init() {}
    public var acceptsPackedSignals: Bool { true }  // conjugates FFTW's (re, im) pairs where they are
    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        switch inputs[0] {
        case .real, .singleReal:
            return inputs[0]
        case .singleHalfSpectrum(let half, let n):
            return .singleHalfSpectrum(InterleavedComplexArray2D(rows: half.rows, columns: half.columns,
                                                                 pairs: ElementwiseKernels.conjugatedPairs(half.pairs)),
                                       length: n)
        case .interleavedHalfSpectrum(let half, let n):
            return .interleavedHalfSpectrum(InterleavedComplexArray2D(rows: half.rows, columns: half.columns,
                                                                      pairs: ElementwiseKernels.conjugatedPairs(half.pairs)),
                                            length: n)
        case .halfSpectrum(let half, let n):
            // The conjugate of a Hermitian spectrum is Hermitian: its stored half is the conjugate of the stored half.
            return .halfSpectrum(ComplexArray2D(rows: half.rows, columns: half.columns, real: half.real,
                                                imaginary: ElementwiseKernels.mapped(half.imaginary) { -$0 }),
                                 length: n)
        default:
            return inputs[0].mappingComplex(realStaysReal: true) { ($0, -$1) }
        }
    }
}
