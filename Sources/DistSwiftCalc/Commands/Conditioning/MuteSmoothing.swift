import DistSwiftIO

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
    static func smoothedBoth(_ mask: Array2D<Double>, smooth: Double) -> Array2D<Double> {
        var out = mask
        for (count, alongTime) in [(mask.rows, false), (mask.columns, true)] {
            out = smoothed(out, sigma: sigma(smooth, length: count), alongTime: alongTime)
        }
        return out
    }
}
