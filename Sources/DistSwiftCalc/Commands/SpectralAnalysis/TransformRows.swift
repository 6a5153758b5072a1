import DistSwiftIO
import DistSwiftNative

/// The real rows an FFT command transforms, in the precision it computes in: the float32 chunk as it is in a
/// float32 graph (FFTW's float library, as scipy.fft and numpy ≥ 2 transform float32 input), float64 otherwise —
/// a float32 chunk widened once, straight from the chunk (these commands declare a float32 kernel, so the engine
/// hands them the chunk as it was read).
enum TransformRows {
    case single(Array2D<Float>)
    case double(Array2D<Double>)

    /// The sentence the FFT commands' references end with.
    static let precisionNote = """
        Precision: float32 in a graph with "precision": "float32" (FFTW's float transforms, as numpy ≥ 2 and scipy.fft \
        on float32 data; within 1e-5 of DASCore's on float32 data), float64 otherwise.
        """

    static func of(_ signal: Signal, for command: String, context: ChunkContext) throws -> TransformRows {
        switch signal {
        case .singleReal(let a) where context.singlePrecision: return .single(a)
        case .singleReal(let a):
            return .double(Array2D(rows: a.rows, columns: a.columns, values: ElementwiseKernels.widened(a.values)))
        default: return .double(try signal.canonical().realValues(for: command))
        }
    }
}

/// The rows of a command that transforms a few rows at a time (`RowSpectrumKernels`): as `TransformRows`, but a
/// float32 chunk computed in float64 stays float32 (`widening`) — each block is widened as the kernel reads it, so
/// no float64 copy of the whole chunk is made.
enum TransformInput {
    case single(Array2D<Float>)
    case widening(Array2D<Float>)
    case double(Array2D<Double>)

    static func of(_ signal: Signal, for command: String, context: ChunkContext) throws -> TransformInput {
        switch signal {
        case .singleReal(let a) where context.singlePrecision: return .single(a)
        case .singleReal(let a): return .widening(a)
        default: return .double(try signal.canonical().realValues(for: command))
        }
    }
}

extension InterleavedComplexArray2D where Element: FFTWScalar {
    /// Every value times `factor`, in place (DASCore's dft scales by the sample spacing).
    mutating func scale(by factor: Element) { SpectralKernels.scale(&pairs, by: factor) }
}
