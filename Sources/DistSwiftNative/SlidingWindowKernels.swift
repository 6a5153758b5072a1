import CDistShims

/// The inner loops of the sliding-window commands (running means, STA/LTA, running maxima and minima, 2-D medians)
/// over row-major arrays. The 1-D kernels run in C (Sources/CDistShims/dist_sliding.c, compiled for AVX-512, AVX2
/// and the x86-64 baseline and chosen at run time): O(n) per row for any window (prefix sums scanned in SIMD
/// registers) or O(n log w) with no dependent chain (running extrema by doubling), on float64 rows in place or
/// float32 rows (a chunk as it was read) widened as they are read, so a float32 chunk needs no float64 copy. The
/// window of sample t is [t + lower, t + upper], clipped to the row. Outputs are `FreshBuffer`s written once,
/// float64 or, for a float32 graph, the same values rounded to float32.
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

        /// body(the values, whether they are float32) for the C kernels.
        func withRaw<R>(_ body: (UnsafeRawPointer, Int32) -> R) -> R {
            switch self {
            case .double(let x): return x.withUnsafeBytes { body($0.baseAddress!, 0) }
            case .single(let x): return x.withUnsafeBytes { body($0.baseAddress!, 1) }
            }
        }
    }

    /// Which compiled copy of the C kernels runs: the best this processor has, at most AVX2, or the x86-64 baseline
    /// (tests run every level; every level gives the same bits).
    public enum Level: Int32, CaseIterable, Sendable {
        case best = 0, avx2 = 1, baseline = 2

        /// The vector width this level resolves to here: 512, 256 or 128 bits.
        public var vectorBits: Int { Int(dist_sliding_vector_bits(rawValue)) }
    }

    /// rows × columns outputs of `Output` from a C kernel given (input, input is float32, output, output is float32).
    private static func run<Output: WindowOutput>(_ values: Rows, rows: Int, columns n: Int, as: Output.Type,
                                                  _ kernel: (UnsafeRawPointer, Int32, UnsafeMutableRawPointer, Int32)
                                                      -> Void) -> [Output] {
        precondition(values.count == rows * n, "\(values.count) values for \(rows) × \(n)")
        guard rows * n > 0 else { return [] }
        return FreshBuffer.array(rows * n) { (y: UnsafeMutableBufferPointer<Output>) in
            values.withRaw { x, single in kernel(x, single, UnsafeMutableRawPointer(y.baseAddress!), Output.single) }
        }
    }

    /// Mean of each clipped window (0 where it is empty), every row of `values` (rows × columns). Prefix sums: a
    /// window's sum is the difference of two of them, with a rounding error of about 1e-16 of the row's running
    /// total — far below the 1e-9 the commands are checked to, even for a quiet window after a loud event.
    public static func means(_ values: [Double], rows: Int, columns n: Int, lower: Int, upper: Int) -> [Double] {
        means(.double(values), rows: rows, columns: n, lower: lower, upper: upper)
    }

    public static func means<Output: WindowOutput>(_ values: Rows, rows: Int, columns n: Int, lower: Int, upper: Int,
                                                   as: Output.Type = Double.self, level: Level = .best) -> [Output] {
        run(values, rows: rows, columns: n, as: Output.self) { x, single, y, outSingle in
            dist_window_means(x, single, y, outSingle, rows, n, lower, upper, level.rawValue)
        }
    }

    /// `means` written over its own input (`values` rows × columns, float64 or float32, the result in the same
    /// precision): no fresh output buffer to fault in, for a command the engine hands its input's buffer
    /// (`worksInPlace`). The same bits as `means` into a fresh buffer.
    public static func meansInPlace<Element: WindowOutput>(_ values: inout [Element], rows: Int, columns n: Int,
                                                           lower: Int, upper: Int, level: Level = .best) {
        precondition(values.count == rows * n, "\(values.count) values for \(rows) × \(n)")
        guard rows * n > 0 else { return }
        values.withUnsafeMutableBytes { y in
            dist_window_means(y.baseAddress!, Element.single, y.baseAddress!, Element.single, rows, n, lower, upper,
                              level.rawValue)
        }
    }

    /// STA/LTA of every row: mean of x² over [t, t + sta − 1] (clipped) over the mean of x² over [t − lta, t − 1],
    /// 0 for t < lta or a zero LTA. One prefix sum of x² per row serves both windows.
    public static func staLta(_ values: [Double], rows: Int, columns n: Int, sta: Int, lta: Int) -> [Double] {
        staLta(.double(values), rows: rows, columns: n, sta: sta, lta: lta)
    }

    public static func staLta<Output: WindowOutput>(_ values: Rows, rows: Int, columns n: Int, sta: Int, lta: Int,
                                                    as: Output.Type = Double.self, level: Level = .best) -> [Output] {
        run(values, rows: rows, columns: n, as: Output.self) { x, single, y, outSingle in
            dist_sta_lta(x, single, y, outSingle, rows, n, sta, lta, level.rawValue)
        }
    }

    /// DASCore's `stalta`: the mean of the `short` samples ending at t over the mean of the `long` samples ending at
    /// t (trailing windows, the input as given: DASCore averages the values, not their squares); NaN for
    /// t < long − 1, where the long window is not whole; IEEE division otherwise (as numpy).
    public static func trailingMeanRatio<Output: WindowOutput>(_ values: Rows, rows: Int, columns n: Int, short: Int,
                                                               long: Int, as: Output.Type = Double.self,
                                                               level: Level = .best) -> [Output] {
        run(values, rows: rows, columns: n, as: Output.self) { x, single, y, outSingle in
            dist_trailing_mean_ratio(x, single, y, outSingle, rows, n, short, long, level.rawValue)
        }
    }

    /// Maximum (`largest` true) or minimum of each clipped window, every row (the window must hold t: lower ≤ 0 ≤
    /// upper); NaN where the window holds a NaN. Exact: the output is one of the inputs.
    public static func extrema(_ values: [Double], rows: Int, columns n: Int, lower: Int, upper: Int,
                               largest: Bool) -> [Double] {
        extrema(.double(values), rows: rows, columns: n, lower: lower, upper: upper, largest: largest)
    }

    public static func extrema<Output: WindowOutput>(_ values: Rows, rows: Int, columns n: Int, lower: Int, upper: Int,
                                                     largest: Bool, as: Output.Type = Double.self,
                                                     level: Level = .best) -> [Output] {
        precondition(lower <= 0 && upper >= 0, "the window [t + \(lower), t + \(upper)] must hold t")
        return run(values, rows: rows, columns: n, as: Output.self) { x, single, y, outSingle in
            dist_window_extrema(x, single, y, outSingle, rows, n, lower, upper, largest ? 1 : 0, level.rawValue)
        }
    }

    /// For every row, the largest max − min over the clipped windows [t + lower, t + upper] (distpy's
    /// peak_to_peak); windows holding a NaN are left out, 0 when none is left.
    public static func largestRange(_ values: [Double], rows: Int, columns n: Int, lower: Int, upper: Int) -> [Double] {
        largestRange(.double(values), rows: rows, columns: n, lower: lower, upper: upper)
    }

    public static func largestRange(_ values: Rows, rows: Int, columns n: Int, lower: Int, upper: Int,
                                    level: Level = .best) -> [Double] {
        precondition(values.count == rows * n && lower <= 0 && upper >= 0)
        guard n > 0 else { return [Double](repeating: 0, count: rows) }
        var out = [Double](repeating: 0, count: rows)
        values.withRaw { x, single in
            out.withUnsafeMutableBufferPointer { y in
                dist_window_largest_range(x, single, y.baseAddress!, rows, n, lower, upper, level.rawValue)
            }
        }
        return out
    }

    /// scipy.ndimage.median_filter(x, size) with mode 'reflect' (d c b a | a b c d | d c b a): the median of the
    /// size × size window, the upper middle value for even sizes.
    public static func median(_ values: [Double], rows: Int, columns: Int, size: Int) -> [Double] {
        median(values, rows: rows, columns: columns, height: size, width: size)
    }

    /// scipy.ndimage.median_filter(x, size=(height, width)) with mode 'reflect': the median of the height (rows)
    /// × width (columns) window centred at (height // 2, width // 2), the upper middle value for an even count.
    /// Windows of up to 15 values other than 3 × 3 (hampel_filter's and dascore_median_filter's usual windows) run
    /// in C (`dist_small_medians`: a sorting network on 8 outputs at a time); 3 × 3 shares sorted columns
    /// (`median3`); larger windows slide a sorted copy.
    public static func median(_ values: [Double], rows: Int, columns: Int, height: Int, width: Int,
                              level: Level = .best) -> [Double] {
        if height * width <= 15 && !(height == 3 && width == 3) && rows > 0 && columns > 0 {
            return FreshBuffer.array(values.count) { y in
                values.withUnsafeBufferPointer { x in
                    dist_small_medians(x.baseAddress!, y.baseAddress!, rows, columns, height, width, level.rawValue)
                }
            }
        }
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

/// The element types the sliding-window kernels write: float64, or float32 (the float64 result rounded to nearest).
public protocol WindowOutput: BinaryFloatingPoint {
    /// 1 for float32 (the C kernels' flag).
    static var single: Int32 { get }
}

extension Double: WindowOutput { public static var single: Int32 { 0 } }
extension Float: WindowOutput { public static var single: Int32 { 1 } }
