/// The inner loops of the sliding-window commands (running means, running maxima and minima, 2-D medians) over
/// row-major arrays, on raw buffers so they run at memory speed: O(n) per row whatever the window (prefix sums,
/// monotonic queues; a sliding sorted window for medians, a sorted-column network for 3 × 3). The window of sample t
/// is [t + lower, t + upper], clipped to the row.
public enum SlidingWindowKernels {
    /// Mean of each clipped window (0 where it is empty), every row of `values` (rows × columns). Prefix sums: a
    /// window's sum is the difference of two of them, with a rounding error of about 1e-16 of the row's running
    /// total — far below the 1e-9 the commands are checked to, even for a quiet window after a loud event.
    public static func means(_ values: [Double], rows: Int, columns n: Int, lower: Int, upper: Int) -> [Double] {
        var out = [Double](repeating: 0, count: values.count)
        var prefix = [Double](repeating: 0, count: n + 1)
        values.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { y in
                prefix.withUnsafeMutableBufferPointer { p in
                    for r in 0..<rows {
                        prefixSums(x, r * n, n, into: p, squared: false)
                        windowMeans(p, n, lower, upper) { t, mean in y[r * n + t] = mean }
                    }
                }
            }
        }
        return out
    }

    /// p[i] = Σ x[start ..< start + i] (of x² when `squared`).
    @inline(__always)
    private static func prefixSums(_ x: UnsafeBufferPointer<Double>, _ start: Int, _ n: Int,
                                   into p: UnsafeMutableBufferPointer<Double>, squared: Bool) {
        var sum = 0.0
        p[0] = 0
        if squared {
            for i in 0..<n { sum += x[start + i] * x[start + i]; p[i + 1] = sum }
        } else {
            for i in 0..<n { sum += x[start + i]; p[i + 1] = sum }
        }
    }

    /// The mean of every clipped window from the prefix sums p, given to `body(t, mean)`; empty windows are skipped.
    @inline(__always)
    private static func windowMeans(_ p: UnsafeMutableBufferPointer<Double>, _ n: Int, _ lower: Int, _ upper: Int,
                                    _ body: (Int, Double) -> Void) {
        // The interior, where the window is whole: one subtraction and one product per sample.
        let first = min(n, max(0, -lower)), last = max(first, min(n, n - upper))
        let scale = 1 / Double(upper - lower + 1)
        for t in first..<last { body(t, (p[t + upper + 1] - p[t + lower]) * scale) }
        for t in Array(0..<first) + Array(last..<n) {
            let a = max(0, t + lower), b = min(n - 1, t + upper)
            if a <= b { body(t, (p[b + 1] - p[a]) / Double(b - a + 1)) }
        }
    }

    /// STA/LTA of every row: mean of x² over [t, t + sta − 1] (clipped) over the mean of x² over [t − lta, t − 1],
    /// 0 for t < lta or a zero LTA. One prefix sum of x² per row serves both windows.
    public static func staLta(_ values: [Double], rows: Int, columns n: Int, sta: Int, lta: Int) -> [Double] {
        var out = [Double](repeating: 0, count: values.count)
        var prefix = [Double](repeating: 0, count: n + 1)
        values.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { y in
                prefix.withUnsafeMutableBufferPointer { p in
                    let longScale = 1 / Double(lta), shortScale = 1 / Double(sta)
                    for r in 0..<rows {
                        prefixSums(x, r * n, n, into: p, squared: true)
                        let whole = min(n, max(lta, n - sta + 1))
                        for t in min(lta, n)..<whole {
                            let long = (p[t] - p[t - lta]) * longScale
                            if long > 0 { y[r * n + t] = (p[t + sta] - p[t]) * shortScale / long }
                        }
                        for t in whole..<n where t >= lta {
                            let long = (p[t] - p[t - lta]) * longScale
                            if long > 0 { y[r * n + t] = (p[n] - p[t]) / Double(n - t) / long }
                        }
                    }
                }
            }
        }
        return out
    }

    /// Maximum (`largest` true) or minimum of each clipped window, every row (the window must hold t: lower ≤ 0 ≤
    /// upper). van Herk / Gil-Werman: the row, padded with ∓∞, in blocks of the window length w; within each block
    /// running extrema from the left (g) and from the right (h); a window spans at most two blocks, so its extreme
    /// is the better of h at its start and g at its end — three comparisons per sample, no branches on the data.
    public static func extrema(_ values: [Double], rows: Int, columns n: Int, lower: Int, upper: Int,
                               largest: Bool) -> [Double] {
        var out = [Double](repeating: 0, count: values.count)
        var scratch = RunningExtrema(columns: n, lower: lower, upper: upper)
        values.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { y in
                for r in 0..<rows {
                    scratch.load(x, r * n, largest: largest)
                    for t in 0..<n { y[r * n + t] = scratch.window(t, largest: largest) }
                }
            }
        }
        return out
    }

    /// For every row, the largest max − min over the clipped windows [t + lower, t + upper] (distpy's
    /// peak_to_peak), without storing the running extrema.
    public static func largestRange(_ values: [Double], rows: Int, columns n: Int, lower: Int, upper: Int) -> [Double] {
        var high = RunningExtrema(columns: n, lower: lower, upper: upper)
        var low = high
        return values.withUnsafeBufferPointer { x in
            (0..<rows).map { r in
                high.load(x, r * n, largest: true)
                low.load(x, r * n, largest: false)
                var best = 0.0
                for t in 0..<n { best = max(best, high.window(t, largest: true) - low.window(t, largest: false)) }
                return best
            }
        }
    }

    /// The van Herk / Gil-Werman buffers of one row.
    struct RunningExtrema {
        let n: Int, lower: Int, width: Int, pad: Int
        var g: [Double], h: [Double]

        init(columns n: Int, lower: Int, upper: Int) {
            self.n = n
            self.lower = lower
            width = upper - lower + 1
            pad = width
            g = [Double](repeating: 0, count: n + 2 * width)
            h = g
        }

        /// Fills g and h from row values x[start ..< start + n], padded with −∞ (maxima) or +∞ (minima).
        mutating func load(_ x: UnsafeBufferPointer<Double>, _ start: Int, largest: Bool) {
            let m = g.count, w = width, pad = self.pad, n = self.n
            let outside = largest ? -Double.infinity : Double.infinity
            g.withUnsafeMutableBufferPointer { g in
                h.withUnsafeMutableBufferPointer { h in
                    for i in 0..<m {
                        let k = i - pad
                        g[i] = k >= 0 && k < n ? x[start + k] : outside
                    }
                    for i in 0..<m { h[i] = g[i] }
                    var blockStart = 0
                    while blockStart < m {
                        let blockEnd = min(blockStart + w, m)
                        if largest {
                            for i in (blockStart + 1)..<max(blockStart + 1, blockEnd) { g[i] = max(g[i], g[i - 1]) }
                            for i in stride(from: blockEnd - 2, through: blockStart, by: -1) { h[i] = max(h[i], h[i + 1]) }
                        } else {
                            for i in (blockStart + 1)..<max(blockStart + 1, blockEnd) { g[i] = min(g[i], g[i - 1]) }
                            for i in stride(from: blockEnd - 2, through: blockStart, by: -1) { h[i] = min(h[i], h[i + 1]) }
                        }
                        blockStart = blockEnd
                    }
                }
            }
        }

        /// The extreme of the window of sample t.
        @inline(__always)
        func window(_ t: Int, largest: Bool) -> Double {
            let a = t + lower + pad, b = a + width - 1
            return largest ? max(h[a], g[b]) : min(h[a], g[b])
        }
    }

    /// scipy.ndimage.median_filter(x, size) with mode 'reflect' (d c b a | a b c d | d c b a): the median of the
    /// size × size window, the upper middle value for even sizes.
    public static func median(_ values: [Double], rows: Int, columns: Int, size: Int) -> [Double] {
        median(values, rows: rows, columns: columns, height: size, width: size)
    }

    /// scipy.ndimage.median_filter(x, size=(height, width)) with mode 'reflect': the median of the height (rows)
    /// × width (columns) window centred at (height // 2, width // 2), the upper middle value for an even count.
    public static func median(_ values: [Double], rows: Int, columns: Int, height: Int, width: Int) -> [Double] {
        var out = [Double](repeating: 0, count: values.count)
        guard rows > 0, columns > 0 else { return out }
        func reflect(_ i: Int, _ n: Int) -> Int {
            let period = 2 * n
            var k = ((i % period) + period) % period
            if k >= n { k = period - 1 - k }
            return k
        }
        let half = width / 2, rowHalf = height / 2
        let columnIndex = (-half..<(columns + width - half)).map { reflect($0, columns) }
        values.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { y in
                if height == 3 && width == 3 {
                    median3(x, y, rows: rows, columns: columns, columnIndex: columnIndex, reflect: reflect)
                    return
                }
                var window = [Double](repeating: 0, count: height * width)
                window.withUnsafeMutableBufferPointer { w in
                    for i in 0..<rows {
                        let sourceRows = (0..<height).map { reflect(i + $0 - rowHalf, rows) * columns }
                        var count = 0
                        for r in sourceRows { for b in 0..<width { w[count] = x[r + columnIndex[b]]; count += 1 } }
                        w.sort()
                        for j in 0..<columns {
                            if j > 0 {
                                let leaving = columnIndex[j - 1], entering = columnIndex[j + width - 1]
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
    static func replace(_ old: Double, with new: Double, in w: UnsafeMutableBufferPointer<Double>) {
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
