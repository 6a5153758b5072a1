import DistSwiftNative

/// A stored `.npy` array opened for reading: the header is parsed once, and rows (channel blocks) are read on
/// demand with positioned reads, so a worker on a 20,000-channel fibre reads only the block it processes.
public struct NPYArrayFile: Sendable {
    public let header: NPYHeader
    public let address: String
    private let reader: any RandomAccessReader

    /// Opens `path` in `location` and checks that the file holds all the data its header announces.
    public init(location: any StorageLocation, path: String) throws {
        let reader = try location.openForReading(path)
        let size = try reader.size()
        let prefix = try reader.readBytes(at: 0, count: min(size, 65_536 + 12))
        let header = try NPYHeader.parse(prefix, source: reader.address)
        let needed = header.dataOffset + header.dataByteCount
        guard size >= needed else {
            throw NPYFormatError(
                file: reader.address,
                reason: "truncated: the header announces \(header.shape) \(header.descr) (\(needed) bytes) "
                    + "but the file has \(size) bytes")
        }
        self.header = header
        self.reader = reader
        self.address = reader.address
    }

    /// Rows and columns of a 2-D array; a 1-D array of n values counts as n rows of one column.
    public var rowCount: Int { header.shape.first ?? 1 }
    public var columnCount: Int { header.shape.count >= 2 ? header.shape[1...].reduce(1, *) : 1 }

    /// The whole array as `rows × columns`, converted to `T`.
    public func read<T: StorableScalar>(as type: T.Type) throws -> Array2D<T> {
        try readRows(0..<rowCount, as: type)
    }

    /// Rows `range` (a channel block), converted to `T`. Only those rows' bytes are read (C-order files).
    @_specialize(where T == Double)
    @_specialize(where T == Float)
    public func readRows<T: StorableScalar>(_ range: Range<Int>, as type: T.Type) throws -> Array2D<T> {
        guard range.lowerBound >= 0, range.upperBound <= rowCount else {
            throw NPYFormatError(file: address,
                                 reason: "rows \(range) requested but the array has \(rowCount) rows")
        }
        let columns = columnCount
        if header.fortranOrder && columns > 1 && range.count > 0 {
            // Column-major files store each column contiguously: read every column's slice of the block.
            var values = [T](repeating: T(converting: 0), count: range.count * columns)
            for column in 0..<columns {
                let slice: [T] = try readConverted(
                    count: range.count, at: (column * rowCount + range.lowerBound) * header.elementType.byteWidth)
                for (i, v) in slice.enumerated() { values[i * columns + column] = v }
            }
            return Array2D(rows: range.count, columns: columns, values: values)
        }
        let values: [T] = try readConverted(
            count: range.count * columns, at: range.lowerBound * columns * header.elementType.byteWidth)
        return Array2D(rows: range.count, columns: columns, values: values)
    }

    /// Rows `rows`, columns `columns` of a C-order array (the first or last samples of a neighbouring chunk, for a
    /// halo): one positioned read per row when the columns are a small part of each row, else the rows whole.
    public func readBlock<T: StorableScalar>(rows: Range<Int>, columns: Range<Int>, as type: T.Type) throws
        -> Array2D<T>
    {
        guard columns.lowerBound >= 0, columns.upperBound <= columnCount else {
            throw NPYFormatError(file: address,
                                 reason: "columns \(columns) requested but the array has \(columnCount) columns")
        }
        guard rows.lowerBound >= 0, rows.upperBound <= rowCount else {
            throw NPYFormatError(file: address, reason: "rows \(rows) requested but the array has \(rowCount) rows")
        }
        if let runs = runs(type, rows: rows, columns: columns, into: columns.count, at: 0) {
            // Each row's columns read straight into place: what is read is what is kept.
            return Array2D(rows: rows.count, columns: columns.count,
                           values: try NativeFile.gather(T.self, count: rows.count * columns.count, runs: runs))
        }
        if header.fortranOrder || columns.count * 4 >= columnCount {
            let whole = try readRows(rows, as: type)
            guard columns.count < columnCount else { return whole }
            var values: [T] = []
            values.reserveCapacity(rows.count * columns.count)
            for r in 0..<rows.count { values += whole.values[(r * columnCount + columns.lowerBound)..<(r * columnCount + columns.upperBound)] }
            return Array2D(rows: rows.count, columns: columns.count, values: values)
        }
        guard rows.lowerBound >= 0, rows.upperBound <= rowCount else {
            throw NPYFormatError(file: address, reason: "rows \(rows) requested but the array has \(rowCount) rows")
        }
        var values: [T] = []
        values.reserveCapacity(rows.count * columns.count)
        for row in rows {
            let part: [T] = try readConverted(count: columns.count,
                                              at: (row * columnCount + columns.lowerBound) * header.elementType.byteWidth)
            values += part
        }
        return Array2D(rows: rows.count, columns: columns.count, values: values)
    }

    /// Column `column` of a 2-D column-major (Fortran-order) array, converted to `T`: one contiguous read (a stack's
    /// column is one chunk's output).
    public func readColumn<T: StorableScalar>(_ column: Int, as type: T.Type) throws -> [T] {
        guard header.fortranOrder || columnCount == 1, column >= 0, column < columnCount else {
            throw NPYFormatError(file: address, reason: "column \(column) requested of a \(rowCount) × \(columnCount) "
                                 + (header.fortranOrder ? "array" : "C-order array (columns are not contiguous)"))
        }
        return try readConverted(count: rowCount, at: column * rowCount * header.elementType.byteWidth)
    }

    /// A vector of numpy datetime64[ns] or int64 values (a `time/{chunk}.npy` axis file written by `write_npy`).
    public static func timesNs(location: any StorageLocation, path: String) throws -> [Int64] {
        let reader = try location.openForReading(path)
        let size = try reader.size()
        let prefix = try reader.readBytes(at: 0, count: min(size, 4096))
        guard prefix.count > 10, Array(prefix[0..<6]) == NPYHeader.magic else {
            throw NPYFormatError(file: reader.address, reason: "not a NumPy .npy file")
        }
        let headerLength = Int(prefix[8]) | Int(prefix[9]) << 8
        let text = String(decoding: prefix[10..<min(prefix.count, 10 + headerLength)], as: UTF8.self)
        guard text.contains("'<M8[ns]'") || text.contains("'<i8'") else {
            throw NPYFormatError(file: reader.address, reason: "holds \(text), not datetime64[ns] times")
        }
        let count = (size - 10 - headerLength) / 8
        return try reader.read(Int64.self, count: count, at: 10 + headerLength)
    }

    /// All values as a flat vector (axis files such as `measured_depth.npy`, stored as (n,) or (n, 1)).
    public func readVector<T: StorableScalar>(as type: T.Type) throws -> [T] {
        if header.fortranOrder && header.shape.count >= 2 && header.shape.allSatisfy({ $0 > 1 }) {
            return try read(as: type).values
        }
        return try readConverted(count: header.elementCount, at: 0)
    }

    /// The positioned reads that put rows `rows`, columns `columns` of this C-order array into an array of
    /// `width` columns, starting at its column `column`: nil unless the file is local, little-endian on this
    /// machine and of element type `T` (no conversion), so that the caller may read them all into one array.
    func runs<T: StorableScalar>(_ type: T.Type, rows: Range<Int>, columns: Range<Int>, into width: Int,
                                 at column: Int) -> [NativeFile.Run]? {
        guard let local = reader as? any NativeFileReader, !header.fortranOrder, header.byteOrder == .host,
              header.elementType == T.elementType else { return nil }
        let byteWidth = header.elementType.byteWidth
        if columns.count == columnCount && width == columnCount {  // whole rows into whole rows: one read
            return [NativeFile.Run(file: local.file, offset: header.dataOffset + rows.lowerBound * columnCount * byteWidth,
                                   count: rows.count * columnCount, destination: column)]
        }
        return rows.enumerated().map { r, row in
            NativeFile.Run(file: local.file,
                           offset: header.dataOffset + (row * columnCount + columns.lowerBound) * byteWidth,
                           count: columns.count, destination: r * width + column)
        }
    }

    private func readConverted<T: StorableScalar>(count: Int, at dataByte: Int) throws -> [T] {
        let offset = header.dataOffset + dataByte
        switch header.elementType {
        case .float32: return convert(try readNative(Float.self, count: count, at: offset))
        case .float64: return convert(try readNative(Double.self, count: count, at: offset))
        case .int16: return convert(try readNative(Int16.self, count: count, at: offset))
        case .int32: return convert(try readNative(Int32.self, count: count, at: offset))
        }
    }

    private func readNative<S: StorableScalar>(_ type: S.Type, count: Int, at offset: Int) throws -> [S] {
        var values = try reader.read(type, count: count, at: offset)
        values.convertFromByteOrder(header.byteOrder)
        return values
    }
}

/// Converts stored values to the requested type; the same type passes through without a copy. Specialised for the
/// conversions chunk reads make (float32/int16/int32 chunks into float64 commands), which run once per sample.
@_specialize(where S == Float, T == Double)
@_specialize(where S == Int16, T == Double)
@_specialize(where S == Int32, T == Double)
@_specialize(where S == Int16, T == Float)
@_specialize(where S == Double, T == Float)
func convert<S: StorableScalar, T: StorableScalar>(_ values: [S]) -> [T] {
    if S.self == T.self { return unsafeBitCast(values, to: [T].self) }
    return values.map { T(converting: $0.doubleValue) }
}
