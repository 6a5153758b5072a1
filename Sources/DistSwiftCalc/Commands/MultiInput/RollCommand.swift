import DistSwiftIO
import DistSwiftNative

/// `roll`: circular shift. Without gather_uids, numpy's `roll(x, window_length, axis)`; with g0, each line is
/// rolled by its own amount: row a (axis 1) by g0[a], or column a (axis 0) by g0[a] (distpy's `agnostic_roll`,
/// which also cast complex data to float — here complex stays complex).
public struct RollCommand: Command {
    public static let name = "roll"
    public static let summary = "circular shift by window_length along axis, or line by line by gather_uids[0]"
    public static let details = """
        A shift within the chunk (circular, as numpy.roll), so it is per chunk along time and needs every channel
        along channels. Shifts from g0 are rounded to whole samples.
        """
    public static let parameters = [
        ParameterSpec("axis", .axis, default: .number(1), "1: along time; 0: along channels"),
        ParameterSpec("window_length", .integer, default: .number(1), unit: "samples", "shift (without gather_uids)"),
    ]
    public static let gather = GatherRule.optional
    public static let accepts = SignalKind.twoDimensional

    let axis: Int
    let shift: Int

    public init(_ p: ParameterValues) throws {
        axis = p.axis("axis")
        shift = p.integer("window_length")
    }

    public var channelContext: ChannelContext { axis == 0 ? .wholeFibre : .local }
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }

    public var acceptsPackedSignals: Bool { true }  // rolls a float32 chunk as it reads it
    /// float32 values stay float32 in any graph (a roll moves values: exact, `keepsInputValues`); along time they
    /// are rolled in the chunk's own buffer when the engine hands it over, so no fresh chunk-sized output is
    /// faulted in.
    public var hasFloat32Kernel: Bool { true }
    public var keepsInputValues: Bool { true }  // moves values: float32 stays float32 in any graph
    public var worksInPlace: Bool { axis == 1 }

    public func execute(owning inputs: inout [Signal], context: ChunkContext) throws -> Signal {
        if axis == 1, returnsFloat32(context), case .singleReal = inputs[0] {
            let shifts = try lineShifts(inputs)
            if var a = inputs[0].takeSingleReal() {
                AxisKernels.rollRowsInPlace(&a.values, rows: a.rows, columns: a.columns, shifts: shifts)
                return .singleReal(a)
            }
        }
        return try execute(inputs, context: context)
    }

    /// The shift of each line a along the axis (rows for axis 1, columns for axis 0).
    func lineShifts(_ inputs: [Signal]) throws -> [Int] {
        let lines = axis == 1 ? inputs[0].rows : inputs[0].columns
        guard inputs.count > 1 else { return [Int](repeating: shift, count: lines) }
        let g = inputs[1].parts.re
        guard g.count >= lines else {
            throw CommandError(Self.name, "gather_uids[0] has \(g.count) shifts but there are \(lines) lines to roll")
        }
        return (0..<lines).map { Int(g[$0].rounded(.towardZero)) }
    }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let shifts = try lineShifts(inputs)
        if case .singleReal(let a) = inputs[0], returnsFloat32(context) {
            return .singleReal(Array2D(rows: a.rows, columns: a.columns, values: AxisKernels.rolled(
                a.values, rows: a.rows, columns: a.columns, alongRows: axis == 1, shifts: shifts, as: Float.self)))
        }
        if case .singleReal(let a) = inputs[0] {  // converted in the same pass
            return .real(Array2D(rows: a.rows, columns: a.columns, values: AxisKernels.rolled(
                a.values, rows: a.rows, columns: a.columns, alongRows: axis == 1, shifts: shifts)))
        }
        let p = inputs[0].parts
        func rolled(_ values: [Double]) -> [Double] {
            AxisKernels.rolled(values, rows: p.rows, columns: p.columns, alongRows: axis == 1, shifts: shifts)
        }
        return Signal.from(re: rolled(p.re), im: p.im.map(rolled), rows: p.rows, columns: p.columns)
    }
}
