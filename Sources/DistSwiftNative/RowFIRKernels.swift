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

    /// out[i] = Σ_a weights[a] · row sources[i][a] of `x` (rows × columns, float64), taps with a nil source (a zero
    /// beyond the edge) or a zero weight left out, summed from zero in tap order without fused multiply-adds.
    public static func combinedRows(_ x: [Double], columns n: Int, weights: [Double], sources: [[Int?]]) -> [Double] {
        precondition(n > 0 && x.count % n == 0 && sources.count == x.count / n)
        precondition(sources.allSatisfy { $0.count == weights.count && $0.allSatisfy { ($0 ?? 0) < x.count / n } })
        guard !x.isEmpty else { return [] }
        let table = sources.flatMap { $0.map { $0 ?? -1 } }
        return FreshBuffer.array(x.count) { (y: UnsafeMutableBufferPointer<Double>) in
            dist_combine_rows(x, y.baseAddress!, sources.count, n, weights, weights.count, table)
        }
    }
}
