import DistSwiftIO
import DistSwiftNative

extension Signal {
    /// The real values of a canonical signal, or an error naming the command that needs them.
    func realValues(for command: String) throws -> Array2D<Double> {
        guard case .real(let a) = self else {
            throw CommandError(command, "needs real values; take abs or real of complex data first")
        }
        return a
    }

    /// `f` of every value of a real signal, read straight from the float32 chunk when it arrived as one (for
    /// commands that declare `acceptsPackedSignals`): one pass that converts and computes, not a float64 copy of the
    /// chunk and a second pass over it. Anything but real values is the error of `realValues`.
    @inline(__always)
    func mappingReal(for command: String, _ f: (Double) -> Double) throws -> Signal {
        switch self {
        case .singleReal(let a):
            return .real(Array2D(rows: a.rows, columns: a.columns, values: ElementwiseKernels.mapped(a.values, f)))
        default:
            let a = try canonical().realValues(for: command)
            return .real(Array2D(rows: a.rows, columns: a.columns, values: ElementwiseKernels.mapped(a.values, f)))
        }
    }
}

extension Array2D where Element == Double {
    /// Rows and columns swapped.
    func transposedValues() -> Array2D<Double> {
        Array2D(rows: columns, columns: rows, values: Transpose.transposed(values, rows: rows, columns: columns))
    }

    /// `transform` applied to every line along `axis` (1: each row, along time; 0: each column, along channels);
    /// lines may change length. Columns are transposed into rows first so every line is contiguous.
    func mappingLines(axis: Int, _ transform: (ArraySlice<Double>) throws -> [Double]) rethrows -> Array2D<Double> {
        let source = axis == 1 ? self : transposedValues()
        var out: [Double] = []
        out.reserveCapacity(source.values.count)
        var length = 0
        for r in 0..<source.rows {
            let line = try transform(source.row(r))
            length = line.count
            out.append(contentsOf: line)
        }
        let mapped = Array2D(rows: source.rows, columns: length, values: out)
        return axis == 1 ? mapped : mapped.transposedValues()
    }
}
