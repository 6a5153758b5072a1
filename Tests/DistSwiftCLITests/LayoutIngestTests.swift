import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// The layouts without a sample file: Tests/reference/layout_files.py writes a file exactly to each published
/// layout, the built `distswift ingest` stores it, and the same script reads the file again independently (h5py per
/// the layout, and DASCore or xdas where they read it) and compares: data exact, times to 1 ns, positions to 1 mm.
/// What a reader must refuse is written the same way and checked for its message.
@Suite("Ingest: layouts written to their published description",
       .enabled(if: PythonReference.hasH5py, "needs python3 with numpy and h5py"))
struct LayoutIngestTests {
    static let script = TestPaths.packageRoot + "/Tests/reference/layout_files.py"

    struct Case: Sendable, CustomTestStringConvertible {
        let layout: String
        let format: String
        var testDescription: String { layout }
    }

    static let cases: [Case] = [
        Case(layout: "gdr", format: "GDR DAS-RCN (DAS-RCN v1.10, PRODML v2.2)"),
        Case(layout: "neubrex", format: "Neubrex DAS"),
        Case(layout: "optasense", format: "OptaSense QuantX/ODH3 (PRODML 2.0)"),
        Case(layout: "sintela", format: "Sintela ONYX (PRODML 2.0)"),
        Case(layout: "odh4", format: "OptaSense ODH4"),
        Case(layout: "hdas", format: "Aragón HDAS 3.0"),
        Case(layout: "carina", format: "Silixa Carina HDF5"),
        Case(layout: "xdas_netcdf", format: "xdas NetCDF-CF (CF-1.13)"),
        Case(layout: "xdas_netcdf_legacy", format: "xdas NetCDF-CF (CF-1.9)"),
        Case(layout: "tdms_4712", format: "Silixa iDAS TDMS"),
        Case(layout: "mseed", format: "miniSEED (24 streams XX.00001..HSF …); positions unknown: channel index × 1 m"),
        Case(layout: "su", format: "Seismic Unix (big-endian); first sample 123.0 ms after the trace-header time "
            + "(delay recording time, bytes 109–110)"),
        Case(layout: "su_little", format: "Seismic Unix (little-endian); first sample 123.0 ms after the "
            + "trace-header time (delay recording time, bytes 109–110)"),
    ]

    /// Writes `layout` into a fresh folder's raw/ and returns (folder, file).
    static func written(_ layout: String, name: String = "record.h5") throws -> (TemporaryFolder, String) {
        let folder = try TemporaryFolder("distswift-layout-\(layout)")
        try FileManager.default.createDirectory(atPath: folder.file("raw"), withIntermediateDirectories: true)
        let file = folder.file("raw/" + name)
        let out = try runProcess("/usr/bin/env", ["python3", script, "write", layout, file])
        #expect(out.status == 0, "\(out.stderr)")
        return (folder, file)
    }

    @Test("a file written to the layout ingests equal to the independent read", arguments: cases)
    func ingestsExactly(_ c: Case) throws {
        let (folder, file) = try Self.written(c.layout)
        let config = try folder.write("system.json", #"{"in_directory": "raw", "out_directory": "store"}"#)
        let ingest = try runProcess(TestPaths.distswiftBinary,
                                    ["ingest", config, "--dtype", "raw", "--quiet", "--chunk-seconds", "1"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let manifest = try ChunkStore.open(LocalStorage(root: folder.file("store"))).manifest
        #expect(manifest?.sources.first?.format == c.format)
        let check = try runProcess("/usr/bin/env", ["python3", Self.script, "check", c.layout, file, folder.file("store")])
        #expect(check.status == 0 && check.stdout.contains("ok"), "\(check.stderr)")
        let info = try runProcess(TestPaths.distswiftBinary, ["info", file])
        #expect(info.status == 0 && info.stdout.contains(c.format), "\(info.stdout)\(info.stderr)")
    }

    @Test("exactly one reader claims each written file: no layout's sniff takes another's files", arguments: cases)
    func claimedByOneReader(_ c: Case) throws {
        let (folder, file) = try Self.written(c.layout)
        let claimants = RecordFormats.all.filter { $0.sniff(path: file) }.map { $0.formatName }
        withExtendedLifetime(folder) {}
        #expect(claimants.count == 1 && c.format.hasPrefix(claimants.first ?? "?"), "\(c.layout): \(claimants)")
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        let layout: String
        let says: [String]
        var testDescription: String { layout }
    }

    static let refusals: [Refusal] = [
        Refusal(layout: "gdr_frequency", says: ["not time × locus", "frequency", "ingest the raw time series"]),
        Refusal(layout: "neubrex_rfs", says: ["Rayleigh-frequency-shift", "DSS/DTS", "not a DAS record"]),
        Refusal(layout: "odh4_transposed", says: ["disagree with /raw_data's shape", "transposed"]),
        Refusal(layout: "hdas_not_strain_rate", says: ["not strain rate", "export the strain-rate product"]),
        Refusal(layout: "xdas_netcdf_gap", says: ["has a gap or an overlap", "split the record at the gap"]),
        Refusal(layout: "mseed_truncated", says: ["the last record is cut short", "copy the file again"]),
        Refusal(layout: "mseed_misaligned", says: ["is not aligned with", "trim the traces to a common time span"]),
        Refusal(layout: "su_no_interval", says: ["states no sample interval", "sushw key=dt"]),
        // 24 traces of 240 + 4 × 2000 bytes, cut 100 bytes into the 24th: the sizes are in the message.
        Refusal(layout: "su_truncated", says: ["is a truncated Seismic Unix file (big-endian)", "ns = 2000 samples",
                                               "8240 bytes", "197760 bytes for 24 traces", "189620 bytes: 23 whole traces",
                                               "head -c 189520"]),
        Refusal(layout: "carina_bad_map", says: ["does not place each column on one physical channel", "channel map"]),
    ]

    @Test("what a reader cannot represent is refused with what the file holds and what to do", arguments: refusals)
    func refuses(_ r: Refusal) throws {
        let (folder, file) = try Self.written(r.layout)
        let info = try runProcess(TestPaths.distswiftBinary, ["info", file])
        #expect(info.status == 1)
        for phrase in r.says { #expect(info.stderr.contains(phrase), "\(phrase) missing from: \(info.stderr)") }
        let config = try folder.write("system.json", #"{"in_directory": "raw", "out_directory": "store"}"#)
        let ingest = try runProcess(TestPaths.distswiftBinary, ["ingest", config, "--workers", "1"])
        #expect(ingest.status != 0 && ingest.stderr.contains(r.says[0]), "\(ingest.stderr)")
    }

    /// The record names of a written file: PRODML's groups are known; a DASDAE file's are DASCore's own names.
    static func recordNames(_ layout: String, _ file: String) throws -> [String] {
        if layout == "prodml_multi" { return ["Raw[0]", "Raw[1]"] }
        let out = try runProcess("/usr/bin/env", ["python3", script, "records", layout, file])
        return out.stdout.split(separator: "\n").map(String.init)
    }

    @Test("a file with several records is refused without --select, and --select ingests exactly the one chosen",
          arguments: ["prodml_multi", "dasdae_multi"])
    func severalRecords(_ layout: String) throws {
        let (folder, file) = try Self.written(layout)
        let names = try Self.recordNames(layout, file)
        #expect(names.count == 2)
        let config = try folder.write("system.json", #"{"in_directory": "raw", "out_directory": "store"}"#)
        let refused = try runProcess(TestPaths.distswiftBinary, ["ingest", config, "--workers", "1", "--quiet"])
        #expect(refused.status != 0)
        for name in names { #expect(refused.stderr.contains(name), "\(refused.stderr)") }
        #expect(refused.stderr.contains("never ingests one of them silently") && refused.stderr.contains("--select"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("store/store.json")), "nothing stored")

        let info = try runProcess(TestPaths.distswiftBinary, ["info", file])
        #expect(info.status == 0 && names.allSatisfy { info.stdout.contains($0) }, "\(info.stdout)")
        let wrong = try runProcess(TestPaths.distswiftBinary, ["info", file, "--select", "nonexistent"])
        #expect(wrong.status == 1 && wrong.stderr.contains("names none of them"), "\(wrong.stderr)")

        let chosen = names[1]
        let ingest = try runProcess(TestPaths.distswiftBinary, ["ingest", config, "--dtype", "raw", "--quiet",
                                                                 "--chunk-seconds", "1", "--select", chosen])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let check = try runProcess("/usr/bin/env", ["python3", Self.script, "check", layout + "@" + chosen, file,
                                                   folder.file("store")])
        #expect(check.status == 0 && check.stdout.contains("ok"), "\(check.stderr)")
    }

    @Test("a path that does not exist is said to be missing, by name, not 'not a recognised DAS record'")
    func missingPath() throws {
        let folder = try TemporaryFolder("distswift-missing")
        let missing = folder.file("raw/no-such-record.h5")
        let info = try runProcess(TestPaths.distswiftBinary, ["info", missing])
        #expect(info.status == 1 && info.stderr.contains("\(missing): does not exist"), "\(info.stderr)")
        #expect(!info.stderr.contains("not a recognised DAS record"))
        let folderInfo = try runProcess(TestPaths.distswiftBinary, ["info", folder.path])
        #expect(folderInfo.status == 1 && folderInfo.stderr.contains("\(folder.path): is a folder"), "\(folderInfo.stderr)")
        // ingest: the input location of the config is missing.
        let config = try folder.write("system.json", #"{"in_directory": "raw", "out_directory": "store"}"#)
        let ingest = try runProcess(TestPaths.distswiftBinary, ["ingest", config, "--workers", "1"])
        #expect(ingest.status != 0 && ingest.stderr.contains(folder.file("raw")) && ingest.stderr.contains("does not exist"),
                "\(ingest.stderr)")
    }

    @Test("an unknown HDF5 or NetCDF file: info names the closest layout and what it lacks",
          arguments: [
              ("gdr_no_time", ["closest layout: GDR DAS-RCN (5 of 6 expected items)", "lacks /DasRawData/DasTimeArray"]),
              ("xdas_netcdf_no_conventions", ["closest layout: xdas NetCDF-CF (6 of 7 expected items)", "lacks /@Conventions"]),
              ("netcdf3", ["NetCDF classic (version 3)", "nccopy -k nc4"]),
          ])
    func closestLayout(_ layout: String, _ phrases: [String]) throws {
        let (folder, file) = try Self.written(layout)
        let info = try runProcess(TestPaths.distswiftBinary, ["info", file])
        withExtendedLifetime(folder) {}  // the folder (and the file) live until info has read it
        #expect(info.status == 1)
        for phrase in phrases { #expect(info.stderr.contains(phrase), "\(phrase) missing from: \(info.stderr)") }
    }
}
