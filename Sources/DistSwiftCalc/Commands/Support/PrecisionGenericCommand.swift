import DistSwiftIO

/// The element types a precision-generic kernel runs on: float32 and float64.
typealias RealSample = BinaryFloatingPoint & BitwiseCopyable

/// A command on real values written once for both precisions (its float32 kernel, `hasFloat32Kernel`): `compute`
/// reads values of type `S` and returns `D`. The engine hands it a float32 chunk as it is; `execute` picks `D`:
/// float32 in a float32 graph (or for a command that only keeps input values, `keepsInputValues`), float64
/// otherwise (a float32 chunk widened as it is read, the same numbers as from a float64 copy of it).
protocol PrecisionGenericCommand: Command {
    func compute<S: RealSample, D: RealSample>(_ data: Array2D<S>, as: D.Type, context: ChunkContext) throws
        -> Array2D<D>
}

extension PrecisionGenericCommand {
    public var hasFloat32Kernel: Bool { true }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        switch inputs[0] {
        case .singleReal(let a) where returnsFloat32(context):
            return .singleReal(try compute(a, as: Float.self, context: context))
        case .singleReal(let a): return .real(try compute(a, as: Double.self, context: context))
        case let other:
            return .real(try compute(try other.canonical().realValues(for: Self.name), as: Double.self,
                                     context: context))
        }
    }
}

/// A `PrecisionGenericCommand` whose output has its input's element type and shape, so it can compute in its
/// input's own buffer (`Command.worksInPlace`): `computeInPlace` changes values in place, in their precision. The
/// engine hands it in_uid's values when it is their last reader (a float32 graph's values, and float64 values
/// from the command before it); a float32 chunk in a float64 graph still goes through `compute`, which widens it
/// as it reads it into the fresh float64 output. `computeInPlace` must give what `compute` gives, bit for bit.
protocol InPlacePrecisionCommand: PrecisionGenericCommand {
    func computeInPlace<D: RealSample>(_ data: inout Array2D<D>, context: ChunkContext) throws
}

extension InPlacePrecisionCommand {
    public var worksInPlace: Bool { true }

    public func execute(owning inputs: inout [Signal], context: ChunkContext) throws -> Signal {
        if returnsFloat32(context), var values = inputs[0].takeSingleReal() {
            try computeInPlace(&values, context: context)
            return .singleReal(values)
        }
        if var values = inputs[0].takeReal() {
            try computeInPlace(&values, context: context)
            return .real(values)
        }
        return try execute(inputs, context: context)
    }
}
