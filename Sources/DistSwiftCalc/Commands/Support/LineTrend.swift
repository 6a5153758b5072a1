import DistSwiftNative

/// `scipy.signal.detrend` of one line: the least-squares line (`linear`) or the mean (constant) subtracted, computed
/// in float64 whatever the line's precision. One kernel for `detrend` (every channel), and for the segments `stft`
/// and `spectrogram` detrend before their windows.
enum LineTrend {
    static func remove<T: BinaryFloatingPoint>(_ line: inout ArraySlice<T>, linear: Bool) {
        let n = line.count
        guard n > 0 else { return }
        let first = line.startIndex
        let (mean, slope) = coefficients(line, linear: linear)
        let centre = Double(n - 1) / 2
        for k in line.indices { line[k] = T(Double(line[k]) - (mean + slope * (Double(k - first) - centre))) }
    }

    /// The line's mean and, for `linear` (and more than one value), its least-squares slope against the centred
    /// index t − (n − 1)/2 (0 otherwise), in float64: the trend at t is mean + slope · (t − (n − 1)/2)
    /// (DistSwiftNative's `LineTrendFit`, which the segment kernels call from inside their passes).
    static func coefficients<C: Collection>(_ line: C, linear: Bool) -> (mean: Double, slope: Double)
    where C.Element: BinaryFloatingPoint {
        LineTrendFit.coefficients(line, linear: linear)
    }
}
