/// Averaging a 2-D array into the pixels of a picture (the `thumbnail` command's and `distswift plot`'s panels):
/// each pixel is the mean of the finite values of the block of rows and columns it covers. A chunk of millions of
/// values is read once, row by row, over a raw buffer (no bounds check per value): it is averaged rather than
/// sampled, which would alias.
public enum RasterKernels {
    /// For pixel (py, i) of a `columnSpans.count` × `rowSpans.count` picture, row-major: the mean of the finite
    /// values at rows rowSpans[py] and columns columnSpans[i] of `values` (row-major, `columns` columns), summed in
    /// row order; NaN where the block holds none.
    @inlinable
    public static func blockMeans(_ values: [Double], columns: Int, rowSpans: [Range<Int>],
                                  columnSpans: [Range<Int>]) -> [Double] {
        let width = columnSpans.count, height = rowSpans.count
        precondition(rowSpans.allSatisfy { $0.lowerBound >= 0 && $0.upperBound * columns <= values.count }
                     && columnSpans.allSatisfy { $0.lowerBound >= 0 && $0.upperBound <= columns },
                     "a pixel's block lies outside the array")
        var out = [Double](repeating: .nan, count: width * height)
        var sums = [Double](repeating: 0, count: width)
        var counts = [Int](repeating: 0, count: width)
        values.withUnsafeBufferPointer { values in
            for (py, rowSpan) in rowSpans.enumerated() {
                for i in 0..<width {
                    sums[i] = 0
                    counts[i] = 0
                }
                for r in rowSpan {
                    let base = r * columns
                    for i in 0..<width {
                        for c in columnSpans[i] {
                            let v = values[base + c]
                            if v.isFinite {
                                sums[i] += v
                                counts[i] += 1
                            }
                        }
                    }
                }
                for i in 0..<width where counts[i] > 0 { out[py * width + i] = sums[i] / Double(counts[i]) }
            }
        }
        return out
    }
}
