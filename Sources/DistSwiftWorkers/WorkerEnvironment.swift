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
    /// library loads, before any code of the worker runs.
    public static func childEnvironment(_ parent: [String: String]) -> [String: String] {
        var environment = parent
        environment["OPENBLAS_NUM_THREADS"] = "1"
        environment["OMP_NUM_THREADS"] = "1"
        return environment
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
