import DistSwiftIO
import DistSwiftNative

/// The CPU backend: FFTW for transforms (plans behind the process-wide planner lock), OpenBLAS for linear algebra.
public struct CPUBackend: ComputeBackend {
    public init() {}

    public var name: String { "cpu" }

    public func realForwardFFT(_ input: Array2D<Double>) -> ComplexArray2D {
        let fft = BatchedRealFFT(rows: input.rows, length: input.columns)
        let interleaved = fft.forward(input.values)
        let count = input.rows * fft.bins
        var re = [Double](repeating: 0, count: count)
        var im = [Double](repeating: 0, count: count)
        for i in 0..<count {
            re[i] = interleaved[2 * i]
            im[i] = interleaved[2 * i + 1]
        }
        return ComplexArray2D(rows: input.rows, columns: fft.bins, real: re, imaginary: im)
    }
}
