import CDistShims
import Glibc

/// Element-wise loops over whole arrays, written once into fresh output buffers (`FreshBuffer`) so that a command's
/// per-element function runs at memory speed (Array.map appends element by element). @inlinable: the function given
/// is inlined into the loop at the call site. The float32 overloads read a chunk that arrived in float32 directly:
/// one pass that converts and computes, instead of a float64 copy of the chunk and a second pass over it.
public enum ElementwiseKernels {
    /// f(x[i]) for every i, float32 values widened as they are read.
    @inlinable
    public static func mapped<T: BinaryFloatingPoint>(_ x: [T], _ f: (Double) -> Double) -> [Double] {
        FreshBuffer.array(x.count) { out in
            x.withUnsafeBufferPointer { x in
                for i in 0..<x.count { out[i] = f(Double(x[i])) }
            }
        }
    }

    /// The float32 values as float64 (exact).
    public static func widened(_ x: [Float]) -> [Double] {
        mapped(x) { $0 }
    }

    /// f(a[i], b[i]) for every i (equal counts), float32 values widened as they are read.
    @inlinable
    public static func combined<T: BinaryFloatingPoint>(_ a: [T], _ b: [T], _ f: (Double, Double) -> Double) -> [Double] {
        precondition(a.count == b.count, "element-wise arrays of \(a.count) and \(b.count) values")
        return FreshBuffer.array(a.count) { out in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    for i in 0..<a.count { out[i] = f(Double(a[i]), Double(b[i])) }
                }
            }
        }
    }

    /// f(a[i], b[i], c[i], d[i]) for every i (equal counts): one part of a complex product or quotient.
    @inlinable
    public static func combined(_ a: [Double], _ b: [Double], _ c: [Double], _ d: [Double],
                                _ f: (Double, Double, Double, Double) -> Double) -> [Double] {
        precondition(a.count == b.count && b.count == c.count && c.count == d.count, "element-wise arrays differ")
        return FreshBuffer.array(a.count) { out in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    c.withUnsafeBufferPointer { c in
                        d.withUnsafeBufferPointer { d in
                            for i in 0..<a.count { out[i] = f(a[i], b[i], c[i], d[i]) }
                        }
                    }
                }
            }
        }
    }

    /// f(a[r, c], b[r or 0, c or 0]) over a rows × columns `a` (row-major) and a `b` of one value, one row
    /// (columns values) or one column (rows values): numpy broadcasting of the second operand, a row at a time.
    /// float32 values of `a` are widened as they are read.
    @inlinable
    public static func broadcast<T: BinaryFloatingPoint>(_ a: [T], rows: Int, columns: Int, _ b: [Double], bRows: Int,
                                                          bColumns: Int, _ f: (Double, Double) -> Double) -> [Double] {
        precondition(a.count == rows * columns && b.count == bRows * bColumns && (bRows == 1 || bRows == rows)
                     && (bColumns == 1 || bColumns == columns), "broadcast shapes differ")
        return FreshBuffer.array(a.count) { out in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    for r in 0..<rows {
                        let row = r * columns, bRow = bRows == 1 ? 0 : r * bColumns
                        if bColumns == 1 {
                            let v = b[bRow]
                            for c in 0..<columns { out[row + c] = f(Double(a[row + c]), v) }
                        } else {
                            for c in 0..<columns { out[row + c] = f(Double(a[row + c]), b[bRow + c]) }
                        }
                    }
                }
            }
        }
    }

    /// numpy.angle of every bin of the full spectra (rows × length) whose bins 0 … length/2 are stored in `re`, `im`
    /// (rows × (length/2 + 1)): atan2 of the stored bins (a zero imaginary part counting as +0), and for bin k above
    /// length/2 the conjugate of bin length − k: minus its phase, or the same phase where the imaginary part is 0
    /// (atan2 is odd in y).
    public static func halfSpectrumPhase(_ re: [Double], _ im: [Double], rows: Int, length n: Int) -> [Double] {
        precondition(re.count == rows * (n / 2 + 1) && im.count == re.count, "half spectrum of \(re.count) values")
        return re.withUnsafeBufferPointer { re in
            im.withUnsafeBufferPointer { im in
                phase(HalfSpectrumView(re: re.baseAddress!, im: im.baseAddress!, stride: 1), rows: rows, length: n)
            }
        }
    }

    /// `halfSpectrumPhase` of a half spectrum stored as (re, im) pairs (FFTW's layout, float32 or float64), read
    /// as it is: no split float64 copy first. The stored bins' atan2 runs in C over whole rows, 4 or 8 at a time
    /// (`dist_atan2_pairs`, within 1 ulp of glibc's atan2, which took 20–40 ns an element here).
    public static func halfSpectrumPhase(pairs: [Double], rows: Int, length n: Int) -> [Double] {
        pairs.withUnsafeBufferPointer { p in
            halfSpectrumPhase(rows: rows, length: n, count: p.count) { row, h, out in
                dist_atan2_pairs(p.baseAddress! + 2 * row * h, h, out)
            } imaginaryIsZero: { i in p[2 * i + 1] == 0 }
        }
    }

    /// `halfSpectrumPhase(pairs:rows:length:)` of float32 pairs (widened exactly as they are read).
    public static func halfSpectrumPhase(pairs: [Float], rows: Int, length n: Int) -> [Double] {
        pairs.withUnsafeBufferPointer { p in
            halfSpectrumPhase(rows: rows, length: n, count: p.count) { row, h, out in
                dist_atan2_pairs_float(p.baseAddress! + 2 * row * h, h, out)
            } imaginaryIsZero: { i in p[2 * i + 1] == 0 }
        }
    }

    /// The full rows × n phase from `stored(row, h, out)`, which writes the h = n/2 + 1 stored bins' phases of
    /// `row` at `out`; bin k above n/2 is minus bin n − k's phase, or the same where its imaginary part is 0.
    private static func halfSpectrumPhase(rows: Int, length n: Int, count: Int,
                                          stored: (Int, Int, UnsafeMutablePointer<Double>) -> Void,
                                          imaginaryIsZero: (Int) -> Bool) -> [Double] {
        let h = n / 2 + 1
        precondition(count == 2 * rows * h, "half spectrum of \(count / 2) values")
        return FreshBuffer.array(rows * n) { out in
            for r in 0..<rows {
                let row = out.baseAddress! + r * n
                stored(r, min(h, n), row)
                for k in h..<max(h, n) {
                    let j = n - k
                    row[k] = imaginaryIsZero(r * h + j) ? row[j] : -row[j]
                }
            }
        }
    }

    /// Real and imaginary parts of stored complex values: split arrays (stride 1) or (re, im) pairs (stride 2).
    struct HalfSpectrumView<T: BinaryFloatingPoint> {
        let re: UnsafePointer<T>, im: UnsafePointer<T>, stride: Int

        @inline(__always) func real(_ i: Int) -> Double { Double(re[i * stride]) }
        @inline(__always) func imaginary(_ i: Int) -> Double { Double(im[i * stride]) }
    }

    private static func phase<T>(_ x: HalfSpectrumView<T>, rows: Int, length n: Int) -> [Double] {
        let h = n / 2 + 1
        return FreshBuffer.array(rows * n) { out in
            for r in 0..<rows {
                let source = r * h, row = r * n
                for k in 0..<min(h, n) {
                    let y = x.imaginary(source + k)
                    out[row + k] = atan2(y == 0 ? 0 : y, x.real(source + k))
                }
                for k in h..<max(h, n) {
                    let j = n - k
                    out[row + k] = x.imaginary(source + j) == 0 ? out[row + j] : -out[row + j]
                }
            }
        }
    }

    /// The conjugates of (re, im) pairs: the imaginary parts negated (exact in any precision).
    @inlinable
    public static func conjugatedPairs<T: BinaryFloatingPoint>(_ pairs: [T]) -> [T] {
        FreshBuffer.array(pairs.count) { out in
            pairs.withUnsafeBufferPointer { x in
                for i in 0..<(pairs.count / 2) {
                    out[2 * i] = x[2 * i]
                    out[2 * i + 1] = -x[2 * i + 1]
                }
            }
        }
    }

    /// x[i] · conj(x[j]) for every element i of a rows × columns array, j its mirror image across the rows
    /// (`acrossRows`: row r ↔ rows − 1 − r) or the columns; `im` nil for real values (the product is then real).
    public static func mirroredConjugateProducts(_ re: [Double], _ im: [Double]?, rows: Int, columns: Int,
                                                 acrossRows: Bool) -> (re: [Double], im: [Double]?) {
        precondition(re.count == rows * columns && (im == nil || im!.count == re.count), "array of \(re.count) values")
        return re.withUnsafeBufferPointer { x in
            guard let im else {
                return (FreshBuffer.array(re.count) { out in
                    for r in 0..<rows {
                        let mirrored = acrossRows ? rows - 1 - r : r
                        for c in 0..<columns {
                            out[r * columns + c] = x[r * columns + c]
                                * x[mirrored * columns + (acrossRows ? c : columns - 1 - c)]
                        }
                    }
                }, nil)
            }
            return im.withUnsafeBufferPointer { y in
                let out = mirrored(HalfSpectrumView(re: x.baseAddress!, im: y.baseAddress!, stride: 1), rows: rows,
                                   columns: columns, acrossRows: acrossRows)
                return (out.re, out.im)
            }
        }
    }

    /// `mirroredConjugateProducts` of complex values stored as (re, im) pairs, read as they are.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public static func mirroredConjugateProducts<T: BinaryFloatingPoint>(pairs: [T], rows: Int, columns: Int,
                                                                         acrossRows: Bool) -> (re: [Double], im: [Double]) {
        precondition(pairs.count == 2 * rows * columns, "array of \(pairs.count / 2) values")
        return pairs.withUnsafeBufferPointer { p in
            mirrored(HalfSpectrumView(re: p.baseAddress!, im: p.baseAddress! + 1, stride: 2), rows: rows,
                     columns: columns, acrossRows: acrossRows)
        }
    }

    /// Both parts of x[i] · conj(x[mirror i]) written in the same pass.
    private static func mirrored<T>(_ x: HalfSpectrumView<T>, rows: Int, columns: Int,
                                    acrossRows: Bool) -> (re: [Double], im: [Double]) {
        var outIm: [Double] = []
        let outRe: [Double] = FreshBuffer.array(rows * columns) { outRe in
            outIm = FreshBuffer.array(rows * columns) { outIm in
                for r in 0..<rows {
                    let mirroredRow = acrossRows ? rows - 1 - r : r
                    for c in 0..<columns {
                        let i = r * columns + c, j = mirroredRow * columns + (acrossRows ? c : columns - 1 - c)
                        let (a, b, p, q) = (x.real(i), x.imaginary(i), x.real(j), x.imaginary(j))
                        outRe[i] = a * p + b * q
                        outIm[i] = b * p - a * q
                    }
                }
            }
        }
        return (outRe, outIm)
    }

    /// X[r, k] · E[k] for the full spectra X (rows × length) whose bins 0 … length/2 are stored in `re`, `im`
    /// (rows × (length/2 + 1)) and a complex line E of `length` bins: bin k above length/2 of X read as the
    /// conjugate of bin length − k, without building the two-sided spectra first. Returns (re, im), rows × length.
    public static func halfSpectrumTimesLine(_ re: [Double], _ im: [Double], rows: Int, length n: Int,
                                             _ lineRe: [Double], _ lineIm: [Double]) -> (re: [Double], im: [Double]) {
        precondition(re.count == rows * (n / 2 + 1) && im.count == re.count, "half spectrum of \(re.count) values")
        return re.withUnsafeBufferPointer { re in
            im.withUnsafeBufferPointer { im in
                timesLine(HalfSpectrumView(re: re.baseAddress!, im: im.baseAddress!, stride: 1), rows: rows, length: n,
                          lineRe, lineIm)
            }
        }
    }

    /// `halfSpectrumTimesLine` of a half spectrum stored as (re, im) pairs, read as it is. `level`: which compiled
    /// copy of the C loop runs (every level gives the same bits; tests run each).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public static func halfSpectrumTimesLine<T: BinaryFloatingPoint>(pairs: [T], rows: Int, length n: Int,
                                                                     _ lineRe: [Double], _ lineIm: [Double],
                                                                     level: SlidingWindowKernels.Level = .best)
        -> (re: [Double], im: [Double])
    {
        precondition(pairs.count == 2 * rows * (n / 2 + 1), "half spectrum of \(pairs.count / 2) values")
        precondition(lineRe.count == n && lineIm.count == n, "line of \(lineRe.count) bins for \(n)")
        precondition(T.self == Float.self || T.self == Double.self, "float32 or float64 pairs")
        // In C (dist_half_product.c): 8 bins a vector and non-temporal stores, the same bits as `timesLine`.
        var outIm: [Double] = []
        let outRe: [Double] = FreshBuffer.array(rows * n) { outRe in
            outIm = FreshBuffer.array(rows * n) { outIm in
                guard rows * n > 0 else { return }
                pairs.withUnsafeBytes { p in
                    dist_half_spectrum_times_line(p.baseAddress!, T.self == Float.self ? 1 : 0, rows, n, lineRe,
                                                  lineIm, outRe.baseAddress!, outIm.baseAddress!, level.rawValue)
                }
            }
        }
        return (outRe, outIm)
    }

    /// Both parts of the product written in the same pass.
    private static func timesLine<T>(_ x: HalfSpectrumView<T>, rows: Int, length n: Int, _ lineRe: [Double],
                                     _ lineIm: [Double]) -> (re: [Double], im: [Double]) {
        let h = n / 2 + 1
        precondition(lineRe.count == n && lineIm.count == n, "line of \(lineRe.count) bins for \(n)")
        var outIm: [Double] = []
        let outRe: [Double] = FreshBuffer.array(rows * n) { outRe in
            outIm = FreshBuffer.array(rows * n) { outIm in
                lineRe.withUnsafeBufferPointer { c in
                    lineIm.withUnsafeBufferPointer { d in
                        for r in 0..<rows {
                            let source = r * h, row = r * n
                            for k in 0..<min(h, n) {
                                let (a, b) = (x.real(source + k), x.imaginary(source + k))
                                outRe[row + k] = a * c[k] - b * d[k]
                                outIm[row + k] = a * d[k] + b * c[k]
                            }
                            for k in h..<max(h, n) {
                                let (a, b) = (x.real(source + n - k), -x.imaginary(source + n - k))
                                outRe[row + k] = a * c[k] - b * d[k]
                                outIm[row + k] = a * d[k] + b * c[k]
                            }
                        }
                    }
                }
            }
        }
        return (outRe, outIm)
    }

    /// The two-sided spectra (rows × length) whose bins 0 … length/2 are stored in `re`, `im` (rows ×
    /// (length/2 + 1)): bin k above length/2 is the conjugate of bin length − k (real rows' Hermitian symmetry).
    public static func twoSided(_ re: [Double], _ im: [Double], rows: Int, length n: Int) -> (re: [Double], im: [Double]) {
        let h = n / 2 + 1
        precondition(re.count == rows * h && im.count == re.count, "half spectrum of \(re.count) values")
        func part(_ values: [Double], sign: Double) -> [Double] {
            FreshBuffer.array(rows * n) { out in
                values.withUnsafeBufferPointer { x in
                    for r in 0..<rows {
                        let source = r * h, row = r * n
                        for k in 0..<min(h, n) { out[row + k] = x[source + k] }
                        for k in h..<max(h, n) { out[row + k] = sign * x[source + n - k] }
                    }
                }
            }
        }
        return (part(re, sign: 1), part(im, sign: -1))
    }

    /// (smallest, largest) of the values in one vectorised pass (Sources/CDistShims/dist_extremes.c), (0, 0) for
    /// none: bit for bit the loop `if v < low { low = v }; if v > high { high = v }` from the first value — NaN
    /// skipped unless the first value is NaN, of +0 and −0 the one that comes first. `level` as the sliding-window
    /// kernels' (every level gives the same bits).
    public static func extremes(_ x: [Float], level: SlidingWindowKernels.Level = .best) -> (low: Double, high: Double) {
        guard !x.isEmpty else { return (0, 0) }
        var low: Float = 0, high: Float = 0
        x.withUnsafeBufferPointer { dist_extremes_float($0.baseAddress!, $0.count, &low, &high, level.rawValue) }
        return (Double(low), Double(high))
    }

    /// As `extremes(_: [Float])`, for float64 values.
    public static func extremes(_ x: [Double], level: SlidingWindowKernels.Level = .best) -> (low: Double, high: Double) {
        guard !x.isEmpty else { return (0, 0) }
        var low = 0.0, high = 0.0
        x.withUnsafeBufferPointer { dist_extremes_double($0.baseAddress!, $0.count, &low, &high, level.rawValue) }
        return (low, high)
    }

    /// (re, im) pairs as separate float64 real and imaginary arrays, each written once.
    @inlinable
    public static func deinterleaved<T: BinaryFloatingPoint>(_ pairs: [T]) -> (re: [Double], im: [Double]) {
        let count = pairs.count / 2
        return pairs.withUnsafeBufferPointer { x in
            (FreshBuffer.array(count) { out in for i in 0..<count { out[i] = Double(x[2 * i]) } },
             FreshBuffer.array(count) { out in for i in 0..<count { out[i] = Double(x[2 * i + 1]) } })
        }
    }

    /// Separate real and imaginary parts as (re, im) pairs.
    public static func interleaved(_ re: [Double], _ im: [Double]) -> [Double] {
        precondition(re.count == im.count, "\(re.count) real and \(im.count) imaginary parts")
        return FreshBuffer.array(2 * re.count) { out in
            re.withUnsafeBufferPointer { re in
                im.withUnsafeBufferPointer { im in
                    for i in 0..<re.count {
                        out[2 * i] = re[i]
                        out[2 * i + 1] = im[i]
                    }
                }
            }
        }
    }

    /// f(row[r], column[c]) at [r, c] of a rows × columns array (row-major): a value of each row's and each
    /// column's coordinate, written once into a fresh buffer (no zero fill, no bounds checks).
    @inlinable
    public static func outer(rows row: [Double], columns column: [Double],
                             _ f: (Double, Double) -> Double) -> [Double] {
        let n = column.count
        return FreshBuffer.array(row.count * n) { out in
            column.withUnsafeBufferPointer { column in
                for r in 0..<row.count {
                    let y = row[r], start = out.baseAddress! + r * n
                    for c in 0..<n { start[c] = f(y, column[c]) }
                }
            }
        }
    }

    /// Rows `rows` (in that order) and columns `columnRange` of a row-major array of `columns` columns, as float64
    /// (float32 values widened as they are read).
    @inlinable
    public static func block<T: BinaryFloatingPoint>(_ a: [T], columns: Int, rows: [Int],
                                                     columnRange: Range<Int>) -> [Double] {
        block(a, columns: columns, rows: rows, columnRange: columnRange, as: Double.self)
    }

    /// `block` in precision `D` (exact when widening, rounded to nearest when narrowing).
    @inlinable
    public static func block<T: BinaryFloatingPoint, D: BinaryFloatingPoint>(_ a: [T], columns: Int, rows: [Int],
                                                                          columnRange: Range<Int>, as: D.Type) -> [D] {
        precondition(rows.allSatisfy { $0 >= 0 && ($0 + 1) * columns <= a.count } && columnRange.upperBound <= columns,
                     "block outside the array")
        let width = columnRange.count
        return FreshBuffer.array(rows.count * width) { out in
            a.withUnsafeBufferPointer { x in
                for (i, r) in rows.enumerated() {
                    let source = r * columns + columnRange.lowerBound
                    for c in 0..<width { out[i * width + c] = D(x[source + c]) }
                }
            }
        }
    }

    /// Rows `rows` and columns `columnRange` kept in the array's own buffer (moved to its front, the rest
    /// removed): `block` of contiguous rows without a fresh array. Each kept row moves to an address at or before
    /// its own, so moving them in order never overwrites one not yet moved.
    @inlinable
    public static func keepBlock<T>(_ a: inout [T], columns: Int, rows: Range<Int>, columnRange: Range<Int>) {
        precondition(rows.lowerBound >= 0 && rows.upperBound * columns <= a.count && columnRange.upperBound <= columns,
                     "block outside the array")
        let width = columnRange.count
        a.withUnsafeMutableBufferPointer { x in
            guard let base = x.baseAddress else { return }
            for (i, r) in rows.enumerated() {
                let source = r * columns + columnRange.lowerBound, target = i * width
                if source != target { (base + target).update(from: base + source, count: width) }
            }
        }
        a.removeLast(a.count - rows.count * width)
    }
}
