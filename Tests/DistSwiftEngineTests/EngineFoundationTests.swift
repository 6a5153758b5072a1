import DistSwiftCalc
import DistSwiftControllers
import DistSwiftIO
import DistSwiftNative
import DistSwiftTestSupport
import DistSwiftWorkers
import Foundation
import Testing

@Suite("Engine foundations: compute backend, worker set-up, shards")
struct EngineFoundationTests {
    @Test("the CPU backend's real FFT equals numpy's rfft", .enabled(if: PythonReference.isAvailable, "needs python3 with numpy (scripts/setup.sh installs it)"))
    func cpuRealFFTAgainstNumpy() throws {
        let rows = 4, columns = 250
        let values = (0..<(rows * columns)).map { Double(($0 * 7919) % 1009) / 100 - 5 }
        let spectrum = CPUBackend().realForwardFFT(Array2D(rows: rows, columns: columns, values: values)).split()
        #expect(spectrum.rows == rows && spectrum.columns == columns / 2 + 1)
        let out = try PythonReference.check("""
            import sys, numpy as np
            x = ((np.arange(\(rows * columns)) * 7919) % 1009 / 100 - 5).reshape(\(rows), \(columns))
            X = np.fft.rfft(x, axis=1)
            print(' '.join(repr(float(v)) for v in np.concatenate([X.real.ravel(), X.imag.ravel()])))
            """)
        let reference = out.split(separator: " ").map { Double($0.trimmingCharacters(in: .whitespacesAndNewlines))! }
        let n = spectrum.real.count
        let scale = reference.map(abs).max()!
        var worst = 0.0
        for i in 0..<n {
            worst = max(worst, abs(spectrum.real[i] - reference[i]), abs(spectrum.imaginary[i] - reference[n + i]))
        }
        #expect(worst / scale < 1e-12)
    }

    @Test("pool workers run OpenBLAS with one thread; their children inherit one-thread settings")
    func workerThreads() {
        WorkerEnvironment.configureForPoolWorker()
        #expect(BLAS.threadCount == 1)
        let child = WorkerEnvironment.childEnvironment(["PATH": "/usr/bin"])
        #expect(child["OPENBLAS_NUM_THREADS"] == "1" && child["PATH"] == "/usr/bin")
    }

    @Test("workers' heaps ask for transparent huge pages; a user's glibc tunables are kept and theirs win")
    func hugePageHeap() {
        #expect(WorkerEnvironment.childEnvironment([:])["GLIBC_TUNABLES"] == "glibc.malloc.hugetlb=1")
        #expect(WorkerEnvironment.hugePageHeap("glibc.malloc.arena_max=2")
                    == "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1")
        #expect(WorkerEnvironment.hugePageHeap("glibc.malloc.hugetlb=0") == "glibc.malloc.hugetlb=0")
        #expect(WorkerEnvironment.hugePageHeap("glibc.malloc.arena_max=2:glibc.malloc.hugetlb=0")
                    == "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=0")
    }

    @Test("shards partition a task list exactly once, deterministically")
    func shards() {
        let tasks = Array(0..<23)
        let parts = (0..<4).map { Shard(index: $0, count: 4).select(tasks) }
        #expect(parts.flatMap { $0 }.sorted() == tasks)
        #expect(parts[1] == [1, 5, 9, 13, 17, 21])
        #expect(Shard(parsing: "2/5") == Shard(index: 2, count: 5))
        for bad in ["5/5", "-1/3", "1", "a/b", "1/0"] { #expect(Shard(parsing: bad) == nil) }
        #expect(Shard.all.select(tasks) == tasks)
    }
}
