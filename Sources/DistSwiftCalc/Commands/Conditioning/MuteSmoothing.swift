import DistSwiftIO
import DistSwiftNative

/// DASCore's `smooth` of its mutes: the 0/1 mute envelope blurred by a Gaussian whose sigma is a fraction (0 … 1)
/// of a dimension's length, rounded to samples, or a whole number of samples. (A JSON 1 is one sample.)
enum MuteSmoothing {
    static let parameter = ParameterSpec("smooth", .number, default: .null,
                                         "Gaussian smoothing of the mute's edges: a fraction 0 … 1 of the dimension, or samples")

    static func read(_ p: ParameterValues) throws -> Double? {
        guard case .number(let s)? = p.values["smooth"] else { return nil }
        guard s >= 0, s <= 1 || s == s.rounded() else {
            throw ParameterProblem("smooth", "is \(s) but must be a fraction 0 … 1 or a whole number of samples",
                                   fix: "give e.g. 0.02 or 5")
        }
        return s
    }

    /// Sigma in samples along a dimension of `length` samples.
    static func sigma(_ smooth: Double, length: Int) -> Double {
        smooth < 1 || smooth != smooth.rounded() ? (Double(length) * smooth).rounded(.toNearestOrEven) : smooth
    }

    /// scipy.ndimage's Gaussian (reflect, truncate 4) of `sigma` samples along one dimension (unchanged for 0).
    static func smoothed(_ mask: Array2D<Double>, sigma: Double, alongTime: Bool) -> Array2D<Double> {
        guard sigma > 0 else { return mask }
        let weights = Array(GaussianCommand.kernel(sigma: sigma, order: 0).reversed())
        return ImageCorrelation(kernel: Array2D(rows: alongTime ? 1 : weights.count, columns: alongTime ? weights.count : 1,
                                                values: weights), mode: .reflect).apply(mask)
    }

    /// The envelope blurred along both dimensions (DASCore's 2-D mutes: the same `smooth` for each, as a fraction
    /// of that dimension's length or samples).
    /// `smoothed` of a one-dimensional 0/1 mask (scipy's gaussian_filter1d, reflect mode), computed only where the
    /// Gaussian's window reaches a step of the mask or an end of the line. Everywhere else the window lies in a
    /// constant stretch and the result is that constant, exactly — summing the normalised weights would give it
    /// only to rounding (1 ± a few ulp), which made a mute multiply every sample instead of its band. On a chunk of
    /// 10,000 samples and σ = 100 the full correlation was 8 M products (0.13 s a chunk); near two steps, 2 M.
    static func smoothedSteps(_ mask: [Double], sigma: Double) -> [Double] {
        guard sigma > 0, !mask.isEmpty else { return mask }
        let weights = Array(GaussianCommand.kernel(sigma: sigma, order: 0).reversed())
        let radius = weights.count / 2, n = mask.count
        var near = [Bool](repeating: false, count: n)
        func mark(_ range: ClosedRange<Int>) {
            for k in max(0, range.lowerBound)...min(n - 1, range.upperBound) { near[k] = true }
        }
        mark(0...radius)
        mark((n - 1 - radius)...(n - 1))
        for k in 0..<(n - 1) where mask[k] != mask[k + 1] { mark((k - radius)...(k + 1 + radius)) }
        // The mask reflected at its ends, so every window is a plain slice: position k's window is
        // padded[k ..< k + weights.count] (the values mask[reflect(k + j − radius)] in the same order).
        let padded = (0..<(n + 2 * radius)).map { mask[EdgeMode.reflect.index($0 - radius, n)!] }
        var out = mask
        var k = 0
        while k < n {
            guard near[k] else { k += 1; continue }
            var end = k  // a run of positions near an edge: their sums eight at a time (the same bits)
            while end < n, near[end] { end += 1 }
            for (i, sum) in LineKernels.windowedSums(padded, weights: weights, starts: k..<end).enumerated() {
                out[k + i] = sum
            }
            k = end
        }
        return out
    }

    static func smoothedBoth(_ mask: Array2D<Double>, smooth: Double) -> Array2D<Double> {
        var out = mask
        for (count, alongTime) in [(mask.rows, false), (mask.columns, true)] {
            out = smoothed(out, sigma: sigma(smooth, length: count), alongTime: alongTime)
        }
        return out
    }
}
