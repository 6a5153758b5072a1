import DistSwiftIO
import DistSwiftNative

/// The float32 kernel of a real element-wise command (`abs`, `soft_threshold`, `hard_threshold`, `rescale`): in a
/// float32 graph f's results rounded to float32 — written over the input's own float32 buffer when the engine hands
/// it over (`Command.worksInPlace`), so a fresh process faults in no new chunk-sized output and a float32 chunk is
/// not written back as a float64 one twice its size. Otherwise (a float64 graph, or values another command still
/// reads) `mappingReal`'s float64 result, or its float32 rounding in a float32 graph: the same values either way.
enum Float32ElementwiseMap {
    /// `Command.execute(owning:)` of such a command.
    static func execute(owning inputs: inout [Signal], context: ChunkContext, command: String,
                        _ f: (Double) -> Double) throws -> Signal {
        if context.singlePrecision, var x = inputs[0].takeSingleReal() {
            ElementwiseKernels.mapInPlace(&x.values, f)
            return .singleReal(x)
        }
        return try execute(inputs, context: context, command: command, f)
    }

    /// `Command.execute` of such a command.
    static func execute(_ inputs: [Signal], context: ChunkContext, command: String,
                        _ f: (Double) -> Double) throws -> Signal {
        if context.singlePrecision, case .singleReal(let x) = inputs[0] {
            return .singleReal(Array2D(rows: x.rows, columns: x.columns,
                                       values: ElementwiseKernels.mappedSingle(x.values, f)))
        }
        return try inputs[0].mappingReal(for: command, f)
    }
}
