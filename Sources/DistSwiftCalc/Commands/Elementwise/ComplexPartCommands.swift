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
    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let p = inputs[0].parts
        let im = p.im ?? [Double](repeating: 0, count: p.re.count)
        return .real(Array2D(rows: p.rows, columns: p.columns, values: ElementwiseKernels.combined(im, p.re) { atan2($0 == 0 ? 0 : $0, $1) }))
    }
}

/// `conj`: the complex conjugate (real data pass through), numpy's `conj`.
public struct ConjCommand: UnaryElementwiseCommand {
    public static let name = "conj"
    public static let summary = "complex conjugate, element by element"
    public init() {}
    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        inputs[0].mappingComplex(realStaysReal: true) { ($0, -$1) }
    }
}
