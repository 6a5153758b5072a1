/// Where the CUDA libraries are looked for, and the error that names every place tried when one is missing.
/// Nothing here needs CUDA at build time: the driver, cuFFT and NVRTC are opened at run time (`DynamicLibrary`).
public struct CUDALibrarySearch: Sendable {
    /// Folders searched before the loader's own path: `DISTSWIFT_CUDA_LIBRARY_PATH` (colon-separated) first, then
    /// the usual toolkit folders.
    public let folders: [String]

    public static let driverNames = ["libcuda.so.1", "libcuda.so"]
    public static let fftNames = ["libcufft.so.12", "libcufft.so.11", "libcufft.so"]
    public static let nvrtcNames = ["libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so"]

    public init(environment: [String: String]) {
        let user = (environment["DISTSWIFT_CUDA_LIBRARY_PATH"] ?? "").split(separator: ":").map(String.init)
        folders = user + ["/usr/local/cuda/lib64", "/usr/local/cuda/targets/x86_64-linux/lib",
                          "/usr/lib/x86_64-linux-gnu"]
    }
}

/// No usable CUDA: which library or device was missing, and every path tried.
public struct CUDAUnavailable: Error, CustomStringConvertible, Sendable {
    public let problem: String
    public let tried: [String]

    public init(_ problem: String, tried: [String] = []) {
        self.problem = problem
        self.tried = tried
    }

    public var description: String {
        var text = "CUDA is not usable: \(problem)"
        if !tried.isEmpty { text += "; looked for: " + tried.joined(separator: ", ") }
        return text + ". Set DISTSWIFT_CUDA_LIBRARY_PATH to the folders holding libcuda.so.1, libcufft.so.12 and "
            + "libnvrtc.so.13, or use --backend cpu"
    }
}
