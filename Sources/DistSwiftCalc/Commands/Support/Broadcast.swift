import DistSwiftIO
import DistSwiftNative

/// numpy broadcasting of two 2-D arrays: equal shapes, or one of them a single row, a single column or a single
/// value. Binary element-wise commands (`add`, `multiply`, `deconvolve`) share it, real or complex.
enum Broadcast {
    /// The output shape, or the problem in words.
    static func shape(_ a: (Int, Int), _ b: (Int, Int)) -> (Int, Int)? {
        func dimension(_ x: Int, _ y: Int) -> Int? { x == y ? x : (x == 1 ? y : (y == 1 ? x : nil)) }
        guard let rows = dimension(a.0, b.0), let columns = dimension(a.1, b.1) else { return nil }
        return (rows, columns)
    }

    /// `f` applied to every pair of broadcast elements of `a` and `b` ((re, im), (re, im)) → (re, im); the result is
    /// real when both are real and `realStaysReal`.
    ///
    /// Every `f` given here (sum, product, regularised quotient) is arithmetic with real coefficients on the two
    /// values and their conjugates, so f(conj a, conj b) = conj f(a, b): two half spectra of the same shape give a
    /// half spectrum, computed on the stored bins only instead of on the two-sided spectra rebuilt in full.
    ///
    /// Two float32 chunks of the same shape (a chunk times itself) are read directly, converted in the same pass;
    /// any other packed input is converted to its canonical form first (the commands calling this declare
    /// `acceptsPackedSignals`).
    @inline(__always)
    static func combine(_ a: Signal, _ b: Signal, command: String, realStaysReal: Bool = true,
                        _ f: (Double, Double, Double, Double) -> (Double, Double)) throws -> Signal {
        if realStaysReal, case .singleReal(let x) = a, case .singleReal(let y) = b,
           x.rows == y.rows, x.columns == y.columns {
            return .real(Array2D(rows: x.rows, columns: x.columns,
                                 values: ElementwiseKernels.combined(x.values, y.values) { f($0, 0, $1, 0).0 }))
        }
        if realStaysReal, case .singleReal(let x) = a, case .real(let y) = b.canonical(),
           Broadcast.shape((x.rows, x.columns), (y.rows, y.columns)).map({ $0 == (x.rows, x.columns) }) == true {
            // A float32 chunk and a real value per row, column or chunk (a chunk minus its means).
            return .real(Array2D(rows: x.rows, columns: x.columns, values: ElementwiseKernels.broadcast(
                x.values, rows: x.rows, columns: x.columns, y.values, bRows: y.rows, bColumns: y.columns) {
                    f($0, 0, $1, 0).0 }))
        }
        let (a, b) = (a.canonical(), b.canonical())
        if case .halfSpectrum(let x, let n) = a, case .halfSpectrum(let y, let m) = b,
           n == m, x.rows == y.rows, x.columns == y.columns {
            let (a, b, c, d) = (x.real, x.imaginary, y.real, y.imaginary)
            return .halfSpectrum(ComplexArray2D(rows: x.rows, columns: x.columns,
                                                real: ElementwiseKernels.combined(a, b, c, d) { f($0, $1, $2, $3).0 },
                                                imaginary: ElementwiseKernels.combined(a, b, c, d) { f($0, $1, $2, $3).1 }),
                                 length: n)
        }
        let p = a.parts, q = b.parts
        guard let (rows, columns) = shape((p.rows, p.columns), (q.rows, q.columns)) else {
            throw CommandError(command, "cannot combine shapes \(p.rows)×\(p.columns) and \(q.rows)×\(q.columns): "
                + "they must be equal, or one a single row, column or value")
        }
        let complex = p.im != nil || q.im != nil || !realStaysReal
        if p.rows == q.rows && p.columns == q.columns {
            // Equal shapes: whole-array loops (the common case: a spectrum times a mask, a chunk plus a chunk).
            guard complex else {
                return .real(Array2D(rows: rows, columns: columns, values: ElementwiseKernels.combined(p.re, q.re) {
                    f($0, 0, $1, 0).0 }))
            }
            let zeros = [Double](repeating: 0, count: p.re.count)
            let (a, b, c, d) = (p.re, p.im ?? zeros, q.re, q.im ?? zeros)
            return .complex(ComplexArray2D(rows: rows, columns: columns,
                                           real: ElementwiseKernels.combined(a, b, c, d) { f($0, $1, $2, $3).0 },
                                           imaginary: ElementwiseKernels.combined(a, b, c, d) { f($0, $1, $2, $3).1 }))
        }
        if !complex && p.rows == rows && p.columns == columns {  // b broadcast along a (a chunk minus its means)
            return .real(Array2D(rows: rows, columns: columns, values: ElementwiseKernels.broadcast(
                p.re, rows: rows, columns: columns, q.re, bRows: q.rows, bColumns: q.columns) { f($0, 0, $1, 0).0 }))
        }
        if !complex && q.rows == rows && q.columns == columns {
            return .real(Array2D(rows: rows, columns: columns, values: ElementwiseKernels.broadcast(
                q.re, rows: rows, columns: columns, p.re, bRows: p.rows, bColumns: p.columns) { f($1, 0, $0, 0).0 }))
        }
        var re = [Double](repeating: 0, count: rows * columns)
        var im: [Double]? = complex ? [Double](repeating: 0, count: rows * columns) : nil
        for r in 0..<rows {
            let ra = p.rows == 1 ? 0 : r, rb = q.rows == 1 ? 0 : r
            for c in 0..<columns {
                let ia = ra * p.columns + (p.columns == 1 ? 0 : c), ib = rb * q.columns + (q.columns == 1 ? 0 : c)
                let (x, y) = f(p.re[ia], p.im?[ia] ?? 0, q.re[ib], q.im?[ib] ?? 0)
                re[r * columns + c] = x
                im?[r * columns + c] = y
            }
        }
        return Signal.from(re: re, im: im, rows: rows, columns: columns)
    }

    /// The output axes of a broadcast: the input with more rows gives the rows, more columns the columns.
    static func axes(_ inputs: [Axes]) -> Axes {
        guard inputs.count > 1 else { return inputs[0] }
        var axes = inputs[0]
        if axes.rows.count == 1 && inputs[1].rows.count > 1 { axes.rows = inputs[1].rows }
        if axes.columns.count == 1 && inputs[1].columns.count > 1 { axes.columns = inputs[1].columns }
        return axes
    }
}
