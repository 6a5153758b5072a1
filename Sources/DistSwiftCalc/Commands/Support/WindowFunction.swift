import Foundation

/// The symmetric windows of `scipy.signal.windows` that DASCore's `taper` offers (its WINDOW_FUNCTIONS), by name.
public enum WindowFunction: String, Sendable, CaseIterable {
    case hann, cos, tukey, hamming, blackman, bartlett, triang, ramp, boxcar

    /// `scipy.signal.windows.<name>(m)` (sym=True). `cos` is DASCore's alias of hann; `tukey` here is the
    /// Tukey taper's cosine flank — the half-Hann that `taper` puts on each end — so it is hann too; `ramp`
    /// is DASCore's alias of triang.
    public func values(_ m: Int) -> [Double] {
        guard m > 1 else { return Array(repeating: 1, count: max(m, 0)) }
        let last = Double(m - 1)
        return (0..<m).map { k in
            let n = Double(k)
            switch self {
            case .hann, .cos, .tukey: return 0.5 - 0.5 * Foundation.cos(2 * .pi * n / last)
            case .hamming: return 0.54 - 0.46 * Foundation.cos(2 * .pi * n / last)
            case .blackman: return 0.42 - 0.5 * Foundation.cos(2 * .pi * n / last) + 0.08 * Foundation.cos(4 * .pi * n / last)
            case .bartlett: return 1 - abs(2 * n / last - 1)
            case .triang, .ramp:
                // scipy: 1 − |2k − (m − 1)| / (m + 1) for odd m, / m for even m.
                let denominator = Double(m % 2 == 0 ? m : m + 1)
                return 1 - abs(2 * n - last) / denominator
            case .boxcar: return 1
            }
        }
    }
}
