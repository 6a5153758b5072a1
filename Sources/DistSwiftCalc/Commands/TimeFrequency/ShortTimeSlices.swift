/// Where scipy's `ShortTimeFFT` puts its windows, on a global grid so that every chunk agrees with the monolithic
/// record: slice p is centred on sample p · hop of the segment (window sample `middle` on it), and a record from
/// sample 0 to n has the slices p_min … p_max(n) − 1 whose non-zero window samples touch it (zero-padded beyond
/// its ends). A port of `_pre_padding` / `_post_padding` (scipy 1.17), python's slicing included.
struct ShortTimeSlices {
    let transform: ShortTimeTransform

    var length: Int { transform.window.count }
    var hop: Int { transform.hop }
    var middle: Int { transform.middle }
    private var squared: [Double] { transform.window.map { $0 * $0 } }

    /// scipy's `p_min`: the first slice whose window still has a non-zero sample at t ≥ 0.
    var pMin: Int {
        let w2 = squared
        var p = 0
        var n = -middle
        while n >= -middle - length {
            let next = n - hop
            // w2[next:] with next < 0 is python's last −next samples.
            let tail = next >= 0 ? Array(w2[min(next, length)...]) : Array(w2[max(0, length + next)...])
            if next + length <= 0 || tail.allSatisfy({ $0 == 0 }) { return -p }
            p += 1
            n -= hop
        }
        return -p
    }

    /// scipy's `p_max(n)` in segment samples: one past the last slice whose window has a non-zero sample before
    /// sample `end`.
    func pMax(end n: Int) -> Int {
        let w2 = squared
        let q1 = Int((Double(n) / Double(hop)).rounded(.down))
        var q = q1
        var k = q1 * hop - middle
        while k < n + length {
            let next = k + hop
            if next >= n || w2.prefix(max(0, n - next)).allSatisfy({ $0 == 0 }) { return q + 1 }
            q += 1
            k += hop
        }
        return q + 1
    }

    /// The slices to compute from samples `a ..< b` of a segment: at the segment's start (a = 0) scipy's padded
    /// first slices; after a halo, the first slice whose window lies inside (earlier ones would lack samples and
    /// are another chunk's); at the end, scipy's padded last slices (beyond a halo they are trimmed off).
    func slices(samples: Range<Int>) -> Range<Int> {
        let first = samples.lowerBound == 0 ? pMin : Self.ceilDiv(samples.lowerBound + middle, hop)
        let last = pMax(end: samples.upperBound)
        return first..<max(first, last)
    }

    /// The canonical dual window (scipy's `_calc_dual_canonical_window`), or the window sample where the sum of
    /// shifted squared windows vanishes (no inverse: NOLA fails), or nil for the hop exceeding the window.
    func dualWindow() -> Result<[Double], InversionFailure> {
        guard hop <= length else { return .failure(.hopBeyondWindow) }
        let w2 = squared
        var dd = w2
        var k = hop
        while k < length {
            for i in k..<length { dd[i] += w2[i - k] }
            for i in 0..<(length - k) { dd[i] += w2[i + k] }
            k += hop
        }
        let resolution = 1e-15 * (dd.max() ?? 0)
        if let bad = dd.firstIndex(where: { !($0 >= resolution) }) { return .failure(.vanishes(at: bad)) }
        return .success(zip(transform.window, dd).map { $0 / $1 })
    }

    enum InversionFailure: Error, Equatable {
        case hopBeyondWindow
        case vanishes(at: Int)
    }

    static func ceilDiv(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? (a + b - 1) / b : -((-a) / b)
    }
}
