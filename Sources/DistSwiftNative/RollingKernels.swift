import CDistShims

/// The inner loops of the rolling statistics (DASCore's `patch.rolling(...)`) over row-major arrays: each row's
/// statistic of the window [t − before, t + after] at the output samples t = first, first + step, …; NaN where the
/// window is not whole (DASCore's convention at the ends of a record). Means and standard deviations are O(n) per row
/// whatever the window (prefix sums), maxima and minima O(n log w) (doubling), all in C (`dist_rolling`); medians
/// keep a sorted window and move it by `step` samples (O(min(step, w) · w) per output), or for a step of 8 or more
/// select each kept window's median in C.
public enum RollingKernels {
    public enum Statistic: Sendable {
        /// Mean; standard deviation with divisor w (numpy's ddof 0, as DASCore); median (the mean of the two
        /// middle values for an even window, as numpy); maximum; minimum.
        case mean, std, median, max, min
    }

    /// The number of output samples first, first + step, … below n.
    public static func outputCount(columns n: Int, first: Int, step: Int) -> Int {
        first < n ? (n - first + step - 1) / step : 0
    }

    /// rows × outputCount values. Means, standard deviations, maxima, minima and the medians of windows that barely
    /// overlap run in C (`dist_rolling`: float32 rows read as they are, only the kept windows computed when they
    /// barely overlap); medians of overlapping windows slide a sorted window here, on float64.
    public static func rolling(_ values: [Double], rows: Int, columns n: Int, before: Int, after: Int, first: Int,
                               step: Int, statistic: Statistic) -> [Double] {
        rolling(.double(values), rows: rows, columns: n, before: before, after: after, first: first, step: step,
                statistic: statistic)
    }

    public static func rolling(_ input: SlidingWindowKernels.Rows, rows: Int, columns n: Int, before: Int, after: Int,
                               first: Int, step: Int, statistic: Statistic,
                               level: SlidingWindowKernels.Level = .best) -> [Double] {
        let m = outputCount(columns: n, first: first, step: step)
        let w = before + after + 1
        let code: Int32? = switch statistic {
        case .mean: 0
        case .max: 1
        case .min: 2
        // Medians of windows that barely overlap by selection in C; overlapping ones slide a sorted window here.
        case .median where !slides(step: step, window: w): 3
        case .std: 4
        case .median: nil
        }
        if let code {
            guard rows * m > 0 else { return [] }
            return FreshBuffer.array(rows * m) { y in
                input.withRaw { x, single in
                    dist_rolling(x, single, y.baseAddress!, rows, n, before, after, first, step, code, level.rawValue)
                }
            }
        }
        let values: [Double] = switch input {
        case .double(let x): x
        case .single(let x): x.map { Double($0) }
        }
        var out = [Double](repeating: .nan, count: rows * m)
        guard m > 0, n >= w else { return out }
        // Outputs whose window is whole: t − before ≥ 0 and t + after ≤ n − 1.
        let lowest = Swift.max(0, (before - first + step - 1) / step)
        let highest = (n - 1 - after - first) >= 0 ? (n - 1 - after - first) / step : -1
        guard lowest <= highest else { return out }
        values.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { y in
                var scratch = [Double](repeating: 0, count: Swift.max(n + 1, w))
                scratch.withUnsafeMutableBufferPointer { s in
                    for r in 0..<rows {
                        let row = UnsafeBufferPointer(rebasing: x[(r * n)..<((r + 1) * n)])
                        let target = UnsafeMutableBufferPointer(rebasing: y[(r * m)..<((r + 1) * m)])
                        let outputs = Outputs(first: first, step: step, before: before, lowest: lowest, highest: highest)
                        medians(row, outputs, w, s, target)
                    }
                }
            }
        }
        return out
    }

    /// Output i is the window starting at input sample start(i), for i in lowest…highest.
    struct Outputs {
        let first: Int, step: Int, before: Int, lowest: Int, highest: Int
        @inline(__always) func start(_ i: Int) -> Int { first + i * step - before }
        var range: ClosedRange<Int> { lowest...highest }
    }

    /// Sliding a sorted window pays while a move of step samples (≈ step · w/2 shifts) is cheaper than selecting
    /// each window's median afresh (≈ 4w comparisons).
    static func slides(step: Int, window w: Int) -> Bool { step < w && step * w / 2 < 4 * w }

    /// Medians: a sorted copy of the window, moved by `step` samples (one replace per sample leaving) while that is
    /// cheaper than sorting afresh.
    private static func medians(_ x: UnsafeBufferPointer<Double>, _ o: Outputs, _ w: Int,
                                _ s: UnsafeMutableBufferPointer<Double>, _ y: UnsafeMutableBufferPointer<Double>) {
        var window = UnsafeMutableBufferPointer(rebasing: s[0..<w])
        func middle() -> Double { w % 2 == 1 ? window[w / 2] : 0.5 * (window[w / 2 - 1] + window[w / 2]) }
        func sortAfresh(_ a: Int) {
            for k in 0..<w { window[k] = x[a + k] }
            window.sort()
        }
        let slides = Self.slides(step: o.step, window: w)
        var previous = -1
        for i in o.range {
            let a = o.start(i)
            if slides && previous >= 0 {
                for k in 0..<o.step {
                    SlidingWindowKernels.replace(x[previous + k], with: x[previous + w + k], in: window)
                }
            } else {
                sortAfresh(a)
            }
            previous = a
            y[i] = middle()
        }
    }
}

/// The loop of the trigger's hysteresis (DASCore's STA/LTA itself is `SlidingWindowKernels.trailingMeanRatio`).
public enum EventKernels {
    /// Trigger onsets (+1) and ends (−1) of every row of a characteristic function r: a trigger is on at t when,
    /// within the last `memory` samples [t − memory, t], the latest sample above `on` is later than the latest
    /// sample below `off` (hysteresis: on above `on`, off below `off`), and it ends once no sample has been above
    /// `on` for `memory` samples. The state at t depends on those samples alone, which makes it a windowed
    /// operation (chunks read `memory` + 1 samples before). NaN counts as neither.
    public static func triggers(_ values: [Double], rows: Int, columns n: Int, on: Double, off: Double,
                                memory: Int) -> [Double] {
        var out = [Double](repeating: 0, count: values.count)
        values.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { y in
                for r in 0..<rows {
                    var lastAbove = Int.min / 2, lastBelow = Int.min / 2
                    var wasOn = false
                    for t in 0..<n {
                        let v = x[r * n + t]
                        if v > on { lastAbove = t } else if v < off { lastBelow = t }
                        let isOn = t - lastAbove <= memory && lastAbove > lastBelow
                        if isOn != wasOn { y[r * n + t] = isOn ? 1 : -1 }
                        wasOn = isOn
                    }
                }
            }
        }
        return out
    }
}
