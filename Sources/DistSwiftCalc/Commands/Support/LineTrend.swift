/// `scipy.signal.detrend` of one line: the least-squares line (`linear`) or the mean (constant) subtracted, computed
/// in float64 whatever the line's precision. One kernel for `detrend` (every channel), and for the segments `stft`
/// and `spectrogram` detrend before their windows.
enum LineTrend {
    static func remove<T: BinaryFloatingPoint>(_ line: inout ArraySlice<T>, linear: Bool) {
        let n = line.count
        guard n > 0 else { return }
        let first = line.startIndex
        var sum = 0.0
        for x in line { sum += Double(x) }
        let mean = sum / Double(n)
        guard linear, n > 1 else {
            for k in line.indices { line[k] = T(Double(line[k]) - mean) }
            return
        }
        // Against the centred index t − t̄, the slope is Σ(t − t̄)x / Σ(t − t̄)² and the line passes (t̄, mean).
        let centre = Double(n - 1) / 2
        var covariance = 0.0
        for k in line.indices { covariance += (Double(k - first) - centre) * Double(line[k]) }
        let slope = covariance / (Double(n) * Double(n * n - 1) / 12)
        for k in line.indices { line[k] = T(Double(line[k]) - (mean + slope * (Double(k - first) - centre))) }
    }
}
