import COpenBLAS
import Glibc

/// OpenBLAS settings and the few BLAS calls distswift uses.
public enum BLAS {
    /// OpenBLAS threads in this process. Pool workers use 1, so N workers use N cores, not N × cores.
    public static func setThreadCount(_ count: Int) { openblas_set_num_threads(Int32(count)) }

    public static var threadCount: Int { Int(openblas_get_num_threads()) }

    /// Ends OpenBLAS's helper threads; the next threaded BLAS call starts them again. The pthreads build starts
    /// them when the library loads, and each spins on `sched_yield` for ~0.1 s (2^28 cycles) before it sleeps —
    /// in a pool run's controller, which does no BLAS, that is a core's worth of spinning while the workers start
    /// (3,579 `sched_yield` calls in one one-chunk run). `openblas_set_num_threads(1)` does not stop them; OpenBLAS's
    /// `blas_thread_shutdown_` does. Looked up at run time: builds of OpenBLAS without a thread server lack it, and
    /// then there is nothing to stop.
    public static func stopHelperThreads() {
        guard let symbol = dlsym(nil, "blas_thread_shutdown_") else { return }
        typealias Shutdown = @convention(c) () -> Int32
        _ = unsafeBitCast(symbol, to: Shutdown.self)()
    }

    /// The CPU kernel OpenBLAS chose (e.g. "Haswell"); recorded with every benchmark.
    public static var coreName: String { String(cString: openblas_get_corename()) }

    /// C = A·B for row-major A (m×k) and B (k×n).
    public static func multiply(_ a: [Double], _ b: [Double], m: Int, k: Int, n: Int) -> [Double] {
        precondition(a.count == m * k && b.count == k * n)
        var c = [Double](repeating: 0, count: m * n)
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, blasint(m), blasint(n), blasint(k), 1.0,
                                pa.baseAddress, blasint(k), pb.baseAddress, blasint(n), 0.0, pc.baseAddress,
                                blasint(n))
                }
            }
        }
        return c
    }

    /// Σ x² over `values[range]`, accumulated in double (BLAS `dsdot`, SIMD): the band energies of float32 spectra,
    /// where a float accumulator would lose digits over thousands of bins.
    /// C = A (m×k) · B (k×n) in float32 (BLAS `sgemm`), row-major: for models that compute in float32 (Keras).
    public static func multiply(_ a: [Float], _ b: [Float], m: Int, k: Int, n: Int) -> [Float] {
        precondition(a.count == m * k && b.count == k * n)
        guard m > 0, n > 0 else { return [] }
        return FreshBuffer.array(m * n) { (c: UnsafeMutableBufferPointer<Float>) in
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, blasint(m), blasint(n), blasint(k), 1.0,
                                pa.baseAddress, blasint(k), pb.baseAddress, blasint(n), 0.0, c.baseAddress, blasint(n))
                }
            }
        }
    }

    public static func sumOfSquares(_ values: [Float], _ range: Range<Int>) -> Double {
        precondition(range.lowerBound >= 0 && range.upperBound <= values.count)
        guard !range.isEmpty else { return 0 }
        return values.withUnsafeBufferPointer { buffer in
            let start = buffer.baseAddress! + range.lowerBound
            return cblas_dsdot(blasint(range.count), start, 1, start, 1)
        }
    }

    /// Σ x² over `values[range]` (BLAS `ddot`, SIMD).
    public static func sumOfSquares(_ values: [Double], _ range: Range<Int>) -> Double {
        precondition(range.lowerBound >= 0 && range.upperBound <= values.count)
        guard !range.isEmpty else { return 0 }
        return values.withUnsafeBufferPointer { buffer in
            let start = buffer.baseAddress! + range.lowerBound
            return cblas_ddot(blasint(range.count), start, 1, start, 1)
        }
    }

    /// y[yStart ..< yStart + count] += scale · x[xStart ..< xStart + count] (BLAS `daxpy`): one tap of a
    /// correlation kernel over a row.
    public static func addScaled(_ x: [Double], from xStart: Int, into y: inout [Double], at yStart: Int, count: Int,
                                 scale: Double) {
        precondition(xStart >= 0 && yStart >= 0 && xStart + count <= x.count && yStart + count <= y.count)
        guard count > 0 else { return }
        x.withUnsafeBufferPointer { source in
            y.withUnsafeMutableBufferPointer { target in
                cblas_daxpy(blasint(count), scale, source.baseAddress! + xStart, 1, target.baseAddress! + yStart, 1)
            }
        }
    }
}
