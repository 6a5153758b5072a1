import DistSwiftNative

/// How a worker process sets up the numeric libraries. A pool of N workers on N cores must not also start
/// OpenBLAS and FFTW threads of its own: N × cores threads would only compete (measured: no gain, 5% loss).
public enum WorkerEnvironment {
    /// Process-wide set-up every distswift process does first: chunk-sized buffers are reused instead of being
    /// returned to the kernel and faulted in again for the next chunk.
    public static func prepareProcess() {
        ProcessMemory.reuseChunkBuffers()
    }

    /// One thread per worker process for OpenBLAS and FFTW.
    public static func configureForPoolWorker() {
        BLAS.setThreadCount(1)
        FFTWSettings.setThreadCount(1)
    }

    /// A single process doing large transforms alone may use every core.
    public static func configureForSingleProcess(cores: Int) {
        BLAS.setThreadCount(cores)
        FFTWSettings.setThreadCount(cores)
    }

    /// The environment a controller gives the worker processes it starts: OpenBLAS reads its thread count when the
    /// library loads, before any code of the worker runs.
    public static func childEnvironment(_ parent: [String: String]) -> [String: String] {
        var environment = parent
        environment["OPENBLAS_NUM_THREADS"] = "1"
        environment["OMP_NUM_THREADS"] = "1"
        return environment
    }
}
