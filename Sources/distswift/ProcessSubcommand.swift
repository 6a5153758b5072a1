import ArgumentParser
import DistSwiftCalc
import DistSwiftControllers
import DistSwiftIO
import DistSwiftNative
import Foundation

extension FFTWPlanningRigor: ExpressibleByArgument {}
extension ComputePrecision: ExpressibleByArgument {}

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

    @Flag(help: "Process chunks again even if the journal says an earlier run finished them.")
    var force = false

    @OptionGroup var pool: PoolArguments

    func run() async throws {
        let config = try reportingErrors { try SystemConfig.load(path: systemConfig) }
        let job = try reportingErrors {
            try ProcessRun(config: config, fftPlanning: fftPlanning, precision: precision, shard: pool.parsedShard)
        }
        let store = job.job.store
        let plan = job.job.plan
        if !pool.quiet {
            say("graph \(plan.file): \(plan.nodes.count) commands on \(store.chunks.count) chunks of "
                + "\(store.channelCount) channels at \(store.samplingRateHz) Hz in \(job.job.precision)"
                + (plan.channelLocal ? ", in blocks of \(job.job.boxSize.map(String.init) ?? "all") channels" : ""))
        }
        let controller = pool.controller(config: config, spec: job.spec, force: force)
        if pool.engine.arrays.detach { return try await submitDetached(controller, job, quiet: pool.quiet) }
        let run = try await reportingErrors { try await controller.run(job) }
        if !pool.quiet && !run.succeeded.isEmpty {
            let seconds = job.commandSeconds(run)
            let total = seconds.reduce(0, +)
            for (node, s) in zip(plan.nodes, seconds) {
                let share = total > 0 ? 100 * s / total : 0
                say("  " + "uid \(node.uid) \(node.name)".padding(toLength: 24, withPad: " ", startingAt: 0)
                    + String(format: "%9.3f s %6.1f %%", s, share))
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
