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
            each column) and {mnemonic}/measured_depth.npy, streaming (memory: one output, whatever the number of
            chunks; the arrays are column-major .npy, which numpy.load reads as usual). Default output:
            {results}/FOLDER_stacked. A missing chunk (consecutive outputs more than 1.5 × the median step apart) is
            reported on stderr and recorded in time.npy and gaps.json, not filled. Files with other depths or
            curves are refused, naming both files. --prodml also writes the curves as one PRODML 2.0 processed FBE
            HDF5 file (/Acquisition/Processed/Fbe[0]/FbeData[m]; this part holds the stack in memory).

            --reduce mean|linear|phase_weighted reduces write_npy arrays of one shape (per-chunk cross-correlations,
            spectra) to one: stack.npy, the shared lag.npy or frequency.npy, measured_depth.npy and stack.json
            (method, chunks, first and last time, gaps) in {results}/FOLDER_reduced; memory: two arrays.

            Examples:
              distswift stack examples/noiselog-system.json NoiseLog --prodml noiselog.h5
              distswift stack ambient.json Correlations --reduce phase_weighted --power 2
            """)

    @Argument(help: "The system config (JSON) whose results location holds FOLDER.")
    var systemConfig: String

    @Argument(help: "The writer's directory_out under the results location (e.g. NoiseLog).")
    var folder: String

    @Option(help: "Folder for the stacked arrays (default {results}/FOLDER_stacked).")
    var output: String?

    @Option(help: "Also write the stacked curves as this PRODML 2.0 FBE HDF5 file.")
    var prodml: String?

    @Option(help: ArgumentHelp("Reduce the per-chunk arrays to one instead of joining them in time: mean, linear "
                               + "(sum) or phase_weighted (write_npy arrays of one shape, e.g. cross-correlations).",
                               valueName: "method"))
    var reduce: String?

    @Option(help: "Exponent of the phase coherence for --reduce phase_weighted.")
    var power: Double = 2

    @Option(help: ArgumentHelp("With --reduce of arrays with a lag axis (cross_correlate): also draw the stack as "
                               + "this PNG, distance down and lag across.", valueName: "file"))
    var png: String?

    func run() throws {
        let config = try reportingErrors { try SystemConfig.load(path: systemConfig) }
        let source = try reportingErrors { () throws -> String in
            let path = try normalizedStoragePath(folder)
            guard !path.isEmpty else {
                throw StackError("FOLDER is empty", fix: "name a writer's directory_out, e.g. NoiseLog")
            }
            return path
        }
        let listing = try reportingErrors { try ChunkOutputFolder(location: config.output, folder: source) }
        let destination: any StorageLocation = try reportingErrors {
            if let output { return LocalStorage(root: Self.absolute(output)) }
            return try config.output.sublocation(source + (reduce == nil ? "_stacked" : "_reduced"))
        }
        if let reduce {
            try reduceArrays(listing, method: reduce, into: destination)
            return
        }
        if png != nil {
            try reportingErrors { () throws -> Void in
                throw StackError("--png draws a reduced stack", fix: "add --reduce mean|linear|phase_weighted")
            }
        }
        // Two passes over the outputs, one at a time: the plan (order, checks, gaps), then the columns.
        let plan = try reportingErrors { try StackPlan.scan(listing.files, read: listing.read) }
        report(plan.gaps)
        try reportingErrors { try StackedRunWriter.write(plan, reading: listing.read, to: destination) }
        say("stacked \(plan.files.count) outputs of \(plan.depth.count) channels from "
            + "\(config.output.address(of: source)): \(UTCTime.iso8601(plan.timesNs.first!)) … "
            + "\(UTCTime.iso8601(plan.timesNs.last!)), \(plan.gaps.count) gap\(plan.gaps.count == 1 ? "" : "s")")
        say("curves \(plan.curves.map(\.mnemonic).joined(separator: ", ")) in \(destination)")
        if let prodml {
            // The PRODML writer takes whole arrays: this part holds the stack in memory.
            let file = Self.absolute(prodml)
            try reportingErrors {
                let run = try StackedRun.stack(files: listing.files, read: listing.read)
                try run.writePRODML(to: LocalStorage(root: (file as NSString).deletingLastPathComponent),
                                    path: (file as NSString).lastPathComponent)
            }
            say("PRODML FBE file \(file)")
        }
    }

    /// `--reduce`: the per-chunk arrays of one shape reduced to one, streaming.
    private func reduceArrays(_ listing: ChunkOutputFolder, method name: String,
                              into destination: any StorageLocation) throws {
        let method = try reportingErrors { () throws -> ChunkArrayReduction.Method in
            guard let method = ChunkArrayReduction.Method(rawValue: name) else {
                throw StackError("--reduce \(name) is not a stacking method",
                                 fix: "give one of " + ChunkArrayReduction.Method.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return method
        }
        let reduction = ChunkArrayReduction(method: method, power: power)
        let result = try reportingErrors { try reduction.reduce(listing) }
        report(result.plan.gaps)
        try reportingErrors {
            try ChunkArrayReduction.write(result, method: method, power: power, folder: listing, to: destination)
        }
        if let png {
            try reportingErrors {
                guard let axis = result.axis, axis.name == "lag" else {
                    throw StackError("--png draws correlations against lag, but \(listing.location.address(of: listing.folder)) "
                                     + "has no lag axis", fix: "reduce the write_npy output of cross_correlate, or leave out --png")
                }
                let positions = listing.depth ?? (0..<result.values.rows).map(Double.init)
                let bytes = try CorrelationImage.png(values: result.values, positions: positions, lags: axis.values,
                                                     title: "\(method.rawValue) stack of \(result.count) chunks: "
                                                     + listing.folder)
                let file = Self.absolute(png)
                try LocalStorage(root: (file as NSString).deletingLastPathComponent)
                    .write((file as NSString).lastPathComponent, bytes: bytes)
                say("correlation image \(file)")
            }
        }
        say("\(method.rawValue) stack of \(result.count) arrays of \(result.values.rows) × \(result.values.columns) "
            + "(\(result.plan.gaps.count) gap\(result.plan.gaps.count == 1 ? "" : "s")) in \(destination)")
    }

    /// Each gap on stderr: recorded (time.npy, gaps.json / stack.json), not filled.
    private func report(_ gaps: [StackPlan.Gap]) {
        for gap in gaps {
            try? FileHandle.standardError.write(contentsOf: Data((
                "distswift: gap: no output between \(UTCTime.iso8601(gap.beforeTimeNs)) (\(gap.before)) and "
                + "\(UTCTime.iso8601(gap.afterTimeNs)) (\(gap.after)); about \(gap.missingSteps) chunk"
                + "\(gap.missingSteps == 1 ? "" : "s") missing, recorded in the time axis and gaps.json\n").utf8))
        }
    }

    /// A path from the command line, relative to the working directory.
    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}
