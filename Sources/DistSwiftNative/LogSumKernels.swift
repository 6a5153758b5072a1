import CDistShims

/// Sums of natural logarithms of float32 rows or columns (Sources/CDistShims/dist_log_sums.c), for the geometric
/// mean of a float32 graph: the exponents summed exactly and the mantissas multiplied in float64 — one logarithm
/// per 16 running products instead of one per value, and closer to the exact sum than float64 logarithms summed.
/// 0 gives −inf, a negative value or NaN gives NaN, as numpy's log.
public enum LogSumKernels {
    /// Σ_c log x[r, c] for each row of `values` (rows × columns, row-major).
    public static func rowSums(_ values: [Float], rows: Int, columns: Int,
                               level: SlidingWindowKernels.Level = .best) -> [Double] {
        sums(values, rows: rows, columns: columns, count: rows, level: level, dist_log_sums_rows_float)
    }

    /// Σ_r log x[r, c] for each column of `values` (rows × columns, row-major), rows in order.
    public static func columnSums(_ values: [Float], rows: Int, columns: Int,
                                  level: SlidingWindowKernels.Level = .best) -> [Double] {
        sums(values, rows: rows, columns: columns, count: columns, level: level, dist_log_sums_columns_float)
    }

    /// `count` sums from one of the C kernels (x, rows, columns, sums, level).
    private static func sums(_ values: [Float], rows: Int, columns: Int, count: Int, level: SlidingWindowKernels.Level,
                             _ kernel: (UnsafePointer<Float>, Int, Int, UnsafeMutablePointer<Double>, Int32) -> Void)
        -> [Double]
    {
        precondition(values.count == rows * columns, "\(values.count) values for \(rows) × \(columns)")
        var sums = [Double](repeating: 0, count: count)
        guard rows * columns > 0 else { return sums }
        values.withUnsafeBufferPointer { x in
            sums.withUnsafeMutableBufferPointer { s in kernel(x.baseAddress!, rows, columns, s.baseAddress!, level.rawValue) }
        }
        return sums
    }
}
