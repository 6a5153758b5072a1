import CDistShims

/// X (rows × k) · W (k × units) for a tall X and a narrow W: Keras's first Dense layer on a chunk
/// (`dist_dense.c`). gemm packs X into blocks first, a pass over the whole chunk that costs more than the product
/// of a 16-column W; this reads X once, eight rows at a time, a fused multiply-add chain per output. The sums are in
/// another order than BLAS's: equal to it within rounding, not bit for bit.
public enum DenseProduct {
    /// In float32 (float32 X, W and result), as Keras computes a float32 model.
    public static func product(_ x: [Float], _ w: [Float], rows: Int, k: Int, units: Int) -> [Float] {
        run(x, single: true, w, rows: rows, k: k, units: units, singleArithmetic: true)
    }

    /// In float64: a float32 X widened as it is read (no float64 copy of the chunk).
    public static func product(_ x: [Float], _ w: [Double], rows: Int, k: Int, units: Int) -> [Double] {
        run(x, single: true, w, rows: rows, k: k, units: units, singleArithmetic: false)
    }

    /// In float64.
    public static func product(_ x: [Double], _ w: [Double], rows: Int, k: Int, units: Int) -> [Double] {
        run(x, single: false, w, rows: rows, k: k, units: units, singleArithmetic: false)
    }

    private static func run<X, W: BinaryFloatingPoint>(_ x: [X], single: Bool, _ w: [W], rows: Int, k: Int,
                                                       units: Int, singleArithmetic: Bool) -> [W] {
        precondition(x.count == rows * k && w.count == k * units, "\(x.count) × \(w.count) values for a "
                     + "\(rows) × \(k) · \(k) × \(units) product")
        guard rows > 0, units > 0 else { return [] }
        return FreshBuffer.array(rows * units) { (out: UnsafeMutableBufferPointer<W>) in
            x.withUnsafeBytes { x in
                w.withUnsafeBytes { w in
                    dist_dense_product(x.baseAddress, single ? 1 : 0, rows, k, w.baseAddress, units, out.baseAddress,
                                       singleArithmetic ? 1 : 0, 0)
                }
            }
        }
    }
}
