import DistSwiftNative

/// Which backend `process` computes on (`--backend`): the CPU's, CUDA's, or CUDA's where it is usable and the CPU's
/// otherwise (the default). Resolved once per worker process (`make`), so each worker owns its backend: its own
/// CUDA context on its GPU, with its share of that GPU's memory.
public enum BackendChoice: String, Sendable, CaseIterable {
    case cpu, cuda, auto

    /// The backend of one worker. `gpus`: the GPUs to use (nil: all the driver sees); worker `slot` takes
    /// `gpus[slot % count]`; `workersPerGPU` divides each GPU's free memory into budgets. `auto` without a usable
    /// GPU gives the CPU backend and says why in `note`; `cuda` without one throws `CUDAUnavailable`.
    public func make(cpu: CPUBackend, gpus: [Int]?, slot: Int, workersPerGPU: Int, environment: [String: String],
                     note: (String) -> Void) throws -> any ComputeBackend {
        if self == .cpu { return cpu }
        do {
            let names = try CUDABackend.probe(environment: environment)
            let candidates = gpus ?? Array(names.indices)
            guard !candidates.isEmpty else { throw CUDAUnavailable("--gpus names no GPU") }
            let ordinal = candidates[slot % candidates.count]
            var budget: Int?
            if workersPerGPU > 1 {
                // Each worker sharing the GPU takes an equal part of what is free now (less 10 % for cuFFT's
                // work areas and the driver).
                let driver = try CUDADriver(search: CUDALibrarySearch(environment: environment))
                let probe = try CUDAContext(driver: driver, ordinal: ordinal, budgetBytes: nil)
                budget = probe.budgetBytes / workersPerGPU
            }
            let backend = try CUDABackend(ordinal: ordinal, budgetBytes: budget, environment: environment, cpu: cpu)
            note("backend cuda: \(backend.deviceDescription), \(backend.compilerDescription), "
                 + "\(backend.context.budgetBytes / 1_048_576) MiB budget")
            return backend
        } catch let error as CUDAUnavailable where self == .auto {
            note("backend auto: computing on the CPU (\(error.problem))")
            return cpu
        }
    }

    /// The GPUs' names when CUDA is usable here, or the reason it is not (for the controller's check before any
    /// worker starts, and for `--backend cuda`'s error).
    public static func probeCUDA(environment: [String: String]) -> Result<[String], CUDAUnavailable> {
        do {
            return .success(try CUDABackend.probe(environment: environment))
        } catch let error as CUDAUnavailable {
            return .failure(error)
        } catch {
            return .failure(CUDAUnavailable("\(error)"))
        }
    }
}
