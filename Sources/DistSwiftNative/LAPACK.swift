import CLAPACKE

/// The LAPACK routines distswift uses (through LAPACKE, over OpenBLAS's LAPACK).
public enum LAPACK {
    /// Solves A·x = b for a square row-major A; nil when A is singular.
    public static func solve(_ a: [Double], _ b: [Double], n: Int) -> [Double]? {
        precondition(a.count == n * n && b.count == n)
        var matrix = a
        var rhs = b
        var pivots = [Int32](repeating: 0, count: n)
        let info = LAPACKE_dgesv(LAPACK_ROW_MAJOR, Int32(n), 1, &matrix, Int32(n), &pivots, &rhs, 1)
        return info == 0 ? rhs : nil
    }
}
