/// The C kernels' element-type flag for float32 / float64 values: 1 for float32, 0 for float64.
enum FloatWidthFlag {
    static func of<T: BinaryFloatingPoint & BitwiseCopyable>(_: T.Type) -> Int32 {
        precondition(MemoryLayout<T>.size == 4 || MemoryLayout<T>.size == 8, "float32 or float64 values only")
        return MemoryLayout<T>.size == 4 ? 1 : 0
    }
}
