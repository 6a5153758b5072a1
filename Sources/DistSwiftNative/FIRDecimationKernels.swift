import CDistShims

/// scipy.signal.decimate's FIR path on rows, computing only the kept outputs, in C (Sources/CDistShims/
/// dist_fir_decimate.c): the row split into its q phases so that neighbouring outputs read contiguous samples, in
/// SIMD lanes across outputs, each output summed tap by tap in order without fused multiply-adds — the bits of the
/// plain loop `Σ_j taps[j] · x[c + half − j]` (zeros beyond the row).
public enum FIRDecimationKernels {
    /// Every row of `source` (rows of `columns`) filtered by `taps` centred (`half` = the taps' centre index) on
    /// the kept samples c = offset + k·q, k < kept; rows × kept values of `D` (float32 outputs are the float64 sums
    /// rounded to nearest).
    public static func decimatedRows<S: BinaryFloatingPoint & BitwiseCopyable, D: BinaryFloatingPoint & BitwiseCopyable>(
        _ source: [S], columns n: Int, taps: [Double], half: Int, factor q: Int, offset: Int, kept: Int, as: D.Type
    ) -> [D] {
        precondition(n > 0 && q >= 1 && offset >= 0 && taps.count <= 2 * half + 1 && source.count % n == 0)
        precondition(kept == 0 || offset + (kept - 1) * q < n, "kept samples beyond the row")
        let rows = source.count / n
        guard rows * kept > 0 else { return [] }
        let (inFlag, outFlag) = (FloatWidthFlag.of(S.self), FloatWidthFlag.of(D.self))
        return FreshBuffer.array(rows * kept) { (out: UnsafeMutableBufferPointer<D>) in
            source.withUnsafeBytes { x in
                taps.withUnsafeBufferPointer { taps in
                    dist_fir_decimate_rows(x.baseAddress!, inFlag, UnsafeMutableRawPointer(out.baseAddress!), outFlag,
                                           rows, n, taps.baseAddress!, taps.count, half, q, offset, kept)
                }
            }
        }
    }
}
