import Foundation
import DistSwiftNative

/// How a worker process sets up the numeric libraries. A pool of N workers on N cores must not also start
/// OpenBLAS and FFTW threads of its own: N × cores threads would only compete (measured: no gain, 5% loss).
public enum WorkerEnvironment {
    /// Process-wide set-up every distswift process does first: chunk-sized buffers are reused instead of being
    /// returned to the kernel and faulted in again for the next chunk; OpenBLAS's helper threads, started when the
    /// library loaded, are stopped (they spin ~0.1 s on a core, which in a pool run's controller is a core the
    /// starting workers need; a command that multiplies large matrices starts them again at its first call). Done
    /// here because no BLAS call can be in flight yet.
    public static func prepareProcess() {
        ProcessMemory.reuseChunkBuffers()
        BLAS.stopHelperThreads()
    }

    /// One thread per worker process for OpenBLAS and FFTW.
    public static func configureForPoolWorker() {
        BLAS.setThreadCount(1)
        FFTWSettings.setThreadCount(1)
    }

    /// The environment a controller gives the worker processes it starts: OpenBLAS reads its thread count when the
    /// library loads, before any code of the worker runs; glibc reads its tunables at start-up (`hugePageHeap`).
    public static func childEnvironment(_ parent: [String: String]) -> [String: String] {
        var environment = parent
        environment["OPENBLAS_NUM_THREADS"] = "1"
        environment["OMP_NUM_THREADS"] = "1"
        environment["GLIBC_TUNABLES"] = hugePageHeap(parent["GLIBC_TUNABLES"])
        return environment
    }

    /// The glibc tunable that backs a worker's heap with transparent huge pages (`glibc.malloc.hugetlb=1`: malloc
    /// marks its heap `MADV_HUGEPAGE`, which matters where the kernel's THP mode is `madvise`, Debian's default).
    /// A cold worker's fresh output buffers then fault in 2 MB at a time instead of 4 KB: a 1.6 MB stepped rolling
    /// mean's faults were a third of its time (2.0 → 1.45 ms), a 40 MB cross-correlation's 112 → 85 ms
    /// (docs/benchmarks.md). glibc before 2.35 and other C libraries ignore it. A user's own tunables are kept,
    /// and a `glibc.malloc.hugetlb` they set wins (`=0` turns this off).
    public static func hugePageHeap(_ tunables: String?) -> String {
        let setting = "glibc.malloc.hugetlb=1"
        guard let tunables, !tunables.isEmpty else { return setting }
        if tunables.split(separator: ":").contains(where: { $0.hasPrefix("glibc.malloc.hugetlb=") }) { return tunables }
        return tunables + ":" + setting
    }

    /// Where FFTW wisdom lives between processes: it is specific to the machine, so a user cache folder
    /// (`$XDG_CACHE_HOME/distswift`, else `~/.cache/distswift`), like FFTW's own system wisdom file.
    public static func wisdomFolder(_ environment: [String: String]) -> String? {
        if let cache = environment["XDG_CACHE_HOME"], !cache.isEmpty { return cache + "/distswift" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.cache/distswift" }
        return nil
    }

    /// Loads saved FFTW wisdom, if any, so measured plans cost nothing the second time; returns whether it did.
    @discardableResult
    public static func importWisdom(from folder: String) -> Bool {
        FFTWSettings.importWisdom(double: folder + "/fftw-wisdom-double", float: folder + "/fftw-wisdom-float")
    }

    /// Saves the wisdom gathered by this process (plans measured for new shapes).
    public static func exportWisdom(to folder: String) {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        FFTWSettings.exportWisdom(double: folder + "/fftw-wisdom-double", float: folder + "/fftw-wisdom-float")
    }
}
