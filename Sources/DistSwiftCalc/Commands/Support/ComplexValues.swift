import DistSwiftIO
import DistSwiftNative

/// Element-wise arithmetic on real or complex signals of the same shape, as numpy broadcasts equal shapes.
extension Signal {
    /// (re, im) of every element: real data get a zero imaginary part.
    var parts: (re: [Double], im: [Double]?, rows: Int, columns: Int) {
        if case .real(let a) = self { return (a.values, nil, a.rows, a.columns) }
        if case .singleReal = self { return canonical().parts }
        let c = fullComplex()
        return (c.real, c.imaginary, c.rows, c.columns)
    }

    /// A real signal when `im` is nil, else a complex one.
    static func from(re: [Double], im: [Double]?, rows: Int, columns: Int) -> Signal {
        guard let im else { return .real(Array2D(rows: rows, columns: columns, values: re)) }
        return .complex(ComplexArray2D(rows: rows, columns: columns, real: re, imaginary: im))
    }

    /// Every element mapped through a complex function (re, im) → (re, im); real input stays real when
    /// `realStaysReal` (the function maps the real line into itself).
    @inline(__always)
    func mappingComplex(realStaysReal: Bool, _ f: (Double, Double) -> (Double, Double)) -> Signal {
        if case .singleReal(let a) = self, realStaysReal {  // float32 chunk: converted in the same pass
            return .real(Array2D(rows: a.rows, columns: a.columns, values: ElementwiseKernels.mapped(a.values) { f($0, 0).0 }))
        }
        let p = parts
        if p.im == nil && realStaysReal {
            return .real(Array2D(rows: p.rows, columns: p.columns, values: ElementwiseKernels.mapped(p.re) { f($0, 0).0 }))
        }
        let re = p.re, im = p.im ?? [Double](repeating: 0, count: p.re.count)
        return .complex(ComplexArray2D(rows: p.rows, columns: p.columns,
                                       real: ElementwiseKernels.combined(re, im) { f($0, $1).0 },
                                       imaginary: ElementwiseKernels.combined(re, im) { f($0, $1).1 }))
    }
}
