import DistSwiftIO

/// A stack written by `StackedRunWriter`, read back as the per-chunk outputs it was written from: each output is
/// one column of every curve's array (column-major, so one contiguous read per curve), and the values are the very
/// doubles the outputs held. A growing stack that gains a few outputs is rewritten from these columns and the new
/// outputs, instead of parsing every earlier output again.
///
/// The arrays are opened when this is made: on a local disk the open files stay readable while the writer replaces
/// them (a rename), so the stack can be rewritten in place from itself.
public struct StackedRunColumns: Sendable {
    /// The plan the stack was written from (its files in column order).
    public let plan: StackPlan
    private let arrays: [NPYArrayFile]
    private let columns: [String: Int]

    /// Opens the stack `plan` was written to in `location` (the stacked folder); throws when an array is missing or
    /// does not have the plan's shape (then read the outputs themselves).
    public init(plan: StackPlan, location: any StorageLocation) throws {
        let name = StackedRunWriter.arrayName(plan)
        arrays = try plan.curves.map { curve in
            let array = try NPYArrayFile(location: location, path: try StackedRunWriter.curveFolder(curve.mnemonic) + "/" + name)
            guard array.header.fortranOrder, array.rowCount == plan.depth.count, array.columnCount == plan.files.count else {
                throw StackError("\(array.address) is not the \(plan.depth.count) × \(plan.files.count) stack expected",
                                 fix: "remove the stacked folder; it is rebuilt from the outputs")
            }
            return array
        }
        self.plan = plan
        columns = Dictionary(plan.files.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public func contains(_ file: String) -> Bool { columns[file] != nil }

    /// The output `file` as it was stacked (`address` names it in messages).
    public func output(_ file: String, address: String) throws -> ChunkOutput {
        guard let column = columns[file] else {
            throw StackError("\(file) is not in the stack", fix: "read the output itself")
        }
        let curves = try arrays.map { try $0.readColumn(column, as: Double.self) }
        var values = [Double](repeating: 0, count: plan.depth.count * curves.count)
        for (k, curve) in curves.enumerated() {
            for (r, v) in curve.enumerated() { values[r * curves.count + k] = v }
        }
        return ChunkOutput(file: file, address: address, startTimeNs: plan.timesNs[column], depth: plan.depth,
                           depthUnit: plan.depthUnit, curves: plan.curves,
                           values: Array2D(rows: plan.depth.count, columns: curves.count, values: values))
    }
}
