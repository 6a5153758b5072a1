import CDistShims

/// Zero-phase filtering of many rows at once: the second-order-section recurrence over channels in lanes
/// (`dist_iir.c`: the widest vector unit the processor has, chosen at run time). A buffer holds `lanes` rows per
/// sample, row innermost; unused lanes of the last group repeat its last row (real data, so nothing can overflow).
public enum SOSLanes {
    public static let lanes = Int(DIST_IIR_LANES)

    /// How the ends of a row are extended (scipy's even_ext, odd_ext, const_ext).
    public enum Padding: Sendable { case even, odd, constant }

    /// sosfiltfilt of every row of `values` (rows × columns, row-major), extended by `pad` samples at both ends,
    /// forward then backward; `coefficients` holds b0, b1, b2, a1, a2 per section and `initialConditions` two
    /// step-response states per section, scaled per row by each pass's first sample.
    public static func zeroPhaseRows(_ values: [Double], rows: Int, columns n: Int, pad: Int, padding: Padding,
                                     coefficients: [Double], initialConditions: [Double]) -> [Double] {
        precondition(values.count == rows * n && n > pad && coefficients.count == 5 * (initialConditions.count / 2))
        let total = n + 2 * pad
        var extended = [Double](repeating: 0, count: total * lanes)
        // Every value is written below, so the output is not zero-filled first.
        return [Double](unsafeUninitializedCapacity: rows * n) { out, initialized in
            values.withUnsafeBufferPointer { x in
                extended.withUnsafeMutableBufferPointer { ext in
                    for first in stride(from: 0, to: rows, by: lanes) {
                        let used = min(lanes, rows - first)
                        let starts = (0..<lanes).map { (first + min($0, used - 1)) * n }
                        fill(ext, x, starts: starts, n: n, pad: pad, padding: padding)
                        dist_sos_run_lanes(ext.baseAddress, total, 0, coefficients, initialConditions,
                                           Int32(coefficients.count / 5))
                        dist_sos_run_lanes(ext.baseAddress, total, 1, coefficients, initialConditions,
                                           Int32(coefficients.count / 5))
                        // Sample by sample, all lanes: the buffer is read in order.
                        for k in 0..<n {
                            let sample = (pad + k) * lanes
                            for lane in 0..<used { out[starts[lane] + k] = ext[sample + lane] }
                        }
                    }
                }
            }
            initialized = rows * n
        }
    }

    /// Every lane's row extended at both ends (position pad − 1 − k mirrors x[k + 1], pad + n + k mirrors
    /// x[n − 2 − k]), the middle written sample by sample so the buffer fills in order.
    private static func fill(_ ext: UnsafeMutableBufferPointer<Double>, _ x: UnsafeBufferPointer<Double>,
                             starts: [Int], n: Int, pad: Int, padding: Padding) {
        for (lane, row) in starts.enumerated() {
            let first = x[row], last = x[row + n - 1]
            for k in 0..<pad {
                let left = x[row + k + 1], right = x[row + n - 2 - k]
                let l = (pad - 1 - k) * lanes + lane, r = (pad + n + k) * lanes + lane
                switch padding {
                case .even: (ext[l], ext[r]) = (left, right)
                case .odd: (ext[l], ext[r]) = (2 * first - left, 2 * last - right)
                case .constant: (ext[l], ext[r]) = (first, last)
                }
            }
        }
        for k in 0..<n {
            let sample = (pad + k) * lanes
            for (lane, row) in starts.enumerated() { ext[sample + lane] = x[row + k] }
        }
    }
}
