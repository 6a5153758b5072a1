/// A row-major 2-D array: rows are channels (distance along the fibre), columns are time samples, as in distpy.
public struct Array2D<Element>: Sendable where Element: Sendable {
    public let rows: Int
    public let columns: Int
    /// Row-major values, `rows × columns`.
    public var values: [Element]

    public init(rows: Int, columns: Int, values: [Element]) {
        precondition(rows >= 0 && columns >= 0)
        precondition(values.count == rows * columns, "\(values.count) values do not fill \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    public init(rows: Int, columns: Int, repeating value: Element) {
        self.init(rows: rows, columns: columns, values: Array(repeating: value, count: rows * columns))
    }

    public var shape: [Int] { [rows, columns] }

    public subscript(row: Int, column: Int) -> Element {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    /// The values of one row.
    public func row(_ index: Int) -> ArraySlice<Element> {
        values[(index * columns)..<((index + 1) * columns)]
    }

    /// Rows `range` as a new array (a channel block).
    public func rows(_ range: Range<Int>) -> Array2D {
        Array2D(rows: range.count, columns: columns,
                values: Array(values[(range.lowerBound * columns)..<(range.upperBound * columns)]))
    }

    /// Columns `range` of every row (a time window).
    public func columns(_ range: Range<Int>) -> Array2D {
        var out: [Element] = []
        out.reserveCapacity(rows * range.count)
        for r in 0..<rows {
            out.append(contentsOf: values[(r * columns + range.lowerBound)..<(r * columns + range.upperBound)])
        }
        return Array2D(rows: rows, columns: range.count, values: out)
    }
}

extension Array2D: Equatable where Element: Equatable {}
