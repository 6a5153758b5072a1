import DistSwiftIO
import DistSwiftNative

/// `add`: in + g0 with numpy broadcasting (equal shapes, or g0 one row, one column or one value).
public struct AddCommand: Command {
    public static let name = "add"
    public static let summary = "in_uid + gather_uids[0], element by element (numpy broadcasting)"
    public static let details = """
        Shapes must be equal or broadcast (a single row, column or value); anything else is an error, where distpy
        raised numpy's. A per-chunk command: both inputs are the chunk's own samples.
        """
    public static let parameters: [ParameterSpec] = []
    public static let gather = GatherRule.required
    public static let accepts = SignalKind.twoDimensional

    public init(_ p: ParameterValues) throws {}

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public var acceptsPackedSignals: Bool { true }  // `Broadcast.combine` reads float32 chunks directly
    public func outputAxes(_ inputs: [Axes]) -> Axes { Broadcast.axes(inputs) }

    /// In a float32 graph two real inputs are added in float32, as numpy adds two float32 arrays (the correctly
    /// rounded sum, which is also the float64 sum of the two float32 values rounded once: 53 ≥ 2·24 + 2 bits).
    public var hasFloat32Kernel: Bool { true }
    /// In a float32 graph the sum is written into in_uid's buffer when the engine hands it over (a float32 chunk
    /// plus its per-channel means): no fresh chunk-sized output. In a float64 graph the chunk is float32 and the
    /// sum float64, so there is no buffer to reuse: `execute` as usual.
    public var worksInPlace: Bool { true }

    public func execute(owning inputs: inout [Signal], context: ChunkContext) throws -> Signal {
        guard inputs.count == 2 else { throw CommandError(Self.name, "needs exactly one gather_uids input") }
        if context.singlePrecision, case .singleReal(let b) = inputs[1], var a = inputs[0].takeSingleReal() {
            if Self.broadcasts(b, over: a) {
                SameTypeBroadcastKernels.combineInPlace(&a.values, rows: a.rows, columns: a.columns, b.values,
                                                        bRows: b.rows, bColumns: b.columns, +)
                return .singleReal(a)
            }
            inputs[0] = .singleReal(a)
        }
        return try execute(inputs, context: context)
    }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        guard inputs.count == 2 else { throw CommandError(Self.name, "needs exactly one gather_uids input") }
        if context.singlePrecision, case .singleReal(let a) = inputs[0], case .singleReal(let b) = inputs[1] {
            if Self.broadcasts(b, over: a) {
                return .singleReal(Array2D(rows: a.rows, columns: a.columns, values: SameTypeBroadcastKernels.combined(
                    a.values, rows: a.rows, columns: a.columns, b.values, bRows: b.rows, bColumns: b.columns, +)))
            }
            if Self.broadcasts(a, over: b) {  // addition commutes: the same bits
                return .singleReal(Array2D(rows: b.rows, columns: b.columns, values: SameTypeBroadcastKernels.combined(
                    b.values, rows: b.rows, columns: b.columns, a.values, bRows: a.rows, bColumns: a.columns, +)))
            }
        }
        let sum = try Broadcast.combine(inputs[0], inputs[1], command: Self.name) { ($0 + $2, $1 + $3) }
        // A float32 graph's real result is float32 whatever path computed it (shapes that broadcast both ways).
        if context.singlePrecision, case .real(let s) = sum {
            return .singleReal(Array2D(rows: s.rows, columns: s.columns, values: s.values.map { Float($0) }))
        }
        return sum
    }

    /// Whether `b` broadcasts over `a` without changing a's shape (one value, row, column, or the same shape).
    static func broadcasts(_ b: Array2D<Float>, over a: Array2D<Float>) -> Bool {
        Broadcast.shape((a.rows, a.columns), (b.rows, b.columns)).map { $0 == (a.rows, a.columns) } == true
    }
}
