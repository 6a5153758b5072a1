/// The sums over channels behind a phase-weighted stack (Schimmel & Paulssen 1997, DASCore's
/// `phase_weighted_stack`): for every sample, the sum of the channels' values and the sum of their unit phasors
/// a/|a| (a = x + i·h, h the Hilbert transform). One pass over the chunk, row by row (contiguous), accumulating
/// into three lines of float64: over raw buffers this is one vectorisable loop per row, with no uniqueness check of
/// the three accumulators per sample.
public enum PhaseCoherenceKernels {
    /// Σ over the `rows` rows of x[row, t], and of the real and imaginary parts of (x + i·h)/|x + i·h| (|·|
    /// at least machine epsilon), for each of the `columns` samples t; float64 sums in row order.
    @inlinable
    public static func channelSums<S: BinaryFloatingPoint>(
        real x: [S], imaginary h: [S], rows channels: Int, columns n: Int
    ) -> (values: [Double], phasorRe: [Double], phasorIm: [Double]) {
        precondition(x.count >= channels * n && h.count >= channels * n, "rows outside the arrays")
        var mean = [Double](repeating: 0, count: n), phasorRe = mean, phasorIm = mean
        mean.withUnsafeMutableBufferPointer { mean in
            phasorRe.withUnsafeMutableBufferPointer { phasorRe in
                phasorIm.withUnsafeMutableBufferPointer { phasorIm in
                    x.withUnsafeBufferPointer { x in
                        h.withUnsafeBufferPointer { h in
                            for r in 0..<channels {
                                for t in 0..<n {
                                    let i = r * n + t
                                    let re = Double(x[i]), im = Double(h[i])
                                    mean[t] += re
                                    // One division per sample, not two (the unit phasor's parts by one reciprocal).
                                    let reciprocal = 1 / max((re * re + im * im).squareRoot(), Double.ulpOfOne)
                                    phasorRe[t] += re * reciprocal
                                    phasorIm[t] += im * reciprocal
                                }
                            }
                        }
                    }
                }
            }
        }
        return (mean, phasorRe, phasorIm)
    }
}
