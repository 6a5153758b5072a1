import DistSwiftIO
import DistSwiftNative

/// Where commands run their heavy numerics. Commands call a backend, never FFTW or OpenBLAS directly, so a GPU
/// backend can stand behind the same calls later (distpy's `to_gpu`/`from_gpu` become moves between backends).
public protocol ComputeBackend: Sendable {
    var name: String { get }
    /// The non-negative-frequency half of the DFT of every row (rows × (columns/2 + 1) complex bins, unnormalised,
    /// numpy's `rfft(x, axis=1)`).
    func realForwardFFT(_ rows: Array2D<Double>) -> ComplexArray2D
    /// The inverse of `realForwardFFT` for rows of `length` samples, normalised by 1/length (numpy's `irfft`).
    func realInverseFFT(_ half: ComplexArray2D, length: Int) -> Array2D<Double>
    /// The DFT of every complex row, forward (numpy's `fft`) or inverse with 1/n (numpy's `ifft`).
    func complexFFT(_ rows: ComplexArray2D, inverse: Bool) -> ComplexArray2D
}

/// A row-major complex 2-D array with separate real and imaginary parts.
public struct ComplexArray2D: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    public var real: [Double]
    public var imaginary: [Double]

    public init(rows: Int, columns: Int, real: [Double], imaginary: [Double]) {
        precondition(real.count == rows * columns && imaginary.count == rows * columns)
        self.rows = rows
        self.columns = columns
        self.real = real
        self.imaginary = imaginary
    }

    /// Rows and columns swapped (for transforms along channels).
    public func transposed() -> ComplexArray2D {
        ComplexArray2D(rows: columns, columns: rows,
                       real: Transpose.transposed(real, rows: rows, columns: columns),
                       imaginary: Transpose.transposed(imaginary, rows: rows, columns: columns))
    }
}
