import CDistShims

/// The fused spectrum + band energies of the noise log: the weighted power Σ w_k |X_k|² of every real row's
/// one-sided spectrum (numpy's rfft) between consecutive bin edges, without the spectrum ever being stored. Rows go
/// two at a time through one complex transform (a + i·b, `PairedRowPlans`, as `RowSpectrumKernels` does), and both
/// rows' powers are summed from the packed transform while it is in cache (`dist_bandpower.c`). The whole-chunk way
/// wrote a 40 MB spectrum into fresh pages for a 1000 × 10,000 float32 chunk and read it back once per band
/// command.
///
/// w_k = 1 for DC and (even lengths) Nyquist, 2 otherwise, so a segment's power is that of the band-passed time
/// series times n (Parseval). Sums are in float64 whatever the rows' precision; the transform is in the rows'
/// precision (float32 rows: FFTW's float library), so the results differ from a float32 r2c's spectrum summed the
/// same way by the two transforms' rounding (a few 1e-8 of a band's power; tests state the tolerance).
public enum SpectrumBandPowerKernels {
    /// rows × (edges.count − 1) segment powers, row-major: segment s of row r covers the bins
    /// edges[s] ≤ k < edges[s + 1] of that row's spectrum of `length` samples. `edges` increase and end at most at
    /// length / 2 + 1.
    public static func segmentPowers(_ x: [Float], rows: Int, length: Int, edges: [Int],
                                     plans: FFTWRowPlans = FFTWRowPlans()) -> [Double] {
        powers(x, rows: rows, length: length, edges: edges, plans: plans)
    }

    public static func segmentPowers(_ x: [Double], rows: Int, length: Int, edges: [Int],
                                     plans: FFTWRowPlans = FFTWRowPlans()) -> [Double] {
        powers(x, rows: rows, length: length, edges: edges, plans: plans)
    }

    static func powers<S: FFTWScalar>(_ x: [S], rows: Int, length n: Int, edges: [Int],
                                      plans cache: FFTWRowPlans) -> [Double] {
        precondition(x.count == rows * n, "expected \(rows)×\(n) samples, got \(x.count)")
        precondition(zip(edges, edges.dropFirst()).allSatisfy { $0 < $1 } && (edges.first ?? 0) >= 0
                     && (edges.last ?? 0) <= n / 2 + 1, "bin edges \(edges) do not fit a spectrum of \(n) samples")
        let segments = max(edges.count - 1, 0)
        var out = [Double](repeating: 0, count: rows * segments)
        guard rows > 0, n > 0, segments > 0 else { return out }
        let bounds = edges.map { CLong($0) }
        cache.withPairedPlans(S.self, length: n, inverseLength: n, pairs: RowSpectrumKernels.pairsPerBlock(length: n)) {
            plans in
            x.withUnsafeBufferPointer { x in
                out.withUnsafeMutableBufferPointer { out in
                    RowSpectrumKernels.forEachPairSpectrum(x, rows: rows, length: n, plans: plans) { r, paired, z in
                        let outA = out.baseAddress! + r * segments, outB = paired ? outA + segments : nil
                        if S.self == Float.self {
                            dist_bandpower_pair_float(UnsafeRawPointer(z).assumingMemoryBound(to: Float.self), n,
                                                      bounds, bounds.count, outA, outB)
                        } else {
                            dist_bandpower_pair_double(UnsafeRawPointer(z).assumingMemoryBound(to: Double.self), n,
                                                       bounds, bounds.count, outA, outB)
                        }
                    }
                }
            }
        }
        return out
    }
}
