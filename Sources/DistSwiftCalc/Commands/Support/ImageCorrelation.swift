import DistSwiftIO
import DistSwiftNative

/// How scipy.ndimage extends an array beyond its edges. Only the modes that depend on nearby samples alone are
/// offered: inside a record the engine supplies the real neighbours from the adjacent chunks and channel blocks, so
/// the mode only matters at the ends of a record (ndimage's 'wrap' would need the other end of the record).
enum EdgeMode: String, Sendable, CaseIterable {
    /// d c b a | a b c d | d c b a (ndimage's default).
    case reflect
    /// zeros outside.
    case constant
    /// a a a a | a b c d | d d d d
    case nearest
    /// d c b | a b c d | c b a
    case mirror

    /// The index inside 0..<n that position i stands for, or nil for a zero (constant mode).
    func index(_ i: Int, _ n: Int) -> Int? {
        if i >= 0 && i < n { return i }
        switch self {
        case .constant: return nil
        case .nearest: return i < 0 ? 0 : n - 1
        case .reflect:
            let period = 2 * n
            var k = ((i % period) + period) % period
            if k >= n { k = period - 1 - k }
            return k
        case .mirror:
            guard n > 1 else { return 0 }
            let period = 2 * n - 2
            var k = ((i % period) + period) % period
            if k >= n { k = period - k }
            return k
        }
    }

    static var parameterKind: ParameterSpec.Kind { .choice(allCases.map(\.rawValue)) }
}

/// scipy.ndimage's `correlate` of a channels × samples array with a small 2-D kernel (rows along channels, columns
/// along time): y[i, j] = Σ w[a, b]·x[i + a − ci, j + b − cj], the centre (ci, cj) = (kernel size // 2) + origin.
struct ImageCorrelation: Sendable {
    let kernel: Array2D<Double>
    let centre: (row: Int, column: Int)
    let mode: EdgeMode

    init(kernel: Array2D<Double>, mode: EdgeMode, origin: (Int, Int) = (0, 0)) {
        self.kernel = kernel
        self.mode = mode
        centre = (kernel.rows / 2 + origin.0, kernel.columns / 2 + origin.1)
    }

    /// ndimage.convolve: the kernel reversed in both directions, with the origin shift scipy applies to even sizes.
    static func convolution(_ kernel: Array2D<Double>, mode: EdgeMode) -> ImageCorrelation {
        let flipped = Array2D(rows: kernel.rows, columns: kernel.columns, values: kernel.values.reversed())
        return ImageCorrelation(kernel: flipped, mode: mode,
                                origin: (kernel.rows % 2 == 0 ? -1 : 0, kernel.columns % 2 == 0 ? -1 : 0))
    }

    /// Samples needed around each output value.
    var timeContext: AxisContext { AxisContext(before: centre.column, after: kernel.columns - 1 - centre.column) }
    var channelContext: AxisContext { AxisContext(before: centre.row, after: kernel.rows - 1 - centre.row) }

    func apply(_ x: Array2D<Double>) -> Array2D<Double> {
        let rows = x.rows, columns = x.columns
        var out = FreshBuffer.zeros(rows * columns)
        // Column indices (or nil) of every kernel column for every output column, worked out once.
        let columnIndex: [[Int?]] = (0..<kernel.columns).map { b in
            (0..<columns).map { mode.index($0 + b - centre.column, columns) }
        }
        let source = x.values
        // Output row by output row, every kernel row into it while it is in cache (kernel rows outermost streamed
        // the whole output through memory once per kernel row: 9 times for a 9-tap Gaussian along channels). Each
        // output value still sums its terms in the same order, so the result is bit for bit the same.
        for i in 0..<rows {
            for a in 0..<kernel.rows {
                guard let r = mode.index(i + a - centre.row, rows) else { continue }
                let line = r * columns, target = i * columns
                for b in 0..<kernel.columns {
                    let w = kernel.values[a * kernel.columns + b]
                    if w == 0 { continue }
                    let shift = b - centre.column
                    // The interior in one tight loop; the edges through the mode's indices.
                    let lo = max(0, -shift), hi = min(columns, columns - shift)
                    BLAS.addScaled(source, from: line + lo + shift, into: &out, at: target + lo, count: max(0, hi - lo),
                                   scale: w)
                    for j in Array(0..<min(lo, columns)) + Array(max(hi, 0)..<columns) {
                        if let c = columnIndex[b][j] { out[target + j] += w * source[line + c] }
                    }
                }
            }
        }
        return Array2D(rows: rows, columns: columns, values: out)
    }
}

extension ImageCorrelation {
    /// `apply` of a one-row kernel (along time) to float64 or float32 values (widened as they are read): the
    /// interior in C (`RowFIRKernels`, SIMD lanes, no per-row copies), each edge value through the mode's indices.
    /// Every output sums its taps from zero in tap order without fused multiply-adds.
    func applyAlongTime<S: BinaryFloatingPoint & BitwiseCopyable>(_ x: Array2D<S>) -> Array2D<Double> {
        precondition(kernel.rows == 1, "a kernel along time has one row")
        let n = x.columns, taps = kernel.columns, c = centre.column
        guard n > 0, x.rows > 0 else { return Array2D(rows: x.rows, columns: n, values: []) }
        let weights = kernel.values
        // Output j sums w[b]·x[j + b − c]: the interior (every index inside the row) is j in c ... c + n − taps.
        var out = RowFIRKernels.correlatedInterior(x.values, columns: n, weights: weights, first: c, as: Double.self)
        let interior = n >= taps ? c..<(c + n - taps + 1) : 0..<0
        let edges = (0..<n).filter { !interior.contains($0) }
        let sources = edges.map { j in (0..<taps).map { b in mode.index(j + b - c, n) } }
        let values = x.values
        for r in 0..<x.rows {
            let base = r * n
            for (e, j) in edges.enumerated() {
                var sum = 0.0
                for b in 0..<taps where weights[b] != 0 {
                    if let i = sources[e][b] { sum += weights[b] * Double(values[base + i]) }
                }
                out[base + j] = sum
            }
        }
        return Array2D(rows: x.rows, columns: n, values: out)
    }
}

extension ImageCorrelation {
    /// `apply` of a one-column kernel (along distance): each output row the weighted sum of whole input rows, in C
    /// (`RowFIRKernels.combinedRows`: a block of columns in vector accumulators, one pass over the output).
    /// Every output sums its taps from zero in tap order without fused multiply-adds.
    func applyAlongChannels(_ x: Array2D<Double>) -> Array2D<Double> {
        precondition(kernel.columns == 1, "a kernel along distance has one column")
        guard x.rows > 0, x.columns > 0 else { return x }
        let sources = (0..<x.rows).map { i in (0..<kernel.rows).map { a in mode.index(i + a - centre.row, x.rows) } }
        return Array2D(rows: x.rows, columns: x.columns,
                       values: RowFIRKernels.combinedRows(x.values, columns: x.columns, weights: kernel.values,
                                                          sources: sources))
    }
}

extension ParameterValues {
    /// A kernel given as a list of rows (a single list of numbers is one row).
    func matrix(_ name: String) throws -> Array2D<Double> {
        guard case .array(let items)? = values[name], !items.isEmpty else {
            throw ParameterProblem(name, "must be a non-empty list of rows of numbers", fix: "e.g. [[1, 0, -1], [2, 0, -2]]")
        }
        let rows: [[Double]] = items.map { item in
            switch item {
            case .array(let row): return row.compactMap { if case .number(let d) = $0 { d } else { nil } }
            case .number(let d): return [d]
            default: return []
            }
        }
        let flat = items.allSatisfy { if case .number = $0 { true } else { false } }
        if flat { return Array2D(rows: 1, columns: rows.count, values: rows.flatMap { $0 }) }
        guard let width = rows.first?.count, width > 0, rows.allSatisfy({ $0.count == width }),
              items.allSatisfy({ if case .array(let r) = $0 { r.count == width } else { false } }) else {
            throw ParameterProblem(name, "must be rows of numbers, all of the same length",
                                   fix: "e.g. [[1, 0, -1], [2, 0, -2], [1, 0, -1]]")
        }
        return Array2D(rows: rows.count, columns: width, values: rows.flatMap { $0 })
    }
}
