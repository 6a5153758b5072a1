/// Derivative and integral along each row of a row-major array (time along a row): numpy.gradient's central
/// differences (DASCore's `differentiate`) and the cumulative trapezoid (DASCore's `integrate`), on raw buffers so
/// the inner loops have no per-element bounds or uniqueness checks (the Swift closures these replace spent most of
/// their time in those checks), with the same arithmetic in the same order: the same bits.
public enum CalculusRowKernels {
    // MARK: numpy.gradient along rows

    /// numpy.gradient(row, step·spacing, edge_order=2) of every row of `values` (`columns` samples a row), in the
    /// values' own buffer: central differences (x[k+step] − x[k−step]) · inverse inside, the second-order one-sided
    /// stencils on each of the `step` sub-sequences' ends, in float64 and rounded once. `inverse` is
    /// 1 / (2 · step · spacing). Each row is first copied to a scratch row (in cache). Needs columns ≥ 3 · step.
    /// Inlinable, as the other line kernels, so each precision's caller gets its own compiled loop.
    @inlinable
    public static func gradientRowsInPlace<D: BinaryFloatingPoint>(_ values: inout [D], columns n: Int, step: Int,
                                                         inverse: Double) {
        precondition(n >= 3 * step && step >= 1 && values.count % n == 0)
        let rows = values.count / n
        let scratch = UnsafeMutablePointer<D>.allocate(capacity: n)
        defer { scratch.deallocate() }
        values.withUnsafeMutableBufferPointer { x in
            for r in 0..<rows {
                let row = x.baseAddress! + r * n
                scratch.update(from: row, count: n)
                line(UnsafePointer(scratch), into: row, n: n, step: step, inverse: inverse)
            }
        }
    }

    /// The same into a new array of `D` (float32 rows to float64 in a float64 graph's first command).
    @inlinable
    public static func gradientRows<S: BinaryFloatingPoint, D: BinaryFloatingPoint>(_ x: [S], columns n: Int,
                                                                                 step: Int, inverse: Double) -> [D] {
        precondition(n >= 3 * step && step >= 1 && x.count % n == 0)
        let rows = x.count / n
        return FreshBuffer.array(x.count) { out in
            x.withUnsafeBufferPointer { x in
                for r in 0..<rows { line(x.baseAddress! + r * n, into: out.baseAddress! + r * n, n: n, step: step,
                                         inverse: inverse) }
            }
        }
    }

    /// One row's gradient from `v` into `out` (different memory). The edge stencils are summed from 0 in the order
    /// of their terms, as the Swift definition they replace: (0 + w₀·a) + w₁·b + w₂·c.
    @inlinable @inline(__always)
    static func line<S: BinaryFloatingPoint, D: BinaryFloatingPoint>(_ v: UnsafePointer<S>,
                                                                      into out: UnsafeMutablePointer<D>,
                                                                      n: Int, step s: Int, inverse: Double) {
        for k in s..<(n - s) { out[k] = D((Double(v[k + s]) - Double(v[k - s])) * inverse) }
        for k in 0..<s {
            out[k] = D(((0 + -3 * Double(v[k])) + 4 * Double(v[k + s]) + -1 * Double(v[k + 2 * s])) * inverse)
        }
        for k in (n - s)..<n {
            out[k] = D(((0 + 3 * Double(v[k])) + -4 * Double(v[k - s]) + 1 * Double(v[k - 2 * s])) * inverse)
        }
    }

    // MARK: numpy.gradient across rows

    /// numpy.gradient(x, step·spacing, axis=0, edge_order=2) — along the fibre, rows being channels — into a new
    /// array of `D`: output row k from input rows k ± step (the one-sided stencils' three rows at each end), in
    /// one pass over each output row, float64 differences rounded once. The terms are summed from 0 in the
    /// stencil's order, as the row-combining kernel this replaces: (0 + 1·x[k+s]) + (−1)·x[k−s] inside.
    @inlinable
    public static func gradientAcrossRows<S: BinaryFloatingPoint, D: BinaryFloatingPoint>(
        _ x: [S], rows n: Int, columns: Int, step s: Int, inverse: Double
    ) -> [D] {
        precondition(n >= 3 * s && s >= 1 && x.count == n * columns)
        return FreshBuffer.array(x.count) { out in
            x.withUnsafeBufferPointer { x in
                let x = x.baseAddress!, y = out.baseAddress!
                for k in 0..<n {
                    let target = y + k * columns
                    if k >= s && k < n - s {
                        let (a, b) = (x + (k + s) * columns, x + (k - s) * columns)
                        for j in 0..<columns { target[j] = D(((0 + 1 * Double(a[j])) + -1 * Double(b[j])) * inverse) }
                    } else {
                        let (w0, w1, w2, o1, o2): (Double, Double, Double, Int, Int)
                            = k < s ? (-3, 4, -1, s, 2 * s) : (3, -4, 1, -s, -2 * s)
                        let (a, b, c) = (x + k * columns, x + (k + o1) * columns, x + (k + o2) * columns)
                        for j in 0..<columns {
                            target[j] = D((((0 + w0 * Double(a[j])) + w1 * Double(b[j])) + w2 * Double(c[j])) * inverse)
                        }
                    }
                }
            }
        }
    }

    // MARK: Cumulative trapezoid

    /// The cumulative trapezoid of every row, equal to offsets[row] at element `anchor` and run forwards
    /// (y[k] = y[k−1] + (x[k−1] + x[k])·half) and backwards from there, in float64: four rows at a time, so four
    /// independent running sums are in flight instead of one chain of dependent additions (each row's sums are
    /// the same operations in the same order as one row alone).
    @inlinable
    public static func runningTrapezoid<S: BinaryFloatingPoint>(_ x: [S], columns n: Int, offsets: [Double],
                                                                anchor: Int, half: Double) -> [Double] {
        guard n > 0, !x.isEmpty else { return [] }
        let rows = x.count / n
        precondition(offsets.count == rows && anchor >= 0 && anchor < n)
        return FreshBuffer.array(x.count) { out in
            x.withUnsafeBufferPointer { x in
                let x = x.baseAddress!, y = out.baseAddress!
                var r = 0
                while r + 4 <= rows {
                    let (x0, x1, x2, x3) = (x + r * n, x + (r + 1) * n, x + (r + 2) * n, x + (r + 3) * n)
                    let (y0, y1, y2, y3) = (y + r * n, y + (r + 1) * n, y + (r + 2) * n, y + (r + 3) * n)
                    var (a0, a1, a2, a3) = (offsets[r], offsets[r + 1], offsets[r + 2], offsets[r + 3])
                    (y0[anchor], y1[anchor], y2[anchor], y3[anchor]) = (a0, a1, a2, a3)
                    var k = anchor + 1
                    while k < n {
                        a0 = a0 + (Double(x0[k - 1]) + Double(x0[k])) * half
                        a1 = a1 + (Double(x1[k - 1]) + Double(x1[k])) * half
                        a2 = a2 + (Double(x2[k - 1]) + Double(x2[k])) * half
                        a3 = a3 + (Double(x3[k - 1]) + Double(x3[k])) * half
                        (y0[k], y1[k], y2[k], y3[k]) = (a0, a1, a2, a3)
                        k += 1
                    }
                    (a0, a1, a2, a3) = (offsets[r], offsets[r + 1], offsets[r + 2], offsets[r + 3])
                    k = anchor - 1
                    while k >= 0 {
                        a0 = a0 - (Double(x0[k]) + Double(x0[k + 1])) * half
                        a1 = a1 - (Double(x1[k]) + Double(x1[k + 1])) * half
                        a2 = a2 - (Double(x2[k]) + Double(x2[k + 1])) * half
                        a3 = a3 - (Double(x3[k]) + Double(x3[k + 1])) * half
                        (y0[k], y1[k], y2[k], y3[k]) = (a0, a1, a2, a3)
                        k -= 1
                    }
                    r += 4
                }
                while r < rows {
                    let (xr, yr) = (x + r * n, y + r * n)
                    var a = offsets[r]
                    yr[anchor] = a
                    for k in (anchor + 1)..<max(n, anchor + 1) {
                        a = a + (Double(xr[k - 1]) + Double(xr[k])) * half
                        yr[k] = a
                    }
                    a = offsets[r]
                    var k = anchor - 1
                    while k >= 0 {
                        a = a - (Double(xr[k]) + Double(xr[k + 1])) * half
                        yr[k] = a
                        k -= 1
                    }
                    r += 1
                }
            }
        }
    }

    /// `runningTrapezoid` in the values' own buffer (each value read before it is overwritten, one row at a time):
    /// the same numbers, for `integrate` when the engine hands it its input (no fresh result to fault in).
    @inlinable
    public static func runningTrapezoidInPlace(_ x: inout [Double], columns n: Int, offsets: [Double], anchor: Int,
                                               half: Double) {
        guard n > 0, !x.isEmpty else { return }
        let rows = x.count / n
        precondition(offsets.count == rows && anchor >= 0 && anchor < n)
        x.withUnsafeMutableBufferPointer { x in
            for r in 0..<rows {
                let base = r * n
                let atAnchor = x[base + anchor]
                x[base + anchor] = offsets[r]
                var previous = atAnchor, k = anchor + 1
                while k < n {
                    let value = x[base + k]
                    x[base + k] = x[base + k - 1] + (previous + value) * half
                    previous = value
                    k += 1
                }
                var next = atAnchor
                k = anchor - 1
                while k >= 0 {
                    let value = x[base + k]
                    x[base + k] = x[base + k + 1] - (value + next) * half
                    next = value
                    k -= 1
                }
            }
        }
    }
}
