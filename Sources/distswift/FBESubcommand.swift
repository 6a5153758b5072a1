import ArgumentParser
import DistSwiftIO
import Foundation

/// `distswift fbe`: a PRODML processed FBE file (which `ingest` refuses: band energies are not samples) converted
/// into per-chunk band arrays in write_npy's layout.
struct FBESubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fbe",
        abstract: "Convert a PRODML processed FBE file into per-chunk band arrays (write_npy's layout).",
        discussion: """
            Writes one folder per band under --out: {band}/{chunk}.npy (float64, loci × the chunk's times),
            {band}/time/{chunk}.npy (datetime64[ns]) and {band}/measured_depth.npy, and bands.json with each band's
            folder, name, unit and edges (StartFrequency/EndFrequency, Hz). By default each chunk is one FBE time —
            distpy's layout of band energies, which `distswift stack` joins into a depth × time array per band (give
            it a system config whose results location is --out, and the band's folder). --chunk-seconds S puts every
            time within S seconds of a chunk's first into that chunk. Every file is written atomically, bands.json
            last. --out must be empty or new; --force replaces an earlier conversion there (the band folders its
            bands.json lists), so no chunk of the earlier one is left beside the new ones.

            Example:
              distswift fbe ../shared/data/das/prodml_fbe_1.h5 --out fbe_bands
            """)

    @Argument(help: "A PRODML file with /Acquisition/Processed/Fbe[n] (FbeData[m], FbeDataTime).")
    var file: String

    @Option(help: "The folder to write the band folders to (created if missing).")
    var out: String

    @Option(help: "Seconds of FBE times per chunk (default: one time per chunk).")
    var chunkSeconds: Double?

    @Option(help: "The FBE group of a file that holds several, e.g. Fbe[1].")
    var select: String?

    @Flag(help: "Replace an earlier conversion in --out (the band folders its bands.json lists, and bands.json).")
    var force = false

    func run() throws {
        let summary = try reportingErrors { () -> PRODMLFBEConversion.Summary in
            let fbe = try PRODMLFBEFile(path: file, select: select)
            let folder = URL(fileURLWithPath: out).standardizedFileURL.path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try FBEOutputFolder(path: folder, option: "--out").prepare(replacing: force)
            say(fbe.summary)
            return try PRODMLFBEConversion.convert(fbe, to: LocalStorage(root: folder), chunkSeconds: chunkSeconds)
        }
        say("wrote \(summary.chunks) chunks of \(summary.bandFolders.count) bands to \(out): "
            + summary.bandFolders.joined(separator: ", "))
    }
}
