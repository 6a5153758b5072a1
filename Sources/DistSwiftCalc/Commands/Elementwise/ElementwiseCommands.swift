import DistSwiftIO
import DistSwiftNative

/// `abs`: magnitude of every element (|z| for complex data; a half spectrum is completed first, so the output has
/// numpy's full shape).
public struct AbsCommand: UnaryElementwiseCommand {
    public static let name = "abs"
    public static let summary = "absolute value (magnitude of complex values), element by element"

    public init() {}

    public var acceptsPackedSignals: Bool { true }  // reads a float32 chunk directly (`mappingReal`)
    /// In a float32 graph |x| of float32 values is float32 (exact), in the chunk's own buffer when it is handed
    /// over (`Float32ElementwiseMap`).
    public var hasFloat32Kernel: Bool { true }
    public var worksInPlace: Bool { true }

    public func execute(owning inputs: inout [Signal], context: ChunkContext) throws -> Signal {
        guard case .singleReal = inputs[0] else { return try execute(inputs, context: context) }
        return try Float32ElementwiseMap.execute(owning: &inputs, context: context, command: Self.name) { Swift.abs($0) }
    }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        switch inputs[0] {
        case .real, .singleReal:
            return try Float32ElementwiseMap.execute(inputs, context: context, command: Self.name) { Swift.abs($0) }
        default:
            return .real(inputs[0].fullComplex().magnitude)
        }
    }
}

/// `real`: the real part (real data pass through unchanged).
public struct RealCommand: UnaryElementwiseCommand {
    public static let name = "real"
    public static let summary = "real part, element by element"

    public init() {}

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        if case .real = inputs[0] { return inputs[0] }
        let c = inputs[0].fullComplex()
        return .real(Array2D(rows: c.rows, columns: c.columns, values: c.real))
    }
}

/// `to_gpu` / `from_gpu`: distpy's moves between CPU and GPU memory. On the CPU backend they are accepted and do
/// nothing, so distpy's GPU-enabled graphs run unchanged.
public struct ToGPUCommand: PassThroughCommand {
    public static let name = "to_gpu"
    public static let summary = "move data to the GPU backend (no-op on a CPU-only machine)"
    public init() {}
}

public struct FromGPUCommand: PassThroughCommand {
    public static let name = "from_gpu"
    public static let summary = "move data back from the GPU backend (no-op on a CPU-only machine)"
    public init() {}
}
