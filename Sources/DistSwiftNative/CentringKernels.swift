/// DASCore's `demean`, `standardize` and `normalize` (l2) along time on raw buffers, in the values' own buffer.
/// Each row's statistic is one chain of dependent additions (the order that defines the result); four rows are
/// summed side by side so four chains are in flight, and each value is then rewritten in a plain loop with no
/// per-element bounds or uniqueness checks. The same operations in the same order as one row alone: the same bits
/// (a NaN adds 0, which leaves a sum that starts at +0 unchanged).
public enum CentringKernels {
    /// Each row less the mean of its values that are not NaN (numpy's nanmean; NaN when there are none).
    @inlinable
    public static func subtractRowMeansInPlace<D: BinaryFloatingPoint>(_ values: inout [D], columns n: Int) {
        forEachGroup(&values, columns: n) { rows, count in
            let (sums, counts) = sums(rows, n) { x, _ in x }
            for g in 0..<count {
                let mean = counts[g] > 0 ? sums[g] / Double(counts[g]) : .nan
                let row = rows[g]
                for k in 0..<n { row[k] = D(Double(row[k]) - mean) }
            }
        }
    }

    /// Each row as (x − mean) / std over its values that are not NaN (numpy's nanmean and nanstd, ddof 0).
    @inlinable
    public static func standardizeRowsInPlace<D: BinaryFloatingPoint>(_ values: inout [D], columns n: Int) {
        forEachGroup(&values, columns: n) { rows, count in
            let (sums, counts) = sums(rows, n) { x, _ in x }
            let means = (0..<4).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : .nan }
            let (squares, _) = self.sums(rows, n) { x, g in (x - means[g]) * (x - means[g]) }
            for g in 0..<count {
                let (mean, std) = (means[g], (squares[g] / Double(counts[g])).squareRoot())
                let row = rows[g]
                for k in 0..<n { row[k] = D((Double(row[k]) - mean) / std) }
            }
        }
    }

    /// Each row times 1 / its l2 norm over the values that are not NaN (a zero norm leaves the row as it is).
    @inlinable
    public static func scaleRowsByL2NormInPlace<D: BinaryFloatingPoint>(_ values: inout [D], columns n: Int) {
        forEachGroup(&values, columns: n) { rows, count in
            let (squares, _) = sums(rows, n) { x, _ in x * x }
            for g in 0..<count {
                let divisor = squares[g].squareRoot()
                let scale = 1 / (divisor == 0 ? 1 : divisor)
                let row = rows[g]
                for k in 0..<n { row[k] = D(Double(row[k]) * scale) }
            }
        }
    }

    /// Runs `body` on groups of up to four rows (the pointers of a short last group repeat its last row, which is
    /// then only read).
    @inlinable
    static func forEachGroup<D>(_ values: inout [D], columns n: Int,
                                _ body: ([UnsafeMutablePointer<D>], Int) -> Void) {
        guard n > 0, !values.isEmpty else { return }
        let rows = values.count / n
        values.withUnsafeMutableBufferPointer { buffer in
            let x = buffer.baseAddress!
            var r = 0
            while r < rows {
                let count = min(4, rows - r)
                body((0..<4).map { x + (r + min($0, count - 1)) * n }, count)
                r += count
            }
        }
    }

    /// Σ term(x, g) over the values x of each of the four rows g that are not NaN, each row's sum in order, and
    /// how many there were.
    @inlinable @inline(__always)
    static func sums<D: BinaryFloatingPoint>(_ rows: [UnsafeMutablePointer<D>], _ n: Int,
                                             _ term: (Double, Int) -> Double) -> ([Double], [Int]) {
        let (x0, x1, x2, x3) = (rows[0], rows[1], rows[2], rows[3])
        var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
        var (c0, c1, c2, c3) = (0, 0, 0, 0)
        for k in 0..<n {
            let (a, b, c, d) = (Double(x0[k]), Double(x1[k]), Double(x2[k]), Double(x3[k]))
            s0 += a.isNaN ? 0 : term(a, 0)
            s1 += b.isNaN ? 0 : term(b, 1)
            s2 += c.isNaN ? 0 : term(c, 2)
            s3 += d.isNaN ? 0 : term(d, 3)
            c0 += a.isNaN ? 0 : 1
            c1 += b.isNaN ? 0 : 1
            c2 += c.isNaN ? 0 : 1
            c3 += d.isNaN ? 0 : 1
        }
        return ([s0, s1, s2, s3], [c0, c1, c2, c3])
    }
}
