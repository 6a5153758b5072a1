/// The inner loops of the sliding-window commands (running means, running maxima and minima, 2-D medians) over
/// row-major arrays, on raw buffers so they run at memory speed: O(n) per row whatever the window (prefix sums,
/// monotonic queues; a sliding sorted window for medians, a sorted-column network for 3 × 3). The window of sample t
/// is [t + lower, t + upper], clipped to the row.
public enum SlidingWindowKernels {
    /// Mean of each clipped window (0 where it is empty), every row of `values` (rows × columns).
    public static func means(_ values: [Double], rows: Int, columns n: Int, lower: Int, upper: Int) -> [Double] {
        var out = [Double](repeating: 0, count: values.count)
        var prefix = [Double](repeating: 0, count: n + 1)
        values.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { y in
                prefix.withUnsafeMutableBufferPointer { p in
                    for r in 0..<rows {
                        let row = r * n
                        // Compensated prefix sums: differences of large totals keep their digits after a loud event.
                        var sum = 0.0, carry = 0.0
                        for i in 0..<n {
                            let v = x[row + i] - carry
                            let t = sum + v
                            carry = (t - sum) - v
                            sum = t
                            p[i + 1] = sum
                        }
                        // The interior, where the window is whole: one subtraction and one product per sample.
                        let first = max(0, -lower), last = min(n, n - upper)
                        let scale = 1 / Double(upper - lower + 1)
                        if first < last {
                            for t in first..<last { y[row + t] = (p[t + upper + 1] - p[t + lower]) * scale }
                        }
                        for t in Array(0..<min(first, n)) + Array(max(last, 0)..<n) {
                            let a = max(0, t + lower), b = min(n - 1, t + upper)
                            if a <= b { y[row + t] = (p[b + 1] - p[a]) / Double(b - a + 1) }
                        }
                    }
                }
            }
        }
        return out
    }

    /// Maximum (`largest` true) or minimum of each clipped window, every row: a monotonic queue of candidate indices
    /// whose front is the window's extreme; each index enters and leaves once.
    public static func extrema(_ values: [Double], rows: Int, columns n: Int, lower: Int, upper: Int,
                               largest: Bool) -> [Double] {
        var out = [Double](repeating: .nan, count: values.count)
        var queue = [Int](repeating: 0, count: max(n, 1))
        values.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { y in
                queue.withUnsafeMutableBufferPointer { q in
                    for r in 0..<rows {
                        let row = r * n
                        var head = 0, tail = 0, next = 0
                        for t in 0..<n {
                            let b = min(n - 1, t + upper)
                            while next <= b {
                                let v = x[row + next]
                                if largest {
                                    while tail > head && x[row + q[tail - 1]] < v { tail -= 1 }
                                } else {
                                    while tail > head && x[row + q[tail - 1]] > v { tail -= 1 }
                                }
                                q[tail] = next
                                tail += 1
                                next += 1
                            }
                            let a = t + lower
                            while head < tail && q[head] < a { head += 1 }
                            if head < tail { y[row + t] = x[row + q[head]] }
                        }
                    }
                }
            }
        }
        return out
    }

    /// scipy.ndimage.median_filter(x, size) with mode 'reflect' (d c b a | a b c d | d c b a): the median of the
    /// size × size window, the upper middle value for even sizes.
    public static func median(_ values: [Double], rows: Int, columns: Int, size: Int) -> [Double] {
        var out = [Double](repeating: 0, count: values.count)
        guard rows > 0, columns > 0 else { return out }
        func reflect(_ i: Int, _ n: Int) -> Int {
            let period = 2 * n
            var k = ((i % period) + period) % period
            if k >= n { k = period - 1 - k }
            return k
        }
        let half = size / 2
        let columnIndex = (-half..<(columns + size - half)).map { reflect($0, columns) }
        values.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { y in
                if size == 3 {
                    median3(x, y, rows: rows, columns: columns, columnIndex: columnIndex, reflect: reflect)
                    return
                }
                var window = [Double](repeating: 0, count: size * size)
                window.withUnsafeMutableBufferPointer { w in
                    for i in 0..<rows {
                        let sourceRows = (0..<size).map { reflect(i + $0 - half, rows) * columns }
                        var count = 0
                        for r in sourceRows { for b in 0..<size { w[count] = x[r + columnIndex[b]]; count += 1 } }
                        w.sort()
                        for j in 0..<columns {
                            if j > 0 {
                                let leaving = columnIndex[j - 1], entering = columnIndex[j + size - 1]
                                for r in sourceRows {
                                    replace(x[r + leaving], with: x[r + entering], in: w)
                                }
                            }
                            y[i * columns + j] = w[w.count / 2]
                        }
                    }
                }
            }
        }
        return out
    }

    /// Replaces one occurrence of `old` in the sorted window by `new`, shifting the values between them.
    private static func replace(_ old: Double, with new: Double, in w: UnsafeMutableBufferPointer<Double>) {
        var lo = 0, hi = w.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if w[mid] < old { lo = mid + 1 } else { hi = mid }
        }
        var i = min(lo, w.count - 1)
        if new >= old {
            while i + 1 < w.count && w[i + 1] < new { w[i] = w[i + 1]; i += 1 }
        } else {
            while i > 0 && w[i - 1] > new { w[i] = w[i - 1]; i -= 1 }
        }
        w[i] = new
    }

    /// 3 × 3 medians: each window column sorted (three compare-exchanges, shared by the three windows that hold
    /// it), then the median of nine = median(max of the minima, median of the middles, min of the maxima).
    private static func median3(_ x: UnsafeBufferPointer<Double>, _ y: UnsafeMutableBufferPointer<Double>, rows: Int,
                                columns: Int, columnIndex: [Int], reflect: (Int, Int) -> Int) {
        var low = [Double](repeating: 0, count: columns + 2), mid = low, high = low
        for i in 0..<rows {
            let r0 = reflect(i - 1, rows) * columns, r1 = i * columns, r2 = reflect(i + 1, rows) * columns
            for k in 0..<(columns + 2) {
                let c = columnIndex[k]
                var a = x[r0 + c], b = x[r1 + c], d = x[r2 + c]
                if a > b { swap(&a, &b) }
                if b > d { swap(&b, &d) }
                if a > b { swap(&a, &b) }
                low[k] = a
                mid[k] = b
                high[k] = d
            }
            for j in 0..<columns {
                let lowMax = max(low[j], max(low[j + 1], low[j + 2]))
                let highMin = min(high[j], min(high[j + 1], high[j + 2]))
                var a = mid[j], b = mid[j + 1], d = mid[j + 2]
                if a > b { swap(&a, &b) }
                if b > d { swap(&b, &d) }
                if a > b { swap(&a, &b) }
                // Median of (lowMax, b, highMin).
                y[i * columns + j] = max(min(lowMax, b), min(max(lowMax, b), highMin))
            }
        }
    }
}
