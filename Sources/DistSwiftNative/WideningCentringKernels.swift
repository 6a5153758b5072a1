import CDistShims

/// DASCore's `demean`, `standardize` and `normalize` (l2) along time for a float32 chunk in a float64 graph: the
/// float32 rows read once and the float64 result written once by C (Sources/CDistShims/dist_row_centring.c), eight
/// rows' sums side by side in the lanes of one vector, each still in column order — the bits of the in-place
/// kernels on the widened rows, at the memory's pace instead of one dependent addition a value. A float32 graph's
/// float32 rows are centred in place by the same kernel.
extension CentringKernels {
    /// What each row becomes (dist_row_centring_kind).
    public enum RowCentring: Int32, CaseIterable, Sendable {
        /// x − mean
        case demean = 0
        /// (x − mean) / std, the population std
        case standardize = 1
        /// x · (1 / ‖x‖₂), a zero norm leaving the row as it is
        case l2Normalize = 2
    }

    /// `values` (rows of `columns` float32 values) centred row by row as `centring` says, as a fresh float64 array:
    /// what the in-place kernel gives on a float64 copy of the values, bit for bit. Plain stores: non-temporal ones
    /// were measured slower on a cold worker's fresh output (demean 6.6 → 7.3 ms in `distswift process`, 1000 ×
    /// 10,000) and removed (docs/benchmarks.md). `level` as the sliding-window kernels' (every level gives the same
    /// bits).
    public static func widened(_ values: [Float], columns: Int, _ centring: RowCentring,
                               level: SlidingWindowKernels.Level = .best) -> [Double] {
        guard columns > 0, !values.isEmpty else { return [] }
        precondition(values.count % columns == 0, "\(values.count) values in rows of \(columns)")
        return FreshBuffer.array(values.count) { out in
            values.withUnsafeBufferPointer { x in
                dist_row_centring_widen(x.baseAddress!, out.baseAddress!, values.count / columns, columns,
                                        centring.rawValue, level.rawValue)
            }
        }
    }

    /// `widened` when the values are float32 and the result is float64 (a float64 graph's float32 chunk), nil for
    /// the other pairs of precisions (the caller's line-by-line path).
    @inlinable
    public static func widenedIfSingle<S: BinaryFloatingPoint, D: BinaryFloatingPoint>(
        _ values: [S], columns: Int, as: D.Type, _ centring: RowCentring
    ) -> [D]? {
        // The arrays are reinterpreted, not cast: S and D are those types, and `as?` converts element by element.
        guard S.self == Float.self, D.self == Double.self else { return nil }
        return unsafeBitCast(widened(unsafeBitCast(values, to: [Float].self), columns: columns, centring),
                             to: [D].self)
    }

    /// Float32 rows centred in their own buffer by the same C kernel (each value computed in float64 and rounded
    /// once: the bits of the Swift in-place kernels on float32 rows, at the memory's pace); true when it did, false
    /// when the values are not float32 (the caller's Swift kernel then). Not specialised: only the dispatch is here.
    public static func centredInPlace<D: BinaryFloatingPoint>(_ values: inout [D], columns: Int, _ centring: RowCentring,
                                                             level: SlidingWindowKernels.Level = .best) -> Bool {
        guard D.self == Float.self else { return false }
        guard columns > 0, !values.isEmpty else { return true }
        precondition(values.count % columns == 0, "\(values.count) values in rows of \(columns)")
        values.withUnsafeMutableBufferPointer { buffer in
            dist_row_centring_single_in_place(UnsafeMutableRawPointer(buffer.baseAddress!).assumingMemoryBound(to: Float.self),
                                              buffer.count / columns, columns, centring.rawValue, level.rawValue)
        }
        return true
    }
}
