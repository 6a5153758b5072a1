import CDistShims

/// Zero-phase filtering of many rows at once: the second-order-section recurrence over channels in lanes
/// (`dist_iir.c`: the widest vector unit the processor has, chosen at run time). A buffer holds `lanes` rows per
/// sample, row innermost; unused lanes of the last group repeat its last row (real data, so nothing can overflow).
public enum SOSLanes {
    public static let lanes = Int(DIST_IIR_LANES)

    /// How the ends of a row are extended (scipy's even_ext, odd_ext, const_ext).
    public enum Padding: Sendable { case even, odd, constant }

    /// sosfiltfilt of every row of `values` (rows × columns, row-major), extended by `pad` samples at both ends,
    /// forward then backward; `coefficients` holds b0, b1, b2, a1, a2 per section and `initialConditions` two
    /// step-response states per section, scaled per row by each pass's first sample.
    public static func zeroPhaseRows(_ values: [Double], rows: Int, columns n: Int, pad: Int, padding: Padding,
                                     coefficients: [Double], initialConditions: [Double]) -> [Double] {
        filterRows(values, rows: rows, columns: n, pad: pad, padding: padding, coefficients: coefficients,
                   initialConditions: initialConditions, dist_sos_zero_phase_rows)
    }

    /// The same for float32 rows: filtered in double in the lanes, each result rounded to float32, without float64
    /// copies of the input and output.
    public static func zeroPhaseRows(_ values: [Float], rows: Int, columns n: Int, pad: Int, padding: Padding,
                                     coefficients: [Double], initialConditions: [Double]) -> [Float] {
        filterRows(values, rows: rows, columns: n, pad: pad, padding: padding, coefficients: coefficients,
                   initialConditions: initialConditions, dist_sos_zero_phase_rows_float)
    }

    private typealias RowsKernel<T> = (UnsafePointer<T>?, UnsafeMutablePointer<T>?, Int, Int, Int, Int32,
                                       UnsafePointer<Double>?, UnsafePointer<Double>?, Int32,
                                       UnsafeMutablePointer<Double>?) -> Void

    private static func filterRows<T>(_ values: [T], rows: Int, columns n: Int, pad: Int, padding: Padding,
                                      coefficients: [Double], initialConditions: [Double],
                                      _ kernel: RowsKernel<T>) -> [T] {
        precondition(values.count == rows * n && n > pad && coefficients.count == 5 * (initialConditions.count / 2))
        var scratch = [Double](repeating: 0, count: (n + 2 * pad) * lanes)
        let code: Int32 = padding == .even ? 0 : (padding == .odd ? 1 : 2)
        // Every value is written by the C code, so the output is not zero-filled first.
        return [T](unsafeUninitializedCapacity: rows * n) { out, initialized in
            kernel(values, out.baseAddress, rows, n, pad, code, coefficients, initialConditions,
                   Int32(coefficients.count / 5), &scratch)
            initialized = rows * n
        }
    }
}
