import DistSwiftIO
import Foundation

/// scipy.signal.find_peaks_cwt with its defaults (Ricker wavelets, ridge lines of the continuous wavelet transform
/// followed from the widest scale down, kept when long enough and above the local noise): the peak finder behind
/// distpy's `count_peaks`. Rows are transformed together through FFTs (one forward transform per row, one inverse
/// per width), where scipy convolves each row with each wavelet on its own.
struct RidgePeakFinder: Sendable {
    let widths: [Double]

    /// scipy's `_ricker(points, a)`.
    static func ricker(points: Int, a: Double) -> [Double] {
        let amplitude = 2 / ((3 * a).squareRoot() * pow(Double.pi, 0.25))
        return (0..<points).map { i in
            let v = Double(i) - Double(points - 1) / 2
            let xsq = v * v
            return amplitude * (1 - xsq / (a * a)) * exp(-xsq / (2 * a * a))
        }
    }

    /// The number of peaks of every row of `x`.
    func counts(_ x: Array2D<Double>, backend: any ComputeBackend) -> [Int] {
        let n = x.columns
        guard n > 0, !widths.isEmpty else { return [Int](repeating: 0, count: x.rows) }
        let lengths = widths.map { min(Int(10 * $0), n) }
        let padded = n + (lengths.max() ?? 1)
        func spectrum(_ rows: Int, _ fill: (Int, inout [Double]) -> Void) -> ComplexArray2D {
            var re = [Double](repeating: 0, count: rows * padded)
            for r in 0..<rows {
                var line = [Double](repeating: 0, count: padded)
                fill(r, &line)
                re.replaceSubrange((r * padded)..<((r + 1) * padded), with: line)
            }
            return backend.complexFFT(ComplexArray2D(rows: rows, columns: padded, real: re,
                                                     imaginary: [Double](repeating: 0, count: rows * padded)),
                                      inverse: false)
        }
        let data = spectrum(x.rows) { r, line in for t in 0..<n { line[t] = x[r, t] } }
        // cwt[w][r][t]: scipy's convolve(row, reversed wavelet, 'same') = full convolution from (N − 1)/2 on.
        var cwt = [[Double]](repeating: [], count: widths.count)
        for (w, width) in widths.enumerated() {
            let wavelet = Self.ricker(points: lengths[w], a: width)
            let kernel = spectrum(1) { _, line in for j in 0..<wavelet.count { line[j] = wavelet[wavelet.count - 1 - j] } }
            var product = data
            for r in 0..<x.rows {
                for k in 0..<padded {
                    let i = r * padded + k
                    let (a, b, c, d) = (data.real[i], data.imaginary[i], kernel.real[k], kernel.imaginary[k])
                    product.real[i] = a * c - b * d
                    product.imaginary[i] = a * d + b * c
                }
            }
            let full = backend.complexFFT(product, inverse: true)
            let offset = (lengths[w] - 1) / 2
            cwt[w] = (0..<x.rows).flatMap { r in (0..<n).map { full.real[r * padded + offset + $0] } }
        }
        return (0..<x.rows).map { r in count(rows: cwt.map { Array($0[(r * n)..<((r + 1) * n)]) }) }
    }

    /// Peaks of one row's transform (matr[w][t]).
    private func count(rows matr: [[Double]]) -> Int {
        let n = matr[0].count
        let maxima: [[Int]] = matr.map { row in
            (0..<n).filter { t in t > 0 && t < n - 1 && row[t] > row[t - 1] && row[t] > row[t + 1] }
        }
        guard let start = maxima.lastIndex(where: { !$0.isEmpty }) else { return 0 }
        let gapThreshold = ceil(widths[0])
        // A ridge line: its (row, column) points in the order found, and rows since its last point.
        struct Line { var rows: [Int]; var columns: [Int]; var gap: Int }
        var lines = maxima[start].map { Line(rows: [start], columns: [$0], gap: 0) }
        var finished: [Line] = []
        for row in stride(from: start - 1, through: 0, by: -1) {
            for i in lines.indices { lines[i].gap += 1 }
            let previous = lines.map { $0.columns.last! }
            for column in maxima[row] {
                var closest = -1
                for (i, p) in previous.enumerated() where closest < 0 || abs(column - p) < abs(column - previous[closest]) {
                    closest = i
                }
                if closest >= 0 && Double(abs(column - previous[closest])) <= widths[row] / 4 {
                    lines[closest].columns.append(column)
                    lines[closest].rows.append(row)
                    lines[closest].gap = 0
                } else {
                    lines.append(Line(rows: [row], columns: [column], gap: 0))
                }
            }
            for i in stride(from: lines.count - 1, through: 0, by: -1) where Double(lines[i].gap) > gapThreshold {
                finished.append(lines.remove(at: i))
            }
        }
        let minimumLength = ceil(Double(matr.count) / 4)
        let window = Int(ceil(Double(n) / 20)), half = window / 2, odd = window % 2
        return (finished + lines).filter { line in
            guard Double(line.rows.count) >= minimumLength else { return false }
            // The line's point at the smallest width (scipy's out_lines[..][0] after its sort).
            let row = line.rows.last!, column = line.columns.last!
            let noiseWindow = matr[0][max(column - half, 0)..<min(column + half + odd, n)].sorted()
            let position = 0.1 * Double(noiseWindow.count - 1)
            let low = Int(position), fraction = position - Double(low)
            let noise = fraction == 0 ? noiseWindow[low]
                : noiseWindow[low] + (noiseWindow[low + 1] - noiseWindow[low]) * fraction
            return abs(matr[row][column] / noise) >= 1
        }.count
    }
}
