/// DASCore's `demean` along time on raw buffers: each row less the mean of its values that are not NaN (numpy's
/// nanmean), in the values' own buffer. The row sums are one chain of dependent additions per row (the order that
/// defines the result); four rows are summed side by side so four chains are in flight, and the subtraction is a
/// plain loop with no per-element bounds or uniqueness checks. The same operations in the same order as one row
/// alone: the same bits (a NaN adds 0, which leaves a sum that starts at +0 unchanged).
public enum CentringKernels {
    @inlinable
    public static func subtractRowMeansInPlace<D: BinaryFloatingPoint>(_ values: inout [D], columns n: Int) {
        guard n > 0, !values.isEmpty else { return }
        let rows = values.count / n
        values.withUnsafeMutableBufferPointer { buffer in
            let x = buffer.baseAddress!
            var r = 0
            while r < rows {
                let group = min(4, rows - r)
                let (x0, x1, x2, x3) = (x + r * n, x + (r + min(1, group - 1)) * n,
                                        x + (r + min(2, group - 1)) * n, x + (r + min(3, group - 1)) * n)
                var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
                var (c0, c1, c2, c3) = (0, 0, 0, 0)
                for k in 0..<n {
                    let (a, b, c, d) = (Double(x0[k]), Double(x1[k]), Double(x2[k]), Double(x3[k]))
                    s0 += a.isNaN ? 0 : a
                    s1 += b.isNaN ? 0 : b
                    s2 += c.isNaN ? 0 : c
                    s3 += d.isNaN ? 0 : d
                    c0 += a.isNaN ? 0 : 1
                    c1 += b.isNaN ? 0 : 1
                    c2 += c.isNaN ? 0 : 1
                    c3 += d.isNaN ? 0 : 1
                }
                let sums = [s0, s1, s2, s3], counts = [c0, c1, c2, c3]
                for g in 0..<group {
                    let mean = counts[g] > 0 ? sums[g] / Double(counts[g]) : .nan
                    let row = x + (r + g) * n
                    for k in 0..<n { row[k] = D(Double(row[k]) - mean) }
                }
                r += group
            }
        }
    }
}
