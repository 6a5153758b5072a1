import DistSwiftIO

/// The per-chunk outputs of a run stacked in memory into one channels × chunks array per curve (for the PRODML FBE
/// file, whose writer takes whole arrays, and for small stacks). The streaming path (`StreamingStackWriter`) writes
/// the same columns without holding them. Gaps are recorded in `plan.gaps` and in the times, never filled.
public struct StackedRun: Sendable {
    public let plan: StackPlan
    /// One channels × columns array per curve, in `plan.curves` order.
    public let arrays: [Array2D<Double>]

    public var depth: [Double] { plan.depth }
    public var depthUnit: String { plan.depthUnit }
    public var curves: [WITSMLCurve] { plan.curves }
    public var timesNs: [Int64] { plan.timesNs }
    public var gaps: [StackPlan.Gap] { plan.gaps }

    /// Stacks `outputs` (any order): sorted by start time (not by name), checked for the same depths and the same
    /// curves (matched by mnemonic, so a file may order its columns differently).
    public static func stack(_ outputs: [ChunkOutput]) throws -> StackedRun {
        let byFile = Dictionary(outputs.map { ($0.file, $0) }, uniquingKeysWith: { a, _ in a })
        guard byFile.count == outputs.count else {
            throw StackError("two outputs share a file name", fix: "stack one folder's outputs")
        }
        return try stack(files: outputs.map(\.file)) { byFile[$0]! }
    }

    /// Stacks the outputs `read` gives for `files`.
    public static func stack(files: [String], read: (String) throws -> ChunkOutput) throws -> StackedRun {
        let plan = try StackPlan.scan(files, read: read)
        var arrays = plan.curves.map { _ in Array2D<Double>(rows: plan.depth.count, columns: plan.files.count, repeating: 0) }
        for (column, file) in plan.files.enumerated() {
            let output = try read(file)
            for (k, curve) in plan.curves.enumerated() {
                for (r, v) in plan.column(curve, of: output).enumerated() { arrays[k][r, column] = v }
            }
        }
        return StackedRun(plan: plan, arrays: arrays)
    }
}

/// A folder that cannot be stacked: what is wrong (naming the files) and the fix.
public struct StackError: ProblemKind {
    public let base: Problem

    public init(_ problem: String, fix: String) {
        base = Problem(where: nil, problem, fix: fix)
    }
}
