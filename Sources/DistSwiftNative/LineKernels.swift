/// Per-line transforms of a row-major 2-D array into a fresh array, one row at a time while it is in cache: the
/// row is converted to the compute precision `D` into a reused line, transformed there, and copied out — one read
/// of the source and one write of the result, however many passes the transform makes over its line (a mean, then
/// the subtraction). A float32 chunk computed in float64 this way gives exactly what a float64 copy of the chunk
/// would (widening is exact), without that copy.
public enum LineKernels {
    /// `transform(row index, row)` applied to every row (of `columns` values) of `source`, in precision `D`.
    @inlinable
    public static func transformingRows<S: BinaryFloatingPoint, D: BinaryFloatingPoint>(
        _ source: [S], columns: Int, as: D.Type = D.self, _ transform: (Int, inout [D]) -> Void
    ) -> [D] {
        guard columns > 0, !source.isEmpty else { return [] }
        let rows = source.count / columns
        var line = [D](repeating: 0, count: columns)
        return FreshBuffer.array(rows * columns) { out in
            source.withUnsafeBufferPointer { source in
                for r in 0..<rows {
                    let base = r * columns
                    line.withUnsafeMutableBufferPointer { line in
                        for k in 0..<columns { line[k] = D(source[base + k]) }
                    }
                    transform(r, &line)
                    line.withUnsafeBufferPointer { line in
                        for k in 0..<columns { out[base + k] = line[k] }
                    }
                }
            }
        }
    }

    /// The values as `D` (exact when widening; rounded to nearest when narrowing float64 to float32).
    @inlinable
    public static func converted<S: BinaryFloatingPoint, D: BinaryFloatingPoint>(_ source: [S], to: D.Type) -> [D] {
        FreshBuffer.array(source.count) { out in
            source.withUnsafeBufferPointer { source in
                for i in 0..<source.count { out[i] = D(source[i]) }
            }
        }
    }

    /// D(x · factor) for every value, the product taken in float64 (rounded once to `D`).
    @inlinable
    public static func scaled<S: BinaryFloatingPoint, D: BinaryFloatingPoint>(_ source: [S], by factor: Double,
                                                                           to: D.Type) -> [D] {
        FreshBuffer.array(source.count) { out in
            source.withUnsafeBufferPointer { source in
                for i in 0..<source.count { out[i] = D(Double(source[i]) * factor) }
            }
        }
    }
}
