import DistSwiftNative

/// A 2-D HDF5 data set holding one DAS record, with its axis order: the part every HDF5 layout shares. Reads
/// sample ranges as channels × samples, transposing time-major layouts, and reads only the requested hyperslab.
public struct HDF5Matrix: Sendable {
    public let file: HDF5File
    public let datasetPath: String
    /// True when axis 0 is time (time × distance on disk, the common vendor order).
    public let timeFirst: Bool
    public let sampleCount: Int
    public let channelCount: Int
    public let storedType: ElementType?

    /// Opens `datasetPath`, refusing anything but a 2-D numeric array.
    public init(file: HDF5File, datasetPath: String, timeFirst: Bool) throws {
        let data = try file.dataset(datasetPath)
        let shape = try data.shape()
        guard shape.count == 2 else {
            throw RecordError(file: file.path, problem: "\(datasetPath) has shape \(shape); a DAS record must be 2-D")
        }
        let kind = try data.elementKind()
        switch kind {
        case .integer, .float: break
        default:
            throw RecordError(file: file.path, problem: "\(datasetPath) stores \(kind), not numbers")
        }
        self.file = file
        self.datasetPath = datasetPath
        self.timeFirst = timeFirst
        sampleCount = timeFirst ? shape[0] : shape[1]
        channelCount = timeFirst ? shape[1] : shape[0]
        storedType = Self.storedType(kind)
    }

    /// The chunk-store type that holds `kind` exactly, if any.
    public static func storedType(_ kind: HDF5ElementKind) -> ElementType? {
        switch kind {
        case .integer(2, true, _): return .int16
        case .integer(4, true, _): return .int32
        case .float(4, _): return .float32
        case .float(8, _): return .float64
        default: return nil
        }
    }

    /// Samples `range` of every channel, as channels × samples.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    @_specialize(where T == Int16)
    @_specialize(where T == Int32)
    public func read<T: StorableScalar>(samples range: Range<Int>, as type: T.Type) throws -> Array2D<T> {
        let data = try file.dataset(datasetPath)
        let n = range.count
        if !timeFirst {
            let values = try data.read(as: T.self, offset: [0, range.lowerBound], count: [channelCount, n])
            return Array2D(rows: channelCount, columns: n, values: values)
        }
        let block = try data.read(as: T.self, offset: [range.lowerBound, 0], count: [n, channelCount])
        return Self.transposed(block, rows: n, columns: channelCount)
    }

    /// A row-major `rows × columns` block turned into `columns × rows` (time × channel → channel × time).
    public static func transposed<T: StorableScalar>(_ block: [T], rows: Int, columns: Int) -> Array2D<T> {
        Array2D(rows: columns, columns: rows, values: Transpose.transposed(block, rows: rows, columns: columns))
    }
}

/// A layout whose record is one 2-D data set: reading sample ranges is the matrix's job, so each such reader only
/// scans metadata.
protocol HDF5MatrixReader: RecordSource {
    var matrix: HDF5Matrix { get }
}

extension HDF5MatrixReader {
    public func read<T: StorableScalar>(samples range: Range<Int>, as type: T.Type) throws -> Array2D<T> {
        try matrix.read(samples: range, as: type)
    }
}
