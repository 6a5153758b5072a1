import ArgumentParser
import DistSwiftCalc
import DistSwiftControllers
import DistSwiftIO
import DistSwiftNative
import DistSwiftWorkers
import Foundation

extension FFTWPlanningRigor: ExpressibleByArgument {}
extension ComputePrecision: ExpressibleByArgument {}
extension BackendChoice: ExpressibleByArgument {}

struct ProcessSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process",
        abstract: "Run the system config's command graph on every chunk of the store.",
        discussion: """
            The store is the input location {in_drive}/{project}/{data}; the graph is the file named by the
            config's "config" key; outputs go to folders (each command's directory_out) under
            {out_drive}/{project}/{results}, named after the chunk. The graph is validated against the store's
            sampling rate before anything runs. Chunks run on a pool of worker processes (--workers, default the
            config's ncpu when parallel_flag is 1); a worker that crashes or passes --task-timeout is replaced and
            its chunk retried. A chunk that fails is reported and the others still run; the exit status is 1 when
            any chunk failed, 130 after Ctrl-C. Finished chunks are journalled in {results}/.distswift, so a rerun
            (even after a crash) does only the rest; --force redoes everything. run.json and timeline.svg in the
            results location describe the run. --engine slurm runs the chunks as Slurm job arrays instead, on the
            shared storage (docs/cluster.md).

            Example:
              distswift process examples/noiselog-system.json --workers 4
            """)

    @Argument(help: "The system config (JSON) whose \"config\" key names the command graph.")
    var systemConfig: String

    @Option(help: "FFTW planning: measure (faster transforms; plans saved in ~/.cache/distswift) or estimate.")
    var fftPlanning: FFTWPlanningRigor = .measure

    @Option(help: ArgumentHelp(
        "Compute precision: float32 or float64 (default: the store's, float32 for float32 and int16 stores).",
        discussion: "float32 runs the FFT and band energies in single precision (energies are summed in float64); "
            + "commands without a float32 path get float64 input either way."))
    var precision: ComputePrecision?

    @Option(help: ArgumentHelp(
        "Compute backend: cpu, cuda or auto (CUDA when a usable GPU is present, else the CPU).",
        discussion: "cuda runs the commands with a device kernel (distswift describe marks them) on the GPU and keeps "
            + "their data there; the others run on the CPU after a logged copy. CUDA's libraries (libcuda, libcufft, "
            + "libnvrtc) are loaded at run time; DISTSWIFT_CUDA_LIBRARY_PATH adds folders to look in (docs/backends.md)."))
    var backend: BackendChoice = .auto

    @Option(help: "GPUs the workers use, e.g. 0,1 (default: all); workers are spread over them and share each GPU's memory.")
    var gpus: String?

    @Flag(help: "Process chunks again even if the journal says an earlier run finished them.")
    var force = false

    @Flag(help: ArgumentHelp(
        "IIR filters along time read their impulse response from the neighbouring chunks (a halo), as watch does.",
        discussion: "By default process runs a state scan before the chunks (docs/graphs.md) and each chunk's IIR "
            + "filters start from the recording's filter states: exact, and no halo to read. This flag gives watch's "
            + "outputs byte for byte (they agree with the scan's to halo_tolerance)."))
    var noStateScan = false

    @OptionGroup var pool: PoolArguments

    func validate() throws {
        if let gpus, parsedGPUs == nil {
            throw ValidationError("--gpus must list GPU numbers separated by commas, e.g. 0 or 0,1 (got '\(gpus)')")
        }
    }

    private var parsedGPUs: [Int]? {
        guard let gpus else { return nil }
        let numbers = gpus.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !numbers.isEmpty, numbers.allSatisfy({ ($0 ?? -1) >= 0 }) else { return nil }
        return numbers.map { $0! }
    }

    /// The backend setting the workers get, checked here before any worker starts: `cuda` without a usable GPU is
    /// an error naming what was looked for; `auto` says once which backend it chose.
    private func backendSetting(_ config: SystemConfig) throws -> BackendSetting {
        guard backend != .cpu else { return BackendSetting(choice: .cpu) }
        switch BackendChoice.probeCUDA(environment: ProcessInfo.processInfo.environment) {
        case .failure(let unavailable):
            if backend == .cuda {
                printError("--backend cuda: \(unavailable)")
                throw ExitCode.failure
            }
            if !pool.quiet { say("backend: cpu (auto: \(unavailable.problem))") }
            return BackendSetting(choice: .cpu)
        case .success(let names):
            let chosen = parsedGPUs ?? Array(names.indices)
            if let bad = chosen.first(where: { $0 >= names.count }) {
                printError("--gpus names GPU \(bad) but the driver sees \(names.count): "
                           + names.enumerated().map { "\($0) \($1)" }.joined(separator: ", "))
                throw ExitCode.failure
            }
            let workers = PoolOptions.workerCount(requested: pool.workers, config: config)
            let perGPU = (workers + chosen.count - 1) / chosen.count
            if !pool.quiet {
                say("backend: cuda on " + chosen.map { "GPU \($0) (\(names[$0]))" }.joined(separator: ", ")
                    + ", \(perGPU) worker(s) per GPU")
            }
            return BackendSetting(choice: .cuda, gpus: chosen, workersPerGPU: perGPU)
        }
    }

    func run() async throws {
        let config = try reportingErrors { try SystemConfig.load(path: systemConfig) }
        let backendSetting = try backendSetting(config)
        let job = try reportingErrors {
            try ProcessRun(config: config, fftPlanning: fftPlanning, precision: precision, shard: pool.parsedShard,
                           backend: backendSetting, stateScan: !noStateScan)
        }
        let store = job.job.store
        let plan = job.job.plan
        if !pool.quiet {
            say("graph \(plan.file): \(plan.nodes.count) commands on \(store.chunks.count) chunks of "
                + "\(store.channelCount) channels at \(store.samplingRateHz) Hz in \(job.job.precision)"
                + (plan.channelLocal ? ", in blocks of \(blockDescription(job.job, store: store))" : ""))
        }
        let controller = pool.controller(config: config, spec: job.spec, force: force)
        if pool.engine.arrays.detach { return try await submitDetached(controller, job, quiet: pool.quiet) }
        let run = try await reportingErrors { try await controller.run(job) }
        if !pool.quiet && !run.succeeded.isEmpty {
            let seconds = job.commandSeconds(run)
            let total = seconds.reduce(0, +)
            // Seconds to 1 ms, as before (scripts read that field), then the same time in microseconds: commands
            // of a few ms or less (clip, add, in-place ones) are otherwise ±1 ms, their ratios meaningless.
            for (node, s) in zip(plan.nodes, seconds) {
                let share = total > 0 ? 100 * s / total : 0
                say("  " + "uid \(node.uid) \(node.name)".padding(toLength: 24, withPad: " ", startingAt: 0)
                    + String(format: "%9.3f s %6.1f %% %11.0f µs", s, share, (s * 1e6).rounded()))
            }
        }
        try reportPoolRun(run, noun: "chunks", quiet: pool.quiet)
        if !pool.quiet { say("results in \(config.output)") }
        if !run.failed.isEmpty {
            printError("\(run.failed.count) of \(run.tasks.count) chunks failed"
                       + " (distswift process --retry-failed runs them again)")
            throw ExitCode.failure
        }
    }
}

extension ProcessSubcommand {
    /// "52 channels (cache-sized)": the block of the store's first chunk (without the time halo).
    func blockDescription(_ job: ProcessJob, store: ChunkStore) -> String {
        let blocks = job.blocks
        let channels = blocks.channelsPerBlock(channels: store.channelCount, samples: store.chunks.first?.samples ?? 0,
                                               halo: job.plan.channelHalo.before + job.plan.channelHalo.after)
        switch blocks {
        case .wholeChunk: return "all channels"
        case .channels: return "\(channels) channels"
        case .cacheSized: return "\(channels) channels (cache-sized; BOX_SIZE sets it)"
        }
    }
}
