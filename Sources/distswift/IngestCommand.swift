import ArgumentParser
import DistSwiftIngesters
import DistSwiftIO
import Foundation

extension IngestOptions.OutputType: ExpressibleByArgument {}

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Turn every DAS record file under the input location into chunks in the store.",
        discussion: """
            The input location is {in_drive}/{project}/{data}, the store is written to {out_drive}/{project}/{results}.
            Files are recognised by content, not extension. Supported: SEG-Y (rev 0/1/2, both byte orders), PRODML 2.0/2.1,
            Silixa iDAS HDF5, Terra15, ASN OptoDAS, Febus A1, AP Sensing, DASCore (DASDAE), the H5Simple layouts and
            distpy's simple HDF5 layout; other HDF5 layouts can be described with hdf5_layout in the system config.
            A file already ingested is skipped unless --force. A bad file is reported and the others are still
            ingested; the exit status is 1 when any file failed.

            Example:
              distswift ingest configs/example-system.json --chunk-seconds 1 --dtype float32
            """)

    @Argument(help: "The system config (JSON).")
    var systemConfig: String

    @Option(help: "Chunk length in seconds (distpy: 1).")
    var chunkSeconds = 1.0

    @Option(help: "Chunk element type: float32, float64, or raw (the record's own type).")
    var dtype: IngestOptions.OutputType = .float32

    @Flag(help: "Re-ingest files that are already in the store.")
    var force = false

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        guard chunkSeconds > 0 else { throw ValidationError("--chunk-seconds must be greater than 0") }
    }

    func run() throws {
        let faults = WriteFaults.fromEnvironment(ProcessInfo.processInfo.environment)
        let config = try reportingErrors { try SystemConfig.load(path: systemConfig, faults: faults) }
        let options = IngestOptions(chunkSeconds: chunkSeconds, outputType: dtype, force: force,
                                    layout: config.hdf5Layout)
        let run = IngestRun(input: config.input, store: config.output, options: options)
        let report = try reportingErrors { try run.run(progress: { if !quiet { say($0) } }) }
        for failure in report.failures {
            FileHandle.standardError.write(Data("distswift: error: \(failure.error)\n".utf8))
        }
        if let error = report.assemblyError {
            FileHandle.standardError.write(Data("distswift: error: \(error)\n".utf8))
        }
        if !quiet, let manifest = report.manifest {
            say("store \(config.output): \(manifest.chunks.count) chunks, \(manifest.channelCount) channels at "
                + "\(manifest.samplingRateHz) Hz, \(manifest.dtype)")
        }
        if report.ingested.isEmpty && report.skipped.isEmpty && report.failures.isEmpty {
            FileHandle.standardError.write(Data("distswift: error: no files under \(config.input)\n".utf8))
            throw ExitCode.failure
        }
        if !report.succeeded {
            FileHandle.standardError.write(Data(
                "distswift: error: \(report.failures.count) of \(report.failures.count + report.ingested.count + report.skipped.count) files failed\n".utf8))
            throw ExitCode.failure
        }
    }
}
