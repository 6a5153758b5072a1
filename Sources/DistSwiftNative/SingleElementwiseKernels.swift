/// Element-wise maps of float32 values for the float32 kernels of element-wise commands: f computed in float64 on the
/// widened value and rounded once to float32, in the values' own buffer or into a fresh float32 one.
extension ElementwiseKernels {
    /// x[i] = Float(f(Double(x[i]))) for every i, in place.
    @inlinable
    public static func mapInPlace(_ x: inout [Float], _ f: (Double) -> Double) {
        x.withUnsafeMutableBufferPointer { x in
            for i in 0..<x.count { x[i] = Float(f(Double(x[i]))) }
        }
    }

    /// Float(f(Double(x[i]))) for every i, into a fresh buffer.
    @inlinable
    public static func mappedSingle(_ x: [Float], _ f: (Double) -> Double) -> [Float] {
        FreshBuffer.array(x.count) { out in
            x.withUnsafeBufferPointer { x in
                for i in 0..<x.count { out[i] = Float(f(Double(x[i]))) }
            }
        }
    }
}

extension SameTypeBroadcastKernels {
    /// f(a[i], b[i]) for two arrays of one shape, into a fresh buffer in one pass: for operands the engine could not
    /// hand over (`combined` would copy a first, then combine in the copy: two passes), such as x × x.
    @inlinable
    public static func combinedFresh<T: BinaryFloatingPoint>(_ a: [T], _ b: [T], _ f: (T, T) -> T) -> [T] {
        precondition(a.count == b.count, "element-wise arrays of \(a.count) and \(b.count) values")
        return FreshBuffer.array(a.count) { out in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    for i in 0..<a.count { out[i] = f(a[i], b[i]) }
                }
            }
        }
    }
}

extension SameTypeBroadcastKernels {
    /// Whether two arrays are one buffer (the same value gathered twice: writing one in place would copy it first).
    public static func shareStorage<T>(_ a: [T], _ b: [T]) -> Bool {
        a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in x.baseAddress == y.baseAddress } }
    }
}
