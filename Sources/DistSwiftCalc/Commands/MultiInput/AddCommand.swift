import DistSwiftIO

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

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        guard inputs.count == 2 else { throw CommandError(Self.name, "needs exactly one gather_uids input") }
        return try Broadcast.combine(inputs[0], inputs[1], command: Self.name) { ($0 + $2, $1 + $3) }
    }
}
