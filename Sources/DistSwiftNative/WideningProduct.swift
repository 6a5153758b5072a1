import COpenBLAS

extension BLAS {
    /// Rows of A converted to float64 per block: 64 rows of 10,000 values are 5 MB, which stay in the last-level
    /// cache between their conversion and the product that reads them.
    static let wideningBlockBytes = 5 << 20

    /// C = A·B for a row-major float32 A (m×k) and float64 B (k×n), in float64: the same product as widening A
    /// first (float32 → float64 is exact) and calling `multiply`, but A is widened a block of rows at a time into
    /// one cache-resident scratch, so a float32 chunk never becomes a fresh float64 copy of itself (twice its
    /// bytes written to memory and faulted in before the product reads them back).
    public static func multiply(_ a: [Float], _ b: [Double], m: Int, k: Int, n: Int) -> [Double] {
        precondition(a.count == m * k && b.count == k * n)
        guard m > 0, n > 0 else { return [] }
        guard k > 0 else { return FreshBuffer.zeros(m * n) }
        let block = max(1, min(m, wideningBlockBytes / max(1, k * MemoryLayout<Double>.stride)))
        var scratch = [Double](repeating: 0, count: block * k)
        return FreshBuffer.array(m * n) { c in
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    scratch.withUnsafeMutableBufferPointer { s in
                        for first in stride(from: 0, to: m, by: block) {
                            let rows = min(block, m - first), source = pa.baseAddress! + first * k
                            for i in 0..<(rows * k) { s[i] = Double(source[i]) }
                            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, blasint(rows), blasint(n),
                                        blasint(k), 1.0, s.baseAddress, blasint(k), pb.baseAddress, blasint(n), 0.0,
                                        c.baseAddress! + first * n, blasint(n))
                        }
                    }
                }
            }
        }
    }
}
