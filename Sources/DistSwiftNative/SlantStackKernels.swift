/// The linear τ-p transform (slant stack, DASCore's `tau_p`): for every slowness, the sum over channels of the
/// record read along a line of that slope, linearly interpolated in time. Its inner loop reads two samples and
/// adds one value per (slowness, channel, τ) — billions for a chunk — so it runs over raw buffers, without a
/// bounds or uniqueness check per term.
public enum SlantStackKernels {
    /// Rows 0..<p.count: slownesses −p (reversed, offsets from the last channel); rows p.count..<2·p.count: +p
    /// (offsets from the first). u(p, τ) = Σ_x (1 − w)·x[i] + w·x[i + 1] at s = τ + p·offset/dt (i = ⌊s⌋, w = s − i),
    /// a term left out when s < 0 or i + 1 is past the row's end (as DASCore). x: `rows` channels × `columns`
    /// samples, float64; `offsets[x]`: channel x's position less the first's.
    @inlinable
    public static func tauP(_ x: [Double], rows nx: Int, columns nt: Int, slownesses p: [Double], offsets: [Double],
                            dt: Double) -> [Double] {
        precondition(nx * nt <= x.count && offsets.count == nx, "rows outside the array")
        let ns = p.count
        var out = [Double](repeating: 0, count: 2 * ns * nt)
        x.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { y in
                // One term: x[row] at (τ + shift) interpolated, left out when the next sample is past the end.
                @inline(__always) func add(_ target: Int, _ row: Int, _ shift: Double) {
                    for tau in 0..<nt {
                        let s = Double(tau) + shift
                        // Channels before the first (positions decreasing along the rows) reach before τ = 0.
                        guard s >= 0 else { continue }
                        let i = Int(s)
                        guard i + 1 < nt else { break }
                        let w = s - Double(i)
                        y[target + tau] += (1 - w) * x[row * nt + i] + w * x[row * nt + i + 1]
                    }
                }
                for ip in 0..<ns {
                    for ix in 0..<nx {
                        add((ip + ns) * nt, ix, p[ip] * offsets[ix] / dt)
                        add((ns - 1 - ip) * nt, nx - 1 - ix, p[ip] * (offsets[nx - 1] - offsets[nx - 1 - ix]) / dt)
                    }
                }
            }
        }
        return out
    }
}
