import DistSwiftIO
import DistSwiftNative

/// The CPU backend: FFTW for transforms (plans behind the process-wide planner lock), OpenBLAS for linear algebra.
public struct CPUBackend: ComputeBackend {
    public init() {}

    public var name: String { "cpu" }

    public func realForwardFFT(_ input: Array2D<Double>) -> ComplexArray2D {
        let fft = BatchedRealFFT(rows: input.rows, length: input.columns)
        return Self.split(fft.forward(input.values), rows: input.rows, columns: fft.bins)
    }

    public func realInverseFFT(_ half: ComplexArray2D, length: Int) -> Array2D<Double> {
        let fft = BatchedRealInverseFFT(rows: half.rows, length: length)
        precondition(half.columns == fft.bins, "a half spectrum of \(length) samples has \(fft.bins) bins")
        let scale = 1 / Double(length)
        let values = fft.inverse(Self.interleave(half)).map { $0 * scale }
        return Array2D(rows: half.rows, columns: length, values: values)
    }

    public func complexFFT(_ input: ComplexArray2D, inverse: Bool) -> ComplexArray2D {
        let fft = BatchedComplexFFT(rows: input.rows, length: input.columns, forward: !inverse)
        var out = Self.split(fft.transform(Self.interleave(input)), rows: input.rows, columns: input.columns)
        if inverse {
            let scale = 1 / Double(input.columns)
            for i in out.real.indices {
                out.real[i] *= scale
                out.imaginary[i] *= scale
            }
        }
        return out
    }

    static func split(_ interleaved: [Double], rows: Int, columns: Int) -> ComplexArray2D {
        let count = rows * columns
        var re = [Double](repeating: 0, count: count)
        var im = [Double](repeating: 0, count: count)
        for i in 0..<count {
            re[i] = interleaved[2 * i]
            im[i] = interleaved[2 * i + 1]
        }
        return ComplexArray2D(rows: rows, columns: columns, real: re, imaginary: im)
    }

    static func interleave(_ c: ComplexArray2D) -> [Double] {
        var out = [Double](repeating: 0, count: c.real.count * 2)
        for i in c.real.indices {
            out[2 * i] = c.real[i]
            out[2 * i + 1] = c.imaginary[i]
        }
        return out
    }
}
