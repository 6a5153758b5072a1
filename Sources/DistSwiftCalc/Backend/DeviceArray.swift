/// A 2-D array resident on a compute device (GPU memory for the CUDA backend, host memory for `HostDevice`): what
/// flows between commands that run on the device, so a graph stays there without a copy per command. Its memory
/// belongs to the backend that made it (`storage`), and is freed when the last `DeviceArray` referring to it goes.
public struct DeviceArray: Sendable {
    public enum Precision: String, Sendable { case single, double }

    public enum Layout: Sendable, Equatable {
        /// rows × columns real values.
        case real(columns: Int)
        /// Bins 0 … length/2 of the DFT along time of real rows of `length` samples, as (re, im) pairs.
        case halfSpectrum(length: Int)
    }

    public let rows: Int
    public let layout: Layout
    public let precision: Precision
    public let storage: any DeviceStorage

    public init(rows: Int, layout: Layout, precision: Precision, storage: any DeviceStorage) {
        self.rows = rows
        self.layout = layout
        self.precision = precision
        self.storage = storage
    }

    /// Real values per row (samples, or 2 × bins for a half spectrum).
    public var valuesPerRow: Int {
        switch layout {
        case .real(let columns): return columns
        case .halfSpectrum(let length): return 2 * (length / 2 + 1)
        }
    }

    public var count: Int { rows * valuesPerRow }
    public var byteCount: Int { count * (precision == .single ? 4 : 8) }

    /// Columns as the graph sees them (a half spectrum counts its full length, as `Signal.columns`).
    public var columns: Int {
        switch layout {
        case .real(let columns): return columns
        case .halfSpectrum(let length): return length
        }
    }

    public var isSpectrum: Bool { if case .halfSpectrum = layout { return true } else { return false } }
}

/// The memory behind a `DeviceArray`, owned by its backend (a GPU buffer, or host values).
public protocol DeviceStorage: AnyObject, Sendable {}
