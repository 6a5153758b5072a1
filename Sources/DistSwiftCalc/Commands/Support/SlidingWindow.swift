/// Statistics of the window x[t + lower … t + upper] for every t of a line, in O(n) whatever the window length:
/// prefix sums for means, monotonic queues (a deque of candidate indices, each pushed and popped once) for maxima and
/// minima. Windows are clipped to the line: at the ends of a record they hold only the samples that exist (for
/// maxima and minima this equals scipy's mode 'nearest', which repeats the edge sample).
enum SlidingWindow {
    /// Mean of the clipped window (0 where it is empty).
    static func means(_ x: ArraySlice<Double>, lower: Int, upper: Int) -> [Double] {
        let n = x.count, base = x.startIndex
        // Prefix sums with compensation: differences of large running totals would otherwise lose digits
        // after a loud event.
        var prefix = [Double](repeating: 0, count: n + 1)
        var sum = 0.0, carry = 0.0
        for i in 0..<n {
            let y = x[base + i] - carry
            let t = sum + y
            carry = (t - sum) - y
            sum = t
            prefix[i + 1] = sum
        }
        var out = [Double](repeating: 0, count: n)
        for t in 0..<n {
            let a = max(0, t + lower), b = min(n - 1, t + upper)
            if a <= b { out[t] = (prefix[b + 1] - prefix[a]) / Double(b - a + 1) }
        }
        return out
    }

    /// Maximum of the clipped window (which always holds sample t when lower ≤ 0 ≤ upper).
    static func maxima(_ x: ArraySlice<Double>, lower: Int, upper: Int) -> [Double] {
        extrema(x, lower: lower, upper: upper, keeps: >=)
    }

    /// Minimum of the clipped window.
    static func minima(_ x: ArraySlice<Double>, lower: Int, upper: Int) -> [Double] {
        extrema(x, lower: lower, upper: upper, keeps: <=)
    }

    /// The monotonic queue: indices whose values are ordered by `keeps` from front to back; the front is the
    /// window's extreme. A new sample removes every candidate it beats, so each index enters and leaves once.
    private static func extrema(_ x: ArraySlice<Double>, lower: Int, upper: Int,
                                keeps: (Double, Double) -> Bool) -> [Double] {
        let n = x.count, base = x.startIndex
        var out = [Double](repeating: 0, count: n)
        guard n > 0 else { return out }
        var queue = [Int](repeating: 0, count: n)
        var head = 0, tail = 0, next = 0
        for t in 0..<n {
            let a = max(0, t + lower), b = min(n - 1, t + upper)
            while next <= b {
                let v = x[base + next]
                while tail > head && !keeps(x[base + queue[tail - 1]], v) { tail -= 1 }
                queue[tail] = next
                tail += 1
                next += 1
            }
            while head < tail && queue[head] < a { head += 1 }
            out[t] = head < tail ? x[base + queue[head]] : .nan
        }
        return out
    }
}
