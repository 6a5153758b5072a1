/// The inner loops of the sliding-window commands (running means, running maxima and minima, 2-D medians) over
/// row-major arrays, on raw buffers so they run at memory speed: O(n) per row whatever the window (prefix sums,
/// monotonic queues; a sliding sorted window for medians, a sorted-column network for 3 × 3). The window of sample t
/// is [t + lower, t + upper], clipped to the row. The 1-D kernels read float64 rows in place or float32 rows (a
/// chunk as it was read) widened one row at a time into a cache-resident scratch row, so a float32 chunk needs no
/// float64 copy; outputs are `FreshBuffer`s written once.
public enum SlidingWindowKernels {
    /// Row-major input values, float64 or float32.
    public enum Rows {
        case double([Double])
        case single([Float])

        var count: Int {
            switch self {
            case .double(let x): return x.count
            case .single(let x): return x.count
            }
        }

        /// body(r, row r as float64) for every row: float64 rows read in place, float32 rows widened into one
        /// scratch row.
        @inline(__always)
        func forEachRow(rows: Int, columns n: Int, _ body: (Int, UnsafeBufferPointer<Double>) -> Void) {
            forEachBlock(of: 1, rows: rows, columns: n) { r, _, x in body(r, x) }
        }

        /// body(first row, row count, those rows as float64, contiguous) for blocks of up to `size` rows.
        @inline(__always)
        func forEachBlock(of size: Int, rows: Int, columns n: Int,
                          _ body: (Int, Int, UnsafeBufferPointer<Double>) -> Void) {
            precondition(count == rows * n, "\(count) values for \(rows) × \(n)")
            switch self {
            case .double(let values):
                values.withUnsafeBufferPointer { x in
                    for r in stride(from: 0, to: rows, by: size) {
                        let k = min(size, rows - r)
                        body(r, k, UnsafeBufferPointer(rebasing: x[(r * n)..<((r + k) * n)]))
                    }
                }
            case .single(let values):
                let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: size * n)
                defer { scratch.deallocate() }
                values.withUnsafeBufferPointer { x in
                    for r in stride(from: 0, to: rows, by: size) {
                        let k = min(size, rows - r)
                        for i in 0..<(k * n) { scratch[i] = Double(x[r * n + i]) }
                        body(r, k, UnsafeBufferPointer(rebasing: scratch[0..<(k * n)]))
                    }
                }
            }
        }
    }

    /// Mean of each clipped window (0 where it is empty), every row of `values` (rows × columns). Prefix sums: a
    /// window's sum is the difference of two of them, with a rounding error of about 1e-16 of the row's running
    /// total — far below the 1e-9 the commands are checked to, even for a quiet window after a loud event.
    public static func means(_ values: [Double], rows: Int, columns n: Int, lower: Int, upper: Int) -> [Double] {
        means(.double(values), rows: rows, columns: n, lower: lower, upper: upper)
    }

    /// Four rows at a time in the lanes of SIMD4 vectors (the running sum along a row is a chain of dependent
    /// additions; four independent rows fill its waits), each lane summing its row in the same order as one row
    /// alone would.
    public static func means(_ values: Rows, rows: Int, columns n: Int, lower: Int, upper: Int) -> [Double] {
        let p = UnsafeMutableBufferPointer<SIMD4<Double>>.allocate(capacity: n + 1)
        defer { p.deallocate() }
        return FreshBuffer.array(values.count) { y in
            values.forEachBlock(of: 4, rows: rows, columns: n) { first, count, x in
                var sum = SIMD4<Double>()
                p[0] = sum
                if count == 4 {
                    for i in 0..<n { sum += SIMD4(x[i], x[n + i], x[2 * n + i], x[3 * n + i]); p[i + 1] = sum }
                    windowMeans(p, n, lower, upper) { t, mean in
                        for l in 0..<4 { y[(first + l) * n + t] = mean[l] }
                    }
                } else {
                    for i in 0..<n {
                        var v = SIMD4<Double>()
                        for l in 0..<count { v[l] = x[l * n + i] }
                        sum += v
                        p[i + 1] = sum
                    }
                    windowMeans(p, n, lower, upper) { t, mean in
                        for l in 0..<count { y[(first + l) * n + t] = mean[l] }
                    }
                }
            }
        }
    }

    /// p[i] = Σ x[0 ..< i] (of x² when `squared`).
    @inline(__always)
    private static func prefixSums(_ x: UnsafeBufferPointer<Double>, _ n: Int,
                                   into p: UnsafeMutableBufferPointer<Double>, squared: Bool) {
        var sum = 0.0
        p[0] = 0
        if squared {
            for i in 0..<n { sum += x[i] * x[i]; p[i + 1] = sum }
        } else {
            for i in 0..<n { sum += x[i]; p[i + 1] = sum }
        }
    }

    /// The mean of every clipped window from the prefix sums p (of one row per lane), given to `body(t, mean)` (0
    /// for an empty window).
    @inline(__always)
    private static func windowMeans<V: SIMD>(_ p: UnsafeMutableBufferPointer<V>, _ n: Int, _ lower: Int, _ upper: Int,
                                             _ body: (Int, V) -> Void) where V.Scalar == Double {
        // The interior, where the window is whole: one subtraction and one product per sample.
        let first = min(n, max(0, -lower)), last = max(first, min(n, n - upper))
        let scale = 1 / Double(upper - lower + 1)
        for t in first..<last { body(t, (p[t + upper + 1] - p[t + lower]) * scale) }
        for t in Array(0..<first) + Array(last..<n) {
            let a = max(0, t + lower), b = min(n - 1, t + upper)
            body(t, a <= b ? (p[b + 1] - p[a]) / Double(b - a + 1) : V())
        }
    }

    /// STA/LTA of every row: mean of x² over [t, t + sta − 1] (clipped) over the mean of x² over [t − lta, t − 1],
    /// 0 for t < lta or a zero LTA. One prefix sum of x² per row serves both windows.
    public static func staLta(_ values: [Double], rows: Int, columns n: Int, sta: Int, lta: Int) -> [Double] {
        staLta(.double(values), rows: rows, columns: n, sta: sta, lta: lta)
    }

    public static func staLta(_ values: Rows, rows: Int, columns n: Int, sta: Int, lta: Int) -> [Double] {
        var prefix = [Double](repeating: 0, count: n + 1)
        return FreshBuffer.array(values.count) { y in
            prefix.withUnsafeMutableBufferPointer { p in
                let longScale = 1 / Double(lta), shortScale = 1 / Double(sta)
                values.forEachRow(rows: rows, columns: n) { r, x in
                    prefixSums(x, n, into: p, squared: true)
                    let row = r * n
                    for t in 0..<min(lta, n) { y[row + t] = 0 }
                    let whole = min(n, max(lta, n - sta + 1))
                    for t in min(lta, n)..<whole {
                        let long = (p[t] - p[t - lta]) * longScale
                        y[row + t] = long > 0 ? (p[t + sta] - p[t]) * shortScale / long : 0
                    }
                    for t in max(whole, lta)..<max(n, lta) {
                        let long = (p[t] - p[t - lta]) * longScale
                        y[row + t] = long > 0 ? (p[n] - p[t]) / Double(n - t) / long : 0
                    }
                }
            }
        }
    }

    /// Maximum (`largest` true) or minimum of each clipped window, every row (the window must hold t: lower ≤ 0 ≤
    /// upper). van Herk / Gil-Werman: the row, padded with ∓∞, in blocks of the window length w; within each block
    /// running extrema from the left (g) and from the right (h); a window spans at most two blocks, so its extreme
    /// is the better of h at its start and g at its end — three comparisons per sample, no branches on the data.
    public static func extrema(_ values: [Double], rows: Int, columns n: Int, lower: Int, upper: Int,
                               largest: Bool) -> [Double] {
        extrema(.double(values), rows: rows, columns: n, lower: lower, upper: upper, largest: largest)
    }

    /// Four rows at a time in the lanes of SIMD4 vectors: the running extrema are chains of dependent comparisons
    /// along a row, so one row at a time waits on each comparison; four independent rows fill those waits.
    public static func extrema(_ values: Rows, rows: Int, columns n: Int, lower: Int, upper: Int,
                               largest: Bool) -> [Double] {
        let lanes = RunningExtrema<SIMD4<Double>>(columns: n, lower: lower, upper: upper)
        let single = RunningExtrema<Double>(columns: n, lower: lower, upper: upper)
        defer { lanes.deallocate(); single.deallocate() }
        return FreshBuffer.array(values.count) { y in
            values.forEachBlock(of: 4, rows: rows, columns: n) { first, count, x in
                if count == 4 {
                    lanes.load({ k in SIMD4(x[k], x[n + k], x[2 * n + k], x[3 * n + k]) }, largest: largest)
                    for t in 0..<n {
                        let v = lanes.window(t, largest: largest)
                        for l in 0..<4 { y[(first + l) * n + t] = v[l] }
                    }
                    return
                }
                for l in 0..<count {
                    single.load({ k in x[l * n + k] }, largest: largest)
                    for t in 0..<n { y[(first + l) * n + t] = single.window(t, largest: largest) }
                }
            }
        }
    }

    /// For every row, the largest max − min over the clipped windows [t + lower, t + upper] (distpy's
    /// peak_to_peak), without storing the running extrema.
    public static func largestRange(_ values: [Double], rows: Int, columns n: Int, lower: Int, upper: Int) -> [Double] {
        largestRange(.double(values), rows: rows, columns: n, lower: lower, upper: upper)
    }

    /// Four rows at a time in SIMD lanes, as `extrema`.
    public static func largestRange(_ values: Rows, rows: Int, columns n: Int, lower: Int, upper: Int) -> [Double] {
        let high = RunningExtrema<SIMD4<Double>>(columns: n, lower: lower, upper: upper)
        let low = RunningExtrema<SIMD4<Double>>(columns: n, lower: lower, upper: upper)
        let highOne = RunningExtrema<Double>(columns: n, lower: lower, upper: upper)
        let lowOne = RunningExtrema<Double>(columns: n, lower: lower, upper: upper)
        defer { high.deallocate(); low.deallocate(); highOne.deallocate(); lowOne.deallocate() }
        var out = [Double](repeating: 0, count: rows)
        values.forEachBlock(of: 4, rows: rows, columns: n) { first, count, x in
            if count == 4 {
                let row = { (k: Int) in SIMD4(x[k], x[n + k], x[2 * n + k], x[3 * n + k]) }
                high.load(row, largest: true)
                low.load(row, largest: false)
                var best = SIMD4<Double>(repeating: 0)
                for t in 0..<n { best = .larger(best, high.window(t, largest: true) - low.window(t, largest: false)) }
                for l in 0..<4 { out[first + l] = best[l] }
                return
            }
            for l in 0..<count {
                highOne.load({ k in x[l * n + k] }, largest: true)
                lowOne.load({ k in x[l * n + k] }, largest: false)
                var best = 0.0
                for t in 0..<n { best = .larger(best, highOne.window(t, largest: true) - lowOne.window(t, largest: false)) }
                out[first + l] = best
            }
        }
        return out
    }

    /// The van Herk / Gil-Werman buffers of one row, or of several rows in SIMD lanes (allocated once per call,
    /// freed by `deallocate`).
    struct RunningExtrema<Lane: ExtremaLane> {
        let n: Int, lower: Int, width: Int, pad: Int
        let g: UnsafeMutableBufferPointer<Lane>, h: UnsafeMutableBufferPointer<Lane>

        init(columns n: Int, lower: Int, upper: Int) {
            self.n = n
            self.lower = lower
            width = upper - lower + 1
            pad = width
            g = .allocate(capacity: n + 2 * width)
            h = .allocate(capacity: n + 2 * width)
        }

        func deallocate() {
            g.deallocate()
            h.deallocate()
        }

        /// Fills g and h from the row values x(0 ..< n), padded with −∞ (maxima) or +∞ (minima).
        @inline(__always)
        func load(_ x: (Int) -> Lane, largest: Bool) {
            let m = g.count, w = width, pad = self.pad, n = self.n
            let outside = Lane(repeating: largest ? -Double.infinity : Double.infinity)
            for i in 0..<pad { g[i] = outside }
            for k in 0..<n { g[pad + k] = x(k) }
            for i in (pad + n)..<m { g[i] = outside }
            for i in 0..<m { h[i] = g[i] }
            var blockStart = 0
            while blockStart < m {
                let blockEnd = min(blockStart + w, m)
                if largest {
                    for i in (blockStart + 1)..<max(blockStart + 1, blockEnd) { g[i] = .larger(g[i], g[i - 1]) }
                    for i in stride(from: blockEnd - 2, through: blockStart, by: -1) { h[i] = .larger(h[i], h[i + 1]) }
                } else {
                    for i in (blockStart + 1)..<max(blockStart + 1, blockEnd) { g[i] = .smaller(g[i], g[i - 1]) }
                    for i in stride(from: blockEnd - 2, through: blockStart, by: -1) { h[i] = .smaller(h[i], h[i + 1]) }
                }
                blockStart = blockEnd
            }
        }

        /// The extreme of the window of sample t.
        @inline(__always)
        func window(_ t: Int, largest: Bool) -> Lane {
            let a = t + lower + pad, b = a + width - 1
            return largest ? .larger(h[a], g[b]) : .smaller(h[a], g[b])
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
        var out = FreshBuffer.zeros(values.count)
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

/// One value or a SIMD vector of values (one per row) in the running extrema. `larger` and `smaller` are Swift's
/// `max` and `min` lane by lane (y ≥ x ? y : x and y < x ? y : x), so lanes give exactly what one row at a time gives.
protocol ExtremaLane {
    init(repeating value: Double)
    static func larger(_ x: Self, _ y: Self) -> Self
    static func smaller(_ x: Self, _ y: Self) -> Self
    static func - (a: Self, b: Self) -> Self
}

extension Double: ExtremaLane {
    init(repeating value: Double) { self = value }
    @inline(__always) static func larger(_ x: Double, _ y: Double) -> Double { Swift.max(x, y) }
    @inline(__always) static func smaller(_ x: Double, _ y: Double) -> Double { Swift.min(x, y) }
}

extension SIMD4: ExtremaLane where Scalar == Double {
    @inline(__always) static func larger(_ x: SIMD4<Double>, _ y: SIMD4<Double>) -> SIMD4<Double> {
        x.replacing(with: y, where: y .>= x)
    }
    @inline(__always) static func smaller(_ x: SIMD4<Double>, _ y: SIMD4<Double>) -> SIMD4<Double> {
        x.replacing(with: y, where: y .< x)
    }
}
