/// The element-wise passes of a Hampel filter (DASCore's `hampel_filter`) around its medians: the absolute
/// deviation from the local median, and the outliers (deviation beyond threshold × the local MAD) replaced by that
/// median. Each is one pass over the chunk into a fresh array written once (no copy of the input to modify); over
/// raw buffers the four inputs are read without a bounds check per element.
public enum OutlierKernels {
    /// |values[i] − centre[i]| for every i.
    @inlinable
    public static func absoluteDeviations(_ values: [Double], from centre: [Double]) -> [Double] {
        let count = values.count
        precondition(centre.count == count, "the arrays differ in size")
        return FreshBuffer.array(count) { (d: UnsafeMutableBufferPointer<Double>) in
            values.withUnsafeBufferPointer { v in
                centre.withUnsafeBufferPointer { m in for i in 0..<count { d[i] = abs(v[i] - m[i]) } }
            }
        }
    }

    /// values[i], or centre[i] where deviations[i] / spread[i] > threshold (a spread of 0 counts as machine
    /// epsilon, so a flat neighbourhood still flags a value that leaves it).
    @inlinable
    public static func replacingOutliers(_ values: [Double], centre: [Double], deviations: [Double], spread: [Double],
                                         threshold: Double) -> [Double] {
        let count = values.count
        precondition(centre.count == count && deviations.count == count && spread.count == count,
                     "the arrays differ in size")
        return FreshBuffer.array(count) { (o: UnsafeMutableBufferPointer<Double>) in
            values.withUnsafeBufferPointer { v in
                centre.withUnsafeBufferPointer { m in
                    deviations.withUnsafeBufferPointer { d in
                        spread.withUnsafeBufferPointer { s in
                            for i in 0..<count {
                                let scale = s[i] == 0 ? Double.ulpOfOne : s[i]
                                o[i] = d[i] / scale > threshold ? m[i] : v[i]
                            }
                        }
                    }
                }
            }
        }
    }
}
