/// Per-line transforms of a row-major 2-D array into a fresh array, one row at a time while it is in cache: the
/// row is converted to the compute precision `D` into a reused line, transformed there, and copied out — one read
/// of the source and one write of the result, however many passes the transform makes over its line (a mean, then
/// the subtraction). A float32 chunk computed in float64 this way gives exactly what a float64 copy of the chunk
/// would (widening is exact), without that copy.
public enum LineKernels {
    /// `transform(row index, row)` applied to every row (of `columns` values) of `source`, in precision `D`.
    @inlinable
    public static func transformingRows<S: BinaryFloatingPoint, D: BinaryFloatingPoint>(
        _ source: [S], columns: Int, as: D.Type = D.self, _ transform: (Int, inout [D]) -> Void
    ) -> [D] {
        guard columns > 0, !source.isEmpty else { return [] }
        let rows = source.count / columns
        var line = [D](repeating: 0, count: columns)
        return FreshBuffer.array(rows * columns) { out in
            source.withUnsafeBufferPointer { source in
                for r in 0..<rows {
                    let base = r * columns
                    line.withUnsafeMutableBufferPointer { line in
                        for k in 0..<columns { line[k] = D(source[base + k]) }
                    }
                    transform(r, &line)
                    line.withUnsafeBufferPointer { line in
                        for k in 0..<columns { out[base + k] = line[k] }
                    }
                }
            }
        }
    }

    /// `transformingRows` in the array's own buffer (its rows' values replaced by their transforms): the same
    /// results without a fresh array, for a buffer the caller owns alone.
    @inlinable
    public static func transformRowsInPlace<D: BinaryFloatingPoint>(_ values: inout [D], columns: Int,
                                                                     _ transform: (Int, inout [D]) -> Void) {
        guard columns > 0, !values.isEmpty else { return }
        let rows = values.count / columns
        var line = [D](repeating: 0, count: columns)
        values.withUnsafeMutableBufferPointer { values in
            for r in 0..<rows {
                let base = r * columns
                line.withUnsafeMutableBufferPointer { line in
                    for k in 0..<columns { line[k] = values[base + k] }
                }
                transform(r, &line)
                line.withUnsafeBufferPointer { line in
                    for k in 0..<columns { values[base + k] = line[k] }
                }
            }
        }
    }

    /// Every row's columns `span` multiplied by `factors[column]` in place (the product in float64, rounded once to
    /// `D`); factors of exactly 1 are skipped, which changes nothing (x · 1 is x in either precision).
    @inlinable
    public static func scaleColumns<D: BinaryFloatingPoint>(_ values: inout [D], columns: Int, by factors: [Double],
                                                           span: Range<Int>) {
        guard columns > 0, !span.isEmpty else { return }
        precondition(span.upperBound <= columns && factors.count == columns)
        let rows = values.count / columns
        factors.withUnsafeBufferPointer { factors in
            values.withUnsafeMutableBufferPointer { values in
                for r in 0..<rows {
                    let base = r * columns
                    for c in span where factors[c] != 1 { values[base + c] = D(Double(values[base + c]) * factors[c]) }
                }
            }
        }
    }

    /// `source` as `D` with every row's columns in `spans` (sorted, disjoint) multiplied by `factors[column]`: what
    /// `converted` and then a scaling of those columns in place give (D(Double(D(x)) · factor), the product in
    /// float64 rounded once), in one pass — a float32 chunk in a float64 graph read once and its float64 result
    /// written once, instead of written and then read and written again where a taper or a mute changes it.
    @inlinable
    public static func convertedScalingColumns<S: BinaryFloatingPoint, D: BinaryFloatingPoint>(
        _ source: [S], columns: Int, by factors: [Double], spans: [Range<Int>], as: D.Type = D.self
    ) -> [D] {
        guard columns > 0, !source.isEmpty else { return [] }
        precondition(factors.count == columns && source.count % columns == 0)
        precondition(zip(spans, spans.dropFirst()).allSatisfy { $0.upperBound <= $1.lowerBound }
                     && spans.allSatisfy { $0.lowerBound >= 0 && $0.upperBound <= columns }, "spans out of order")
        let rows = source.count / columns
        return FreshBuffer.array(source.count) { out in
            source.withUnsafeBufferPointer { x in
                factors.withUnsafeBufferPointer { f in
                    let (x, f, y) = (x.baseAddress!, f.baseAddress!, out.baseAddress!)
                    for r in 0..<rows {
                        let (row, target) = (x + r * columns, y + r * columns)
                        var c = 0
                        for span in spans {
                            for k in c..<span.lowerBound { target[k] = D(row[k]) }
                            for k in span { target[k] = D(Double(D(row[k])) * f[k]) }
                            c = span.upperBound
                        }
                        for k in c..<columns { target[k] = D(row[k]) }
                    }
                }
            }
        }
    }

    /// Σ_j weights[j] · x[s + j] for every window start s in `starts`, each sum taken from 0 in j order (so the same
    /// bits as the plain loop): eight consecutive windows side by side in the lanes of a vector, so eight chains of
    /// dependent additions are in flight instead of one (an 801-tap Gaussian over a mute's edges was ~2 ms).
    @inlinable
    public static func windowedSums(_ x: [Double], weights: [Double], starts: Range<Int>) -> [Double] {
        guard !starts.isEmpty else { return [] }
        precondition(starts.lowerBound >= 0 && starts.upperBound - 1 + weights.count <= x.count, "window outside x")
        let count = starts.count, taps = weights.count
        return FreshBuffer.array(count) { out in
            x.withUnsafeBufferPointer { x in
                weights.withUnsafeBufferPointer { w in
                    let (x, w) = (UnsafeRawPointer(x.baseAddress!), w.baseAddress!)
                    var i = 0
                    while i + 8 <= count {
                        let origin = x + (starts.lowerBound + i) * MemoryLayout<Double>.stride
                        var sum = SIMD8<Double>(repeating: 0)
                        for j in 0..<taps {
                            let values = (origin + j * MemoryLayout<Double>.stride).loadUnaligned(as: SIMD8<Double>.self)
                            sum += SIMD8(repeating: w[j]) * values
                        }
                        for l in 0..<8 { out[i + l] = sum[l] }
                        i += 8
                    }
                    let values = x.assumingMemoryBound(to: Double.self)
                    for k in i..<count {
                        var sum = 0.0
                        for j in 0..<taps { sum += w[j] * values[starts.lowerBound + k + j] }
                        out[k] = sum
                    }
                }
            }
        }
    }

    /// Every value of row r multiplied by `factors[r]` in place, rows with a factor of exactly 1 skipped.
    @inlinable
    public static func scaleRows<D: BinaryFloatingPoint>(_ values: inout [D], columns: Int, by factors: [Double]) {
        guard columns > 0 else { return }
        precondition(factors.count * columns == values.count)
        values.withUnsafeMutableBufferPointer { values in
            for (r, factor) in factors.enumerated() where factor != 1 {
                for c in (r * columns)..<((r + 1) * columns) { values[c] = D(Double(values[c]) * factor) }
            }
        }
    }

    /// A row-major array of `columns` columns as `D`, with `value` added around it: `rowsBefore`/`rowsAfter`
    /// whole rows, and `columnsBefore`/`columnsAfter` values on each row. Every output value is written once.
    @inlinable
    public static func padded<S: BinaryFloatingPoint, D: BinaryFloatingPoint>(
        _ source: [S], columns: Int, rowsBefore: Int, rowsAfter: Int, columnsBefore: Int, columnsAfter: Int, value: D
    ) -> [D] {
        let rows = columns > 0 ? source.count / columns : 0
        let width = columnsBefore + columns + columnsAfter
        let total = (rowsBefore + rows + rowsAfter) * width
        return FreshBuffer.array(total) { out in
            source.withUnsafeBufferPointer { x in
                out[0..<(rowsBefore * width)].initialize(repeating: value)
                for r in 0..<rows {
                    let o = (rowsBefore + r) * width
                    for c in 0..<columnsBefore { out[o + c] = value }
                    for c in 0..<columns { out[o + columnsBefore + c] = D(x[r * columns + c]) }
                    for c in 0..<columnsAfter { out[o + columnsBefore + columns + c] = value }
                }
                out[((rowsBefore + rows) * width)..<total].initialize(repeating: value)
            }
        }
    }

    /// Rows of a new `outputRows` × `columns` array, row k = D((Σ weight · x[row]) · scale) over `terms(k)`'s
    /// (row, weight) pairs, each sum taken in float64 in the order given (a stencil along the rows: numpy's
    /// gradient along the fibre), whole rows at a time so every read is contiguous.
    @inlinable
    public static func combiningRows<S: BinaryFloatingPoint, D: BinaryFloatingPoint>(
        _ x: [S], columns: Int, outputRows: Int, scale: Double, as: D.Type, terms: (Int) -> [(Int, Double)]
    ) -> [D] {
        var sum = [Double](repeating: 0, count: columns)
        return FreshBuffer.array(outputRows * columns) { out in
            x.withUnsafeBufferPointer { x in
                sum.withUnsafeMutableBufferPointer { sum in
                    for k in 0..<outputRows {
                        for j in 0..<columns { sum[j] = 0 }
                        for (row, weight) in terms(k) {
                            precondition(row >= 0 && (row + 1) * columns <= x.count, "stencil row outside the array")
                            let base = row * columns
                            for j in 0..<columns { sum[j] += weight * Double(x[base + j]) }
                        }
                        for j in 0..<columns { out[k * columns + j] = D(sum[j] * scale) }
                    }
                }
            }
        }
    }

    /// Rows of a new array from a row-major `x` of `columns` columns, as float64: for each output row (i, w), row i
    /// copied when w is nil, else a + w·(b − a) of rows a = i and b = i + 1 (linear interpolation between them,
    /// extrapolation for w outside 0 … 1). Float32 values are widened as they are read.
    @inlinable
    public static func blendedRows<S: BinaryFloatingPoint>(_ x: [S], columns: Int,
                                                           rows: [(lower: Int, weight: Double?)]) -> [Double] {
        let available = columns > 0 ? x.count / columns : 0
        precondition(rows.allSatisfy { $0.lower >= 0 && $0.lower + ($0.weight == nil ? 0 : 1) < available },
                     "interpolated row outside the array")
        return FreshBuffer.array(rows.count * columns) { out in
            x.withUnsafeBufferPointer { x in
                for (r, (i, weight)) in rows.enumerated() {
                    let o = r * columns, a = i * columns
                    if let w = weight {
                        let b = a + columns
                        for c in 0..<columns {
                            let lower = Double(x[a + c])
                            out[o + c] = lower + w * (Double(x[b + c]) - lower)
                        }
                    } else {
                        for c in 0..<columns { out[o + c] = Double(x[a + c]) }
                    }
                }
            }
        }
    }

    /// numpy's median of `values` (the middle value, or the mean of the two middle ones; NaN when empty), found by
    /// selection (Hoare's quickselect) in the caller's scratch, whose order it changes: the lower half is left
    /// below the middle, so its largest is the other middle value.
    @inlinable
    public static func medianSelecting<T: BinaryFloatingPoint>(_ values: inout [T]) -> Double {
        guard !values.isEmpty else { return .nan }
        let count = values.count, mid = count / 2
        return values.withUnsafeMutableBufferPointer { v -> Double in
            var lo = 0, hi = count - 1
            while lo < hi {
                let pivot = v[(lo + hi) / 2]
                var i = lo, j = hi
                while i <= j {
                    while v[i] < pivot { i += 1 }
                    while v[j] > pivot { j -= 1 }
                    if i <= j { v.swapAt(i, j); i += 1; j -= 1 }
                }
                if mid <= j { hi = j } else if mid >= i { lo = i } else { break }
            }
            guard count % 2 == 0 else { return Double(v[mid]) }
            var lowerMiddle = v[0]
            for k in 1..<mid where v[k] > lowerMiddle { lowerMiddle = v[k] }
            return (Double(lowerMiddle) + Double(v[mid])) / 2
        }
    }

    /// The values as `D` (exact when widening; rounded to nearest when narrowing float64 to float32).
    @inlinable
    public static func converted<S: BinaryFloatingPoint, D: BinaryFloatingPoint>(_ source: [S], to: D.Type) -> [D] {
        FreshBuffer.array(source.count) { out in
            source.withUnsafeBufferPointer { source in
                for i in 0..<source.count { out[i] = D(source[i]) }
            }
        }
    }

    /// D(x · factor) for every value, the product taken in float64 (rounded once to `D`).
    @inlinable
    public static func scaled<S: BinaryFloatingPoint, D: BinaryFloatingPoint>(_ source: [S], by factor: Double,
                                                                           to: D.Type) -> [D] {
        FreshBuffer.array(source.count) { out in
            source.withUnsafeBufferPointer { source in
                for i in 0..<source.count { out[i] = D(Double(source[i]) * factor) }
            }
        }
    }
}
