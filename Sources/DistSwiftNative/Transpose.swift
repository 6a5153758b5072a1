/// Matrix transposition of row-major buffers: the one memory-layout primitive every time-major record format needs
/// (HDF5 layouts store time × channel; the chunk store keeps channel × time).
public enum Transpose {
    /// `values` (row-major `rows × columns`) as row-major `columns × rows`. Works in 32 × 32 tiles so reads and
    /// writes both stay within cache lines, and writes into uninitialised memory (no zero fill of a chunk-sized
    /// buffer first).
    @inlinable
    public static func transposed<T: BitwiseCopyable>(_ values: [T], rows: Int, columns: Int) -> [T] {
        precondition(values.count == rows * columns, "\(values.count) values do not fill \(rows)×\(columns)")
        let tile = 32
        return [T](unsafeUninitializedCapacity: values.count) { out, initialized in
            values.withUnsafeBufferPointer { input in
                for r0 in stride(from: 0, to: rows, by: tile) {
                    let r1 = min(r0 + tile, rows)
                    for c0 in stride(from: 0, to: columns, by: tile) {
                        let c1 = min(c0 + tile, columns)
                        for r in r0..<r1 {
                            for c in c0..<c1 { out.initializeElement(at: c * rows + r, to: input[r * columns + c]) }
                        }
                    }
                }
            }
            initialized = values.count
        }
    }
}
