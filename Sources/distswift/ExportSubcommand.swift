import ArgumentParser
import DistSwiftIO
import Foundation

struct ExportSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a chunk store out as files other tools read (PRODML, SEG-Y, DASDAE, NetCDF-CF, miniSEED).",
        discussion: """
            prodml: PRODML 2.0 raw (/Acquisition/Raw[0]/RawData, float32, RawDataTime in µs), which DASCore and xdas
            read; segy: SEG-Y rev 2 (IEEE float32, or int16 for an int16 store), which segyio and ObsPy read, with
            the start to the ns in the text header and positions in trace bytes 197–200; dasdae: DASCore's DASDAE v1
            (the store's own type, times in int64 ns); netcdf: xdas's NetCDF-CF (NetCDF4, tie-point coordinates,
            times in int64 ns), which xdas opens; mseed: miniSEED 2, one trace per channel (station = channel
            number), which ObsPy reads — without positions, which miniSEED cannot hold. Each file is written under a
            temporary name and renamed when complete; ingesting the files again gives the store back.

            One file per chunk, named after it, or --file-seconds long files of gap-free chunks. Example:
              distswift export examples/out/store --to prodml --out examples/out/prodml
            """)

    @OptionGroup var selection: StoreSelection

    @Option(help: "The format: \(StoreExporter.Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var to: StoreExporter.Format

    @Option(help: "The folder to write the files to (created if missing).")
    var out: String

    @Option(help: ArgumentHelp("Join consecutive chunks without a gap into files of at most this many seconds "
        + "(default: one file per chunk)."))
    var fileSeconds: Double?

    func validate() throws {
        if let fileSeconds, !(fileSeconds > 0) { throw ValidationError("--file-seconds must be greater than 0") }
    }

    func run() throws {
        let store = try reportingErrors { try selection.open() }
        try reportingErrors { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) }
        let names = try reportingErrors { try StoreExporter(store: store, format: to, fileSeconds: fileSeconds).export(to: LocalStorage(root: out)) }
        say("exported \(store.chunks.count) chunks as \(names.count) \(to.rawValue) files to \(out)")
    }
}

extension StoreExporter.Format: ExpressibleByArgument {}
