/// numpy broadcasting of a second operand (one value, one row, one column, or the same shape) over a rows × columns
/// row-major array, computed in the array's own element type: a float32 graph's `add` of a chunk and its
/// per-channel means in float32, as numpy adds two float32 arrays. In place when the engine hands the array over
/// (no fresh chunk-sized output to fault in), else into a copy. `ElementwiseKernels.broadcast` is the
/// float64 one (a float32 chunk widened as it is read).
public enum SameTypeBroadcastKernels {
    /// a[r, c] = f(a[r, c], b[r or 0, c or 0]) in a's buffer.
    @inlinable
    public static func combineInPlace<T: BinaryFloatingPoint>(_ a: inout [T], rows: Int, columns: Int, _ b: [T],
                                                              bRows: Int, bColumns: Int, _ f: (T, T) -> T) {
        precondition(a.count == rows * columns && b.count == bRows * bColumns && (bRows == 1 || bRows == rows)
                     && (bColumns == 1 || bColumns == columns), "broadcast shapes differ")
        a.withUnsafeMutableBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                for r in 0..<rows {
                    let row = r * columns, bRow = bRows == 1 ? 0 : r * bColumns
                    if bColumns == 1 {
                        let v = b[bRow]
                        for c in 0..<columns { a[row + c] = f(a[row + c], v) }
                    } else {
                        for c in 0..<columns { a[row + c] = f(a[row + c], b[bRow + c]) }
                    }
                }
            }
        }
    }

    /// f(a[r, c], b[r or 0, c or 0]) into a copy of `a` (the engine could not hand `a` over: another command
    /// reads it after this one).
    @inlinable
    public static func combined<T: BinaryFloatingPoint>(_ a: [T], rows: Int, columns: Int, _ b: [T], bRows: Int,
                                                        bColumns: Int, _ f: (T, T) -> T) -> [T] {
        var out = a
        combineInPlace(&out, rows: rows, columns: columns, b, bRows: bRows, bColumns: bColumns, f)
        return out
    }
}
