import DistSwiftIO

/// A command that passes its input on untouched (distpy's no-ops: `copy`, `data`, `NONE`, `to_gpu`, `from_gpu`).
public protocol PassThroughCommand: UnaryElementwiseCommand {}

extension PassThroughCommand {
    public var acceptsPackedSignals: Bool { true }
    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal { inputs[0] }
}
