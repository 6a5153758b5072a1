import CDistShims

/// The interior of a short FIR correlation along every row, in C (Sources/CDistShims/dist_row_fir.c): SIMD lanes
/// across neighbouring outputs (AVX-512 or AVX2 where the processor has them), straight from the input's rows into
/// the output with no per-row copies. Each output sums its terms from zero in tap order in the output's precision
/// without fused multiply-adds: the bits of `LineFIR.correlateInterior` in that precision.
public enum RowFIRKernels {
    /// A rows × columns array of `D` whose row r holds Σ_k weights[k] · D(source[r][j + k]) at first + j for every
    /// j whose window lies in the row; the other values (the `columns − weights.count + 1` … edges) are left for the
    /// caller to write — they are zero.
    public static func correlatedInterior<S: BinaryFloatingPoint & BitwiseCopyable,
                                          D: BinaryFloatingPoint & BitwiseCopyable>(
        _ source: [S], columns n: Int, weights: [Double], first: Int, as: D.Type
    ) -> [D] {
        precondition(n > 0 && source.count % n == 0 && first >= 0 && (n < weights.count || first + n - weights.count + 1 <= n))
        let (inFlag, outFlag) = (FloatWidthFlag.of(S.self), FloatWidthFlag.of(D.self))
        guard !source.isEmpty else { return [] }
        return FreshBuffer.array(source.count) { (y: UnsafeMutableBufferPointer<D>) in
            source.withUnsafeBytes { x in
                weights.withUnsafeBufferPointer { w in
                    dist_correlate_rows_interior(x.baseAddress!, inFlag, UnsafeMutableRawPointer(y.baseAddress!),
                                                 outFlag, source.count / n, n, w.baseAddress!, w.count, first)
                }
            }
        }
    }
}
