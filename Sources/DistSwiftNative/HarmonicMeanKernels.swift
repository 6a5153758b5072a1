/// scipy.stats.hmean of float32 lines — n / Σ(1/x), NaN when a value is negative, else 0 when one is 0 — in one
/// pass over the values as stored, for `harmonic_mean` in a float32 graph. The generic reduction widened the whole
/// chunk to a fresh float64 array and made three passes a line (negative? zero? the sum), slower than numpy's
/// float32 hmean; here each value is widened as it is read and the reciprocals are summed in float64, so the result
/// differs from the float64 graph's (one sequential sum) only by the summation order, far inside float32 rounding.
public enum HarmonicMeanKernels {
    /// Per row of a rows × columns float32 array (along time): eight float64 partial sums a row, added in order.
    public static func rows(_ x: [Float], rows: Int, columns: Int) -> [Double] {
        precondition(x.count == rows * columns, "\(x.count) values for \(rows) × \(columns)")
        return x.withUnsafeBufferPointer { x in
            (0..<rows).map { r -> Double in
                let row = UnsafeRawPointer(x.baseAddress! + r * columns)
                var sums = SIMD8<Double>(repeating: 0)
                var negative = SIMDMask<SIMD8<Int64>>(repeating: false), zero = negative
                var i = 0
                while i + 8 <= columns {
                    let v = SIMD8<Double>(row.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self))
                    negative .|= v .< 0
                    zero .|= v .== 0
                    sums += 1 / v
                    i += 8
                }
                var sum = sums.sum(), anyNegative = any(negative), anyZero = any(zero)
                while i < columns {
                    let v = Double(row.load(fromByteOffset: 4 * i, as: Float.self))
                    anyNegative = anyNegative || v < 0
                    anyZero = anyZero || v == 0
                    sum += 1 / v
                    i += 1
                }
                return mean(count: columns, sum: sum, negative: anyNegative, zero: anyZero)
            }
        }
    }

    /// Per column (along channels): the rows summed in order, each column on its own lane.
    public static func columns(_ x: [Float], rows: Int, columns: Int) -> [Double] {
        precondition(x.count == rows * columns, "\(x.count) values for \(rows) × \(columns)")
        var sums = [Double](repeating: 0, count: columns)
        var negative = [Bool](repeating: false, count: columns), zero = negative
        x.withUnsafeBufferPointer { x in
            sums.withUnsafeMutableBufferPointer { sums in
                for r in 0..<rows {
                    let row = x.baseAddress! + r * columns
                    for c in 0..<columns { sums[c] += 1 / Double(row[c]) }
                }
            }
            for r in 0..<rows {
                let row = x.baseAddress! + r * columns
                for c in 0..<columns where row[c] <= 0 {  // rare: found in a second pass only where present
                    if row[c] < 0 { negative[c] = true } else { zero[c] = true }
                }
            }
        }
        return (0..<columns).map { mean(count: rows, sum: sums[$0], negative: negative[$0], zero: zero[$0]) }
    }

    static func mean(count: Int, sum: Double, negative: Bool, zero: Bool) -> Double {
        negative ? .nan : zero ? 0 : Double(count) / sum
    }
}
