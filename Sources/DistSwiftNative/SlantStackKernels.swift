import CDistShims

/// The linear τ-p transform (slant stack, DASCore's `tau_p`): for every slowness, the sum over channels of the
/// record read along a line of that slope, linearly interpolated in time. Its inner loop reads two samples and
/// adds one value per (slowness, channel, τ) — billions for a chunk — so it runs in C (Sources/CDistShims/
/// dist_tau_p.c): channel by channel (each channel's row read from memory once for every slowness), τ in SIMD lanes
/// that load contiguous samples where the interpolation points are consecutive, the plain loop's float64 arithmetic
/// in its order (the same bits).
public enum SlantStackKernels {
    /// Rows 0..<p.count: slownesses −p (reversed, offsets from the last channel); rows p.count..<2·p.count: +p
    /// (offsets from the first). u(p, τ) = Σ_x (1 − w)·x[i] + w·x[i + 1] at s = τ + p·offset/dt (i = ⌊s⌋, w = s − i),
    /// a term left out when s < 0 or i + 1 is past the row's end (as DASCore). x: `rows` channels × `columns`
    /// samples, float64; `offsets[x]`: channel x's position less the first's.
    /// Rows 0..<p.count: slownesses −p (reversed, offsets from the last channel); rows p.count..<2·p.count: +p
    /// (offsets from the first). u(p, τ) = Σ_x (1 − w)·x[i] + w·x[i + 1] at s = τ + p·offset/dt (i = ⌊s⌋, w = s − i),
    /// a term left out when s < 0 or i + 1 is past the row's end (as DASCore). x: `rows` channels × `columns`
    /// samples, float64 or float32 (widened as it is read); `offsets[x]`: channel x's position less the first's.
    public static func tauP<S: BinaryFloatingPoint & BitwiseCopyable>(_ x: [S], rows nx: Int, columns nt: Int,
                                                                     slownesses p: [Double], offsets: [Double],
                                                                     dt: Double) -> [Double] {
        precondition(nx * nt <= x.count && offsets.count == nx, "rows outside the array")
        var out = [Double](repeating: 0, count: 2 * p.count * nt)
        guard nx > 0, nt > 1, !p.isEmpty else { return out }
        let flag = FloatWidthFlag.of(S.self)
        out.withUnsafeMutableBufferPointer { y in
            x.withUnsafeBytes { x in
                dist_tau_p(x.baseAddress!, flag, y.baseAddress!, nx, nt, p, p.count, offsets, dt)
            }
        }
        return out
    }
}
