import CDistShims

/// Each row less its median (numpy's nanmedian), by radix selection in C (Sources/CDistShims/dist_select.c): O(n) a
/// row with no data-dependent branches in its loops, where a quickselect mispredicts about one comparison in two
/// on noisy data. The medians are the order statistics a sort picks; each difference is taken in float64 and
/// rounded once to the output's precision.
public enum RowMedianKernels {
    /// Every row of `values` (rows of `columns`) less its median, in the array's own buffer.
    public static func subtractRowMediansInPlace<T: BinaryFloatingPoint & BitwiseCopyable>(_ values: inout [T],
                                                                                          columns n: Int) {
        guard n > 0, !values.isEmpty else { return }
        let flag = FloatWidthFlag.of(T.self)
        values.withUnsafeMutableBytes { v in
            dist_subtract_row_medians(v.baseAddress!, flag, v.baseAddress!, flag, v.count / MemoryLayout<T>.size / n, n)
        }
    }

    /// Every row of `source` less its median, as a fresh array of `D` (a float32 chunk in a float64 graph is
    /// widened as it is read: the same numbers as from a float64 copy of it).
    public static func subtractingRowMedians<S: BinaryFloatingPoint & BitwiseCopyable,
                                             D: BinaryFloatingPoint & BitwiseCopyable>(_ source: [S], columns n: Int,
                                                                                       as: D.Type) -> [D] {
        guard n > 0, !source.isEmpty else { return [] }
        let (inFlag, outFlag) = (FloatWidthFlag.of(S.self), FloatWidthFlag.of(D.self))
        return FreshBuffer.array(source.count) { (out: UnsafeMutableBufferPointer<D>) in
            source.withUnsafeBytes { x in
                dist_subtract_row_medians(x.baseAddress!, inFlag, UnsafeMutableRawPointer(out.baseAddress!), outFlag,
                                          source.count / n, n)
            }
        }
    }

    /// The median of `values`, NaN skipped (NaN when none is left).
    public static func median<T: BinaryFloatingPoint & BitwiseCopyable>(_ values: [T]) -> Double {
        let flag = FloatWidthFlag.of(T.self)
        return values.withUnsafeBytes { dist_median($0.baseAddress, flag, values.count) }
    }
}
