/// A short FIR correlation along one line, for the per-line filters of the toolkit (savgol): y[j] = Σₖ w[k]·x[j + k]
/// for every j whose whole window lies in the line, accumulated in the line's precision.
public enum LineFIR {
    /// `out[first + j] = Σₖ weights[k]·line[j + k]` for j in 0 ... line.count − weights.count, tap by tap over the
    /// whole interior (each tap one vectorisable pass over the line, all in cache). Every output sums its terms in
    /// tap order from zero, as a scalar loop over the window would, so float64 results are bit for bit the same.
    @inlinable
    public static func correlateInterior<D: BinaryFloatingPoint>(_ line: [D], weights: [D], into out: inout [D],
                                                                  first: Int) {
        let n = weights.count, count = line.count - n + 1
        guard count > 0 else { return }
        precondition(first >= 0 && first + count <= out.count, "the interior lies outside the output")
        line.withUnsafeBufferPointer { x in
            weights.withUnsafeBufferPointer { w in
                out.withUnsafeMutableBufferPointer { y in
                    let target = y.baseAddress! + first, source = x.baseAddress!
                    for j in 0..<count { target[j] = 0 }
                    for k in 0..<n {
                        let wk = w[k], from = source + k
                        for j in 0..<count { target[j] += wk * from[j] }
                    }
                }
            }
        }
    }
}
