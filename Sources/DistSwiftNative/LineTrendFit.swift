/// The least-squares line through one line of samples (scipy.signal.detrend's fit), in float64 whatever the
/// samples' precision. Here rather than beside `detrend` because the segment loops of `stft` and `spectrogram`
/// fit every segment inside their own raw-buffer passes over the chunk, and a fit taking a buffer keeps those
/// passes free of per-segment array copies.
public enum LineTrendFit {
    /// The line's mean and, for `linear` (and more than one value), its least-squares slope against the centred
    /// index t − (n − 1)/2 (0 otherwise), in float64: the trend at t is mean + slope · (t − (n − 1)/2). Any
    /// contiguous collection (an array, a slice, a buffer) is read in place.
    @inlinable
    public static func coefficients<C: Collection>(_ line: C, linear: Bool) -> (mean: Double, slope: Double)
    where C.Element: BinaryFloatingPoint {
        if let fit = line.withContiguousStorageIfAvailable({ coefficients(buffer: $0, linear: linear) }) { return fit }
        return Array(line).withUnsafeBufferPointer { coefficients(buffer: $0, linear: linear) }
    }

    @inlinable
    static func coefficients<T: BinaryFloatingPoint>(buffer line: UnsafeBufferPointer<T>,
                                                     linear: Bool) -> (mean: Double, slope: Double) {
        let n = line.count
        guard n > 0 else { return (0, 0) }
        var sum = 0.0
        for x in line { sum += Double(x) }
        let mean = sum / Double(n)
        guard linear, n > 1 else { return (mean, 0) }
        // Against the centred index t − t̄, the slope is Σ(t − t̄)x / Σ(t − t̄)² and the line passes (t̄, mean).
        let centre = Double(n - 1) / 2
        var covariance = 0.0
        for k in 0..<n { covariance += (Double(k) - centre) * Double(line[k]) }
        return (mean, covariance / (Double(n) * Double(n * n - 1) / 12))
    }
}
