import DistSwiftIO
import DistSwiftNative

/// `velocity_map`: the apparent phase velocity |f| / |k| (m/s) of every pixel of an f–k spectrum (fft along time
/// and along channels). distpy builds the grids with `linspace` (approximate bin frequencies; odd nx crashes) and
/// adds 1e-7 to |k| (bug #22); here they are numpy's exact `fftfreq` grids from the data's rate and channel
/// spacing, and the k = 0 row is +∞ (0 at f = 0 too).
public struct VelocityMapCommand: Command {
    public static let name = "velocity_map"
    public static let summary = "apparent velocity |f|/|k| (m/s) of each pixel of an f–k spectrum"
    public static let details = """
        Only the spectrum's shape and axes are used (the values are not). f from the column axis (Hz), k from the
        row axis (cycles/m), both numpy.fft.fftfreq. k = 0 gives +∞ (a wave constant along the fibre), f = k = 0
        gives 0. Feed it to velocity_mask.
        """
    public static let parameters: [ParameterSpec] = []
    public static let accepts: Set<SignalKind> = [.spectrum2D]

    public init(_ p: ParameterValues) throws {}

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { .spectrum2D }
    public func outputAxes(_ inputs: [Axes]) -> Axes { inputs[0].withUnits("m/s") }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let rows = inputs[0].rows, columns = inputs[0].columns
        let (f, k) = FK2D.grids(rows: rows, columns: columns, context: context)
        // One fresh buffer written once, row by row. |f| × (1 / |k|): one reciprocal per row and a multiplication
        // per value (a division per value, two at a time on the x86-64 baseline, was 0.4–0.6× numpy); within an ulp
        // or so of numpy's |f| / |k|. Where k = 0 the reciprocal is +∞ and |f| × ∞ is +∞ (IEEE); only 0 × ∞ (NaN, at
        // f = k = 0) needs fixing, to 0. A select after the product vectorises; a branch on k around it did not.
        let values = ElementwiseKernels.outer(rows: k.map { 1 / abs($0) }, columns: f.map(abs)) { inverseK, fr in
            let velocity = fr * inverseK
            return velocity.isNaN ? 0 : velocity
        }
        return .real(Array2D(rows: rows, columns: columns, values: values))
    }
}
