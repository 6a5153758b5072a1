import DistSwiftIO

/// `multiply`: in × g0. Equal shapes (or numpy broadcasting) multiply element by element; with `axis` 1 a g0 of nt
/// values scales column j by g0[j], with `axis` 0 a g0 of nx values scales row i by g0[i]. distpy computes the
/// axis-0 product and discards it, passing the raw chunk on, and ignores shapes that do not fit (its bug #21).
public struct MultiplyCommand: Command {
    public static let name = "multiply"
    public static let summary = "in_uid × gather_uids[0]: element-wise, or scale columns (axis 1) / rows (axis 0)"
    public static let details = """
        Complex values multiply as complex numbers (an f–k spectrum times a velocity mask). With `axis`, g0 is
        flattened: axis 1 needs one value per column (nt), axis 0 one per row (nx); any other shape is an error
        (distpy passed the input on unchanged, or the raw chunk for axis 0 — bug #21).
        """
    public static let parameters = [
        ParameterSpec("axis", .number, default: .null,
                      "null: element-wise; 1: g0[j] scales column j; 0: g0[i] scales row i"),
    ]
    public static let gather = GatherRule.required
    public static let accepts = SignalKind.twoDimensional

    let axis: Int?

    public init(_ p: ParameterValues) throws {
        if case .number(let d)? = p.values["axis"] {
            guard [0, 1, -1].contains(d) else {
                throw ParameterProblem("axis", "is \(d) but must be null, 0 (rows) or 1 (columns)")
            }
            axis = d == 0 ? 0 : 1
        } else {
            axis = nil
        }
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public var acceptsPackedSignals: Bool { true }  // `Broadcast.combine` reads float32 chunks directly
    public func outputAxes(_ inputs: [Axes]) -> Axes { axis == nil ? Broadcast.axes(inputs) : inputs[0] }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        guard inputs.count == 2 else { throw CommandError(Self.name, "needs exactly one gather_uids input") }
        let product: (Double, Double, Double, Double) -> (Double, Double) = { ($0 * $2 - $1 * $3, $0 * $3 + $1 * $2) }
        let a = inputs[0], g = inputs[1]
        if (a.rows == g.rows && a.columns == g.columns) || axis == nil {
            return try Broadcast.combine(a, g, command: Self.name, product)
        }
        // Scale lines: g0 flattened, one value per column (axis 1) or per row (axis 0).
        let q = g.parts
        let needed = axis == 1 ? a.columns : a.rows
        guard q.re.count == needed else {
            throw CommandError(Self.name, "axis \(axis!) needs \(needed) values in gather_uids[0] (one per "
                + (axis == 1 ? "column" : "row") + ") but it has \(q.re.count)")
        }
        let scale = Signal.from(re: q.re, im: q.im, rows: axis == 1 ? 1 : needed, columns: axis == 1 ? needed : 1)
        return try Broadcast.combine(a, scale, command: Self.name, product)
    }
}
