import DistSwiftTestSupport
import Foundation
import Testing

/// `--backend` on a machine without CUDA (the search path is an empty folder): `cuda` stops before any worker with
/// what was looked for, `auto` says it computes on the CPU and runs, `cpu` runs without probing, `backends` says why
/// CUDA is not usable.
@Suite("process --backend without a GPU")
struct BackendCLITests {
    /// Whether the loader finds libcuda here without help; then this machine may have a GPU and the suite is moot.
    static let driverPresent = FileManager.default.fileExists(atPath: "/usr/lib/x86_64-linux-gnu/libcuda.so.1")
        || FileManager.default.fileExists(atPath: "/usr/local/nvidia/lib64/libcuda.so.1")

    @Test("cuda is a clear error, auto falls back to the CPU and says so, cpu runs as asked, backends explains",
          .disabled(if: driverPresent, "an NVIDIA driver is installed here"))
    func withoutGPU() throws {
        let folder = try TemporaryFolder()
        let empty = folder.file("no-cuda")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        environment["DISTSWIFT_CUDA_LIBRARY_PATH"] = empty
        let config = try smallNoiseProject(in: folder)

        let cuda = try distswift("process", config, "--backend", "cuda", "--fft-planning", "estimate",
                                 environment: environment)
        #expect(cuda.status == 1)
        #expect(cuda.stderr.contains("--backend cuda: CUDA is not usable"), "\(cuda.stderr)")
        #expect(cuda.stderr.contains(empty + "/libcuda.so.1"))
        #expect(cuda.stderr.contains("DISTSWIFT_CUDA_LIBRARY_PATH"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("project/out/rms")))

        let auto = try distswift("process", config, "--fft-planning", "estimate", environment: environment)
        #expect(auto.status == 0, "\(auto.stderr)")
        #expect(auto.stdout.contains("backend: cpu (auto: the NVIDIA driver library libcuda.so.1 was not found)"),
                "\(auto.stdout)")
        let rms = folder.file("project/out/rms/1704067200.npy")
        #expect(FileManager.default.fileExists(atPath: rms))

        // cpu is taken as given: no probe, no backend line, the same output.
        let autoOutput = try Data(contentsOf: URL(fileURLWithPath: rms))
        let cpu = try distswift("process", config, "--backend", "cpu", "--force", "--fft-planning", "estimate",
                                environment: environment)
        #expect(cpu.status == 0, "\(cpu.stderr)")
        #expect(!cpu.stdout.contains("backend:"), "\(cpu.stdout)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: rms)) == autoOutput)

        let backends = try distswift("backends", environment: environment)
        #expect(backends.status == 0)
        #expect(backends.stdout.contains("cpu: FFTW") && backends.stdout.contains("cuda: CUDA is not usable"))
        let check = try distswift("backends", "--check", environment: environment)
        #expect(check.status == 1)
    }
}
