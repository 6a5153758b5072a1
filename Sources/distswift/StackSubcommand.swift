import ArgumentParser
import DistSwiftCalc
import DistSwiftIO
import Foundation

/// `distswift stack`: the reduce step after `process` (distpy's `parallel_ingest_witsml` / `readFBE`).
struct StackSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stack",
        abstract: "Stack a writer's per-chunk outputs into continuous depth × time arrays (and a PRODML FBE file).",
        discussion: """
            Reads every per-chunk output in {out_drive}/{project}/{results}/FOLDER (write_witsml's {chunk}.fbe logs,
            or write_npy's {chunk}.npy arrays), in chunk-time order, and writes distpy's re-ingest layout, one folder
            per curve: {mnemonic}/{t0}.npy (float64, channels × chunks), {mnemonic}/time.npy (UTC unix seconds of
            each column) and {mnemonic}/measured_depth.npy. Default output: {results}/FOLDER_stacked. A missing chunk
            (consecutive outputs more than 1.5 × the median step apart) is reported on stderr and kept as NaN
            columns. Files with other depths or curves are refused, naming both files. --prodml also writes the
            curves as one PRODML 2.0 processed FBE HDF5 file (/Acquisition/Processed/Fbe[0]/FbeData[m]).

            Example:
              distswift stack examples/noiselog-system.json NoiseLog --prodml noiselog.h5
            """)

    @Argument(help: "The system config (JSON) whose results location holds FOLDER.")
    var systemConfig: String

    @Argument(help: "The writer's directory_out under the results location (e.g. NoiseLog).")
    var folder: String

    @Option(help: "Folder for the stacked arrays (default {results}/FOLDER_stacked).")
    var output: String?

    @Option(help: "Also write the stacked curves as this PRODML 2.0 FBE HDF5 file.")
    var prodml: String?

    func run() throws {
        let config = try reportingErrors { try SystemConfig.load(path: systemConfig) }
        let source = try reportingErrors { () throws -> String in
            let path = try normalizedStoragePath(folder)
            guard !path.isEmpty else {
                throw StackError("FOLDER is empty", fix: "name a writer's directory_out, e.g. NoiseLog")
            }
            return path
        }
        let run = try reportingErrors {
            try StackedRun.stack(ChunkOutputFolder.read(location: config.output, folder: source))
        }
        for gap in run.gaps {
            try? FileHandle.standardError.write(contentsOf: Data((
                "distswift: gap: no output between \(UTCTime.iso8601(gap.beforeTimeNs)) (\(gap.before)) and "
                + "\(UTCTime.iso8601(gap.afterTimeNs)) (\(gap.after)); kept as \(gap.filledColumns) NaN "
                + "column\(gap.filledColumns == 1 ? "" : "s")\n").utf8))
        }
        let destination: any StorageLocation = try reportingErrors {
            if let output { return LocalStorage(root: Self.absolute(output)) }
            return try config.output.sublocation(source + "_stacked")
        }
        try reportingErrors { try StackedRunWriter.write(run, to: destination) }
        say("stacked \(run.outputCount) outputs of \(run.depth.count) channels from \(config.output.address(of: source)): "
            + "\(UTCTime.iso8601(run.timesNs.first!)) … \(UTCTime.iso8601(run.timesNs.last!)), "
            + "\(run.timesNs.count) columns, \(run.gaps.count) gap\(run.gaps.count == 1 ? "" : "s")")
        say("curves \(run.curves.map(\.mnemonic).joined(separator: ", ")) in \(destination)")
        if let prodml {
            let file = Self.absolute(prodml)
            try reportingErrors {
                let bands = zip(run.curves, run.arrays).map { curve, array in
                    let band = FBEBand(mnemonic: curve.mnemonic, description: curve.description)
                    return PRODMLFBEBand(name: curve.mnemonic, description: curve.description, unit: curve.unit,
                                         startFrequencyHz: band.startHz, endFrequencyHz: band.endHz, values: array)
                }
                let folder = (file as NSString).deletingLastPathComponent
                try PRODMLFBEWriter.write(to: LocalStorage(root: folder), path: (file as NSString).lastPathComponent,
                                          depth: run.depth, depthUnit: run.depthUnit, timesNs: run.timesNs,
                                          bands: bands)
            }
            say("PRODML FBE file \(file)")
        }
    }

    /// A path from the command line, relative to the working directory.
    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}
