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
        // One fresh buffer written once, row by row. |f| / |k| is +∞ where k = 0 and f ≠ 0 already (IEEE); only
        // 0 / 0 (NaN) needs fixing, to 0. A select after the division vectorises; a branch on k around it did not
        // (a zero-filled array filled element by element with bounds checks took twice numpy's time).
        let values = ElementwiseKernels.outer(rows: k.map(abs), columns: f.map(abs)) { kr, fr in
            let velocity = fr / kr
            return velocity.isNaN ? 0 : velocity
        }
        return .real(Array2D(rows: rows, columns: columns, values: values))
    }
}
