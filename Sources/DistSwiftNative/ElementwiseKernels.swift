/// Element-wise loops over whole arrays, written once on uninitialised output buffers so that a command's per-element
/// function runs at memory speed (Array.map appends element by element). @inlinable: the function given is inlined
/// into the loop at the call site.
public enum ElementwiseKernels {
    /// f(x[i]) for every i.
    @inlinable
    public static func mapped(_ x: [Double], _ f: (Double) -> Double) -> [Double] {
        [Double](unsafeUninitializedCapacity: x.count) { out, initialised in
            x.withUnsafeBufferPointer { x in
                for i in 0..<x.count { out[i] = f(x[i]) }
            }
            initialised = x.count
        }
    }

    /// f(a[i], b[i]) for every i (equal counts).
    @inlinable
    public static func combined(_ a: [Double], _ b: [Double], _ f: (Double, Double) -> Double) -> [Double] {
        precondition(a.count == b.count, "element-wise arrays of \(a.count) and \(b.count) values")
        return [Double](unsafeUninitializedCapacity: a.count) { out, initialised in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    for i in 0..<a.count { out[i] = f(a[i], b[i]) }
                }
            }
            initialised = a.count
        }
    }

    /// f(a[i], b[i], c[i], d[i]) for every i (equal counts): one part of a complex product or quotient.
    @inlinable
    public static func combined(_ a: [Double], _ b: [Double], _ c: [Double], _ d: [Double],
                                _ f: (Double, Double, Double, Double) -> Double) -> [Double] {
        precondition(a.count == b.count && b.count == c.count && c.count == d.count, "element-wise arrays differ")
        return [Double](unsafeUninitializedCapacity: a.count) { out, initialised in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    c.withUnsafeBufferPointer { c in
                        d.withUnsafeBufferPointer { d in
                            for i in 0..<a.count { out[i] = f(a[i], b[i], c[i], d[i]) }
                        }
                    }
                }
            }
            initialised = a.count
        }
    }
}
