import DistSwiftIO
import DistSwiftNative

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

    /// In a float32 graph two real inputs multiply in float32, as numpy multiplies two float32 arrays (the
    /// correctly rounded product: the float64 product of two float32 values is exact, rounded once), in in_uid's
    /// buffer when the engine hands it over (as `add`).
    public var hasFloat32Kernel: Bool { true }
    public var worksInPlace: Bool { true }

    public func execute(owning inputs: inout [Signal], context: ChunkContext) throws -> Signal {
        guard inputs.count == 2 else { throw CommandError(Self.name, "needs exactly one gather_uids input") }
        // Taken before anything else holds it, so that nothing but this command references the buffer it writes
        // (x × x, gather_uids naming in_uid, shares it with b: `execute` writes a fresh one in one pass instead).
        if context.singlePrecision, case .singleReal(let b) = inputs[1], var a = inputs[0].takeSingleReal() {
            if elementWise(a, b), AddCommand.broadcasts(b, over: a),
               !SameTypeBroadcastKernels.shareStorage(a.values, b.values)
            {
                SameTypeBroadcastKernels.combineInPlace(&a.values, rows: a.rows, columns: a.columns, b.values,
                                                        bRows: b.rows, bColumns: b.columns, *)
                return .singleReal(a)
            }
            inputs[0] = .singleReal(a)
        }
        return try execute(inputs, context: context)
    }

    /// Whether a × b is the element-wise (broadcast) product rather than a scaling of lines by a flattened b.
    func elementWise(_ a: Array2D<Float>, _ b: Array2D<Float>) -> Bool {
        axis == nil || (a.rows == b.rows && a.columns == b.columns)
    }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        guard inputs.count == 2 else { throw CommandError(Self.name, "needs exactly one gather_uids input") }
        if context.singlePrecision, case .singleReal(let a) = inputs[0], case .singleReal(let b) = inputs[1],
           elementWise(a, b)
        {
            if a.rows == b.rows && a.columns == b.columns {
                return .singleReal(Array2D(rows: a.rows, columns: a.columns,
                                           values: SameTypeBroadcastKernels.combinedFresh(a.values, b.values, *)))
            }
            if AddCommand.broadcasts(b, over: a) {
                return .singleReal(Array2D(rows: a.rows, columns: a.columns, values: SameTypeBroadcastKernels.combined(
                    a.values, rows: a.rows, columns: a.columns, b.values, bRows: b.rows, bColumns: b.columns, *)))
            }
            if AddCommand.broadcasts(a, over: b) {  // multiplication commutes: the same bits
                return .singleReal(Array2D(rows: b.rows, columns: b.columns, values: SameTypeBroadcastKernels.combined(
                    b.values, rows: b.rows, columns: b.columns, a.values, bRows: a.rows, bColumns: a.columns, *)))
            }
        }
        let result = try float64Product(inputs)
        // A float32 graph's real result is float32 whatever path computed it (line scaling, shapes that broadcast
        // both ways).
        if context.singlePrecision, case .real(let p) = result {
            return .singleReal(Array2D(rows: p.rows, columns: p.columns, values: p.values.map { Float($0) }))
        }
        return result
    }

    func float64Product(_ inputs: [Signal]) throws -> Signal {
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
