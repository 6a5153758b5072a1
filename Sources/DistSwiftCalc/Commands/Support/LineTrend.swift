/// `scipy.signal.detrend` of one line: the least-squares line (`linear`) or the mean (constant) subtracted, computed
/// in float64 whatever the line's precision. One kernel for `detrend` (every channel), and for the segments `stft`
/// and `spectrogram` detrend before their windows.
enum LineTrend {
    static func remove<T: BinaryFloatingPoint>(_ line: inout ArraySlice<T>, linear: Bool) {
        let n = line.count
        guard n > 0 else { return }
        let first = line.startIndex
        let (mean, slope) = line.withUnsafeBufferPointer { coefficients($0, linear: linear) }
        let centre = Double(n - 1) / 2
        for k in line.indices { line[k] = T(Double(line[k]) - (mean + slope * (Double(k - first) - centre))) }
    }

    /// The line's mean and, for `linear` (and more than one value), its least-squares slope against the centred
    /// index t − (n − 1)/2 (0 otherwise), in float64: the trend at t is mean + slope · (t − (n − 1)/2).
    static func coefficients<T: BinaryFloatingPoint>(_ line: UnsafeBufferPointer<T>,
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
