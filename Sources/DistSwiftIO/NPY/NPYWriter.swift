import DistSwiftNative

/// Writes `.npy` files that `numpy.load` reads, always atomically.
public enum NPYWriter {
    /// Writes a 2-D array (shape `(rows, columns)`, C order).
    public static func write<T: StorableScalar>(
        _ array: Array2D<T>, to location: any StorageLocation, path: String, byteOrder: ByteOrder = .little
    ) throws {
        try write(values: array.values, shape: [array.rows, array.columns], to: location, path: path,
                  byteOrder: byteOrder)
    }

    /// Writes the values of a 2-D array as an array of `shape` (C order; its element count must match): a 3-D
    /// array held as rows × (n₁ · n₂) is written with shape (rows, n₁, n₂).
    public static func write<T: StorableScalar>(
        _ array: Array2D<T>, shape: [Int], to location: any StorageLocation, path: String, byteOrder: ByteOrder = .little
    ) throws {
        try write(values: array.values, shape: shape, to: location, path: path, byteOrder: byteOrder)
    }

    /// Writes a 1-D array (shape `(n,)`).
    public static func write<T: StorableScalar>(
        vector: [T], to location: any StorageLocation, path: String, byteOrder: ByteOrder = .little
    ) throws {
        try write(values: vector, shape: [vector.count], to: location, path: path, byteOrder: byteOrder)
    }

    /// Writes UTC times as numpy `datetime64[ns]` (shape `(n,)`, little-endian int64 nanoseconds since the epoch):
    /// `numpy.load` gives them back as times, exact to the nanosecond.
    public static func write(timesNs: [Int64], to location: any StorageLocation, path: String) throws {
        try location.writeAtomically(path) { writer in
            try writer.write(NPYHeader.encoded(descr: "<M8[ns]", shape: [timesNs.count]))
            try writer.write(timesNs.inByteOrder(.little))
        }
    }

    static func write<T: StorableScalar>(
        values: [T], shape: [Int], to location: any StorageLocation, path: String, byteOrder: ByteOrder
    ) throws {
        precondition(shape.reduce(1, *) == values.count)
        let header = NPYHeader(elementType: T.elementType, byteOrder: byteOrder, shape: shape)
        try location.writeAtomically(path) { writer in
            try writer.write(header.encoded())
            if byteOrder == .host {
                try writer.write(values)
                return
            }
            // Byte-swapped copies go out in slices so they never double the memory of a whole chunk.
            let slice = 1 << 20
            var start = 0
            while start < values.count {
                let end = min(values.count, start + slice)
                try writer.write(Array(values[start..<end]).inByteOrder(byteOrder))
                start = end
            }
        }
    }
}
