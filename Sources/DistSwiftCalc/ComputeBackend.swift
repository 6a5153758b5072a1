import DistSwiftIO

/// Where commands run their heavy numerics. Commands call a backend, never FFTW or OpenBLAS directly, so a GPU
/// backend can stand behind the same calls later (distpy's `to_gpu`/`from_gpu` become moves between backends).
public protocol ComputeBackend: Sendable {
    var name: String { get }
    /// The non-negative-frequency half of the DFT of every row (rows × (columns/2 + 1) complex bins, unnormalised,
    /// numpy's `rfft(x, axis=1)`).
    func realForwardFFT(_ rows: Array2D<Double>) -> ComplexArray2D
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
}
