import ArgumentParser
import DistSwiftControllers
import DistSwiftIngesters
import DistSwiftIO
import DistSwiftWorkers
import Foundation

struct IngestSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Turn every DAS record file under the input location into chunks in the store.",
        discussion: """
            The input location is {in_drive}/{project}/{data}, the store is written to {out_drive}/{project}/{results}.
            Files are recognised by content, not extension. Supported: \(RecordFormats.supportedList); other HDF5
            layouts can be described with hdf5_layout in the system config.
            Files are ingested by a pool of worker processes (--workers, default the config's ncpu when
            parallel_flag is 1). A file already ingested is skipped unless --force. A bad file is reported and the
            others are still ingested; the exit status is 1 when any file failed, 130 after Ctrl-C. run.json and
            timeline.svg in the store describe the run. --engine slurm runs the files as Slurm job arrays instead,
            on the shared storage (docs/cluster.md).

            Example:
              distswift ingest examples/quickstart-system.json --chunk-seconds 1 --dtype float32 --workers 4
            """)

    @Argument(help: "The system config (JSON).")
    var systemConfig: String

    @OptionGroup var ingest: IngestArguments

    @OptionGroup var pool: PoolArguments

    func run() async throws {
        let faults = WriteFaults.fromEnvironment(ProcessInfo.processInfo.environment)
        let config = try reportingErrors { try SystemConfig.load(path: systemConfig, faults: faults) }
        let job = IngestRun(config: config, settings: ingest.settings, verifySources: ingest.verifySources)
        let controller = pool.controller(config: config, spec: job.spec, force: ingest.force)
        if pool.engine.arrays.detach { return try await submitDetached(controller, job, quiet: pool.quiet) }
        let run = try await reportingErrors { try await controller.run(job) }
        if run.tasks.isEmpty && run.skipped.isEmpty && !pool.retryFailed {
            printError("no files under \(config.input)")
            throw ExitCode.failure
        }
        // The store is assembled from every per-source record once the pool is done, also after Ctrl-C: what
        // finished is kept and readable.
        if !run.succeeded.isEmpty || !run.skipped.isEmpty {
            do {
                let manifest = try job.assembleStore()
                if !pool.quiet {
                    say("store \(config.output): \(manifest.chunks.count) chunks, \(manifest.channelCount) channels at "
                        + "\(manifest.samplingRateHz) Hz, \(manifest.dtype)")
                }
            } catch {
                printError("\(error)")
                try reportPoolRun(run, noun: "files", quiet: pool.quiet)
                throw ExitCode.failure
            }
        }
        try reportPoolRun(run, noun: "files", quiet: pool.quiet)
        if !run.failed.isEmpty {
            printError("\(run.failed.count) of \(run.tasks.count + run.skipped.count) files failed"
                       + " (distswift ingest --retry-failed runs them again)")
            throw ExitCode.failure
        }
    }
}

/// How records are cut and stored: the options of `ingest`, handed to its workers in the job spec.
struct IngestArguments: ParsableArguments {
    @Option(help: "Chunk length in seconds (distpy: 1).")
    var chunkSeconds = 1.0

    @Option(help: "Chunk element type: float32, float64, or raw (the record's own type).")
    var dtype: IngestOptions.OutputType = .float32

    @Flag(help: "Re-ingest files that are already in the store.")
    var force = false

    @Option(help: ArgumentHelp("The record to ingest from files that hold several: a PRODML group (Raw[1]) or a "
        + "DASDAE patch name. Such a file is refused without it, with the list of its records; `distswift info "
        + "FILE` lists them too. One store per record: run ingest once per record into its own results folder."))
    var select: String?

    @Flag(help: ArgumentHelp("Check every already-ingested file's SHA-256 against the one recorded at its ingest (by "
        + "default only files whose modification time changed are checked); a changed file is ingested again."))
    var verifySources = false

    func validate() throws {
        guard chunkSeconds > 0 else { throw ValidationError("--chunk-seconds must be greater than 0") }
    }

    var settings: IngestSettings { IngestSettings(chunkSeconds: chunkSeconds, outputType: dtype, force: force,
                                                    select: select) }
}

extension IngestOptions.OutputType: ExpressibleByArgument {}
