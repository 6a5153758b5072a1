import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// PRODML processed FBE files: `info` names them, `ingest` refuses them with the conversion command (never an
/// hdf5_layout that would read band energies as samples), `distswift fbe` converts them into per-chunk band arrays
/// equal to an h5py read (Tests/reference/fbe_convert_check.py), and `distswift stack` joins a converted band.
@Suite("distswift fbe: PRODML processed FBE files refused by ingest, converted to band arrays",
       .enabled(if: PythonReference.hasH5py, "needs python3 with h5py"))
struct PRODMLFBEConversionTests {
    static let check = TestPaths.packageRoot + "/Tests/reference/fbe_convert_check.py"

    static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let run = try runProcess("/usr/bin/env", ["python3", check] + arguments)
        return (run.status, run.stdout + run.stderr)
    }

    /// A system config whose results location is `results` (relative to the config), for `distswift stack`.
    static func stackConfig(_ folder: TemporaryFolder, results: String) throws -> String {
        _ = try folder.write("graph.json", #"{"command_list": []}"#)
        return try folder.write("stack.json", #"{"in_directory": "in", "out_directory": "\#(results)", "config": "graph.json"}"#)
    }

    @Test("the real OptaSense FBE file: info names it, ingest refuses it with `distswift fbe`, no hdf5_layout",
          .enabled(if: TestPaths.sharedData != nil, "needs the sample data in ../shared/data"))
    func realFileRefused() throws {
        let file = TestPaths.sharedData! + "/das/prodml_fbe_1.h5"
        let info = try runProcess(TestPaths.distswiftBinary, ["info", file])
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.stdout.contains("PRODML processed FBE: 5 bands (-0.4883–1.465, 0.4883–10.25, 9.277–50.29, "
                                     + "49.32–200.7, 199.7–249.5 Hz each), 453 times at 0.1953 Hz"), "\(info.stdout)")
        #expect(info.stdout.contains("301 loci") && info.stdout.contains("distswift fbe \(file) --out FOLDER"))
        #expect(!(info.stdout + info.stderr).contains("hdf5_layout"))

        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.file("raw"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: file, toPath: folder.file("raw/fbe.h5"))
        let config = try folder.write("system.json", #"{"in_directory": "raw", "out_directory": "store"}"#)
        let ingest = try runProcess(TestPaths.distswiftBinary, ["ingest", config, "--workers", "1"])
        #expect(ingest.status != 0)
        #expect(ingest.stderr.contains("is a PRODML processed FBE: 5 bands") && ingest.stderr.contains("distswift fbe "),
                "\(ingest.stderr)")
        #expect(!ingest.stderr.contains("hdf5_layout") && !ingest.stderr.contains("closest layout"), "\(ingest.stderr)")
    }

    @Test("the real FBE file converted (one time per chunk, and 60 s chunks) equals h5py's read; stack joins a band",
          .enabled(if: TestPaths.sharedData != nil, "needs the sample data in ../shared/data"))
    func realFileConverted() throws {
        let file = TestPaths.sharedData! + "/das/prodml_fbe_1.h5"
        let folder = try TemporaryFolder()
        let convert = try runProcess(TestPaths.distswiftBinary, ["fbe", file, "--out", folder.file("results")])
        #expect(convert.status == 0, "\(convert.stderr)")
        #expect(convert.stdout.contains("wrote 453 chunks of 5 bands"), "\(convert.stdout)")
        let config = try Self.stackConfig(folder, results: "results")
        for band in ["band0", "band3"] {
            let stack = try runProcess(TestPaths.distswiftBinary, ["stack", config, band, "--output",
                                                                   folder.file("stacked/\(band)")])
            #expect(stack.status == 0, "\(stack.stderr)")
        }
        // stack writes {output}/{mnemonic}/…; a write_npy folder's single column is named after the folder.
        let stacked = try Self.python([file, folder.file("results"), "--stacked-bands", "band0,band3",
                                  "--stacked", folder.file("stacked")])
        #expect(stacked.status == 0 && stacked.output.contains("ok"), "\(stacked.output)")

        // 12 times of 5.12 s (56.32 s) start within 60 s of a chunk's first: ceil(453 / 12) = 38 chunks.
        let chunked = try runProcess(TestPaths.distswiftBinary, ["fbe", file, "--out", folder.file("chunked"),
                                                                 "--chunk-seconds", "60"])
        #expect(chunked.status == 0 && chunked.stdout.contains("wrote 38 chunks"), "\(chunked.stdout)\(chunked.stderr)")
        let check = try Self.python([file, folder.file("chunked")])
        #expect(check.status == 0 && check.output.contains("ok"), "\(check.output)")

        let bad = try runProcess(TestPaths.distswiftBinary, ["fbe", file, "--out", folder.file("bad"),
                                                             "--chunk-seconds", "0"])
        #expect(bad.status != 0 && bad.stderr.contains("--chunk-seconds is 0.0"), "\(bad.stderr)")

        // Over an earlier conversion: refused without --force; with it, the earlier 453 chunks are gone and only the
        // new 38 remain (none left over for `stack` to join).
        let again = try runProcess(TestPaths.distswiftBinary, ["fbe", file, "--out", folder.file("results"),
                                                               "--chunk-seconds", "60"])
        #expect(again.status != 0 && again.stderr.contains("is not empty") && again.stderr.contains("--force"),
                "\(again.stderr)")
        let replaced = try runProcess(TestPaths.distswiftBinary, ["fbe", file, "--out", folder.file("results"),
                                                                  "--chunk-seconds", "60", "--force"])
        #expect(replaced.status == 0 && replaced.stdout.contains("wrote 38 chunks"), "\(replaced.stdout)\(replaced.stderr)")
        let chunks = try FileManager.default.contentsOfDirectory(atPath: folder.file("results/band0"))
            .filter { $0.hasSuffix(".npy") && $0 != "measured_depth.npy" }
        #expect(chunks.count == 38, "\(chunks.count) chunk files in band0")
        let replacedCheck = try Self.python([file, folder.file("results")])
        #expect(replacedCheck.status == 0 && replacedCheck.output.contains("ok"), "\(replacedCheck.output)")
        // A folder holding other files is never cleared, --force or not.
        _ = try folder.write("other/notes.txt", "mine")
        let other = try runProcess(TestPaths.distswiftBinary, ["fbe", file, "--out", folder.file("other"), "--force"])
        #expect(other.status != 0 && other.stderr.contains("only an earlier conversion"), "\(other.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.file("other/notes.txt")))
    }

    @Test("a PRODML file with only processed spectra is named and refused, without an hdf5_layout or a converter")
    func spectraRefused() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.file("raw"), withIntermediateDirectories: true)
        _ = try PythonReference.check("""
            import sys, h5py, numpy as np
            with h5py.File(sys.argv[1], "w") as f:
                a = f.create_group("Acquisition")
                a.attrs["schemaVersion"] = "2.0"
                a.attrs["SpatialSamplingInterval"] = 1.0
                s = f.create_group("Acquisition/Processed/Spectra[0]")
                s.create_dataset("SpectraData", data=np.zeros((4, 10, 8), dtype=np.float32))
                s.create_dataset("SpectraDataTime", data=np.arange(4, dtype=np.int64) * 1000000)
            """, arguments: [folder.file("raw/spectra.h5")])
        let info = try runProcess(TestPaths.distswiftBinary, ["info", folder.file("raw/spectra.h5")])
        #expect(info.status == 0 && info.stdout.contains("PRODML processed spectra"), "\(info.stdout)\(info.stderr)")
        let config = try folder.write("system.json", #"{"in_directory": "raw", "out_directory": "store"}"#)
        let ingest = try runProcess(TestPaths.distswiftBinary, ["ingest", config, "--workers", "1"])
        #expect(ingest.status != 0 && ingest.stderr.contains("is a PRODML processed spectra"), "\(ingest.stderr)")
        #expect(ingest.stderr.contains("ingest the raw recording") && !ingest.stderr.contains("hdf5_layout"))
    }

    @Test("fbe refuses a time vector that is not one, a missing FBE group and a wrong --select, never crashing")
    func badFiles() throws {
        let folder = try TemporaryFolder()
        _ = try PythonReference.check("""
            import sys, h5py, numpy as np
            with h5py.File(sys.argv[1], "w") as f:
                g = f.create_group("Acquisition/Processed/Fbe[0]")
                f["Acquisition"].attrs["SpatialSamplingInterval"] = 1.0
                g.create_dataset("FbeData[0]", data=np.zeros((2, 3), dtype=np.float32))
                g.create_dataset("FbeDataTime", data=np.array([-(2**62), 2**62], dtype=np.int64))
            with h5py.File(sys.argv[2], "w") as f:
                f.create_group("Acquisition/Processed/Spectra[0]")
            """, arguments: [folder.file("overflow.h5"), folder.file("spectra.h5")])
        let overflow = try runProcess(TestPaths.distswiftBinary, ["fbe", folder.file("overflow.h5"), "--out", folder.file("a")])
        #expect(overflow.status == 1 && overflow.stderr.contains("FbeDataTime holds -4611686018427387904 µs"),
                "\(overflow.stderr)")
        let none = try runProcess(TestPaths.distswiftBinary, ["fbe", folder.file("spectra.h5"), "--out", folder.file("b")])
        #expect(none.status == 1 && none.stderr.contains("has no /Acquisition/Processed/Fbe[n] group"), "\(none.stderr)")
        let select = try runProcess(TestPaths.distswiftBinary, ["fbe", folder.file("overflow.h5"), "--out",
                                                                folder.file("c"), "--select", "Fbe[1]"])
        #expect(select.status == 1 && select.stderr.contains("Fbe[1] is none of them"), "\(select.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.file("a/bands.json")))
    }

    @Test("a PRODML file with Raw[0]/RawData and Processed/Fbe[0] ingests its raw data as before",
          .enabled(if: TestPaths.sharedData != nil, "needs the sample data in ../shared/data"))
    func rawAndProcessedIngestsRaw() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.file("raw"), withIntermediateDirectories: true)
        let data = TestPaths.sharedData! + "/das"
        let made = try Self.python(["add-fbe", data + "/prodml_2.0.h5", data + "/prodml_fbe_1.h5", folder.file("raw/both.h5")])
        #expect(made.status == 0, "\(made.output)")
        let info = try runProcess(TestPaths.distswiftBinary, ["info", folder.file("raw/both.h5")])
        let plain = try runProcess(TestPaths.distswiftBinary, ["info", data + "/prodml_2.0.h5"])
        #expect(info.status == 0 && info.stdout.contains("format         PRODML 2.0"), "\(info.stdout)\(info.stderr)")
        // The same description as the raw file alone, but for the file's name.
        #expect(info.stdout.split(separator: "\n").dropFirst() == plain.stdout.split(separator: "\n").dropFirst())
        let config = try folder.write("system.json", #"{"in_directory": "raw", "out_directory": "store"}"#)
        let ingest = try runProcess(TestPaths.distswiftBinary, ["ingest", config, "--workers", "1", "--quiet"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let manifest = try ChunkStore.open(LocalStorage(root: folder.file("store"))).manifest
        #expect(manifest?.sources.first?.format == "PRODML 2.0")
    }

    @Test("round trip: distswift's PRODML FBE writer (stack --prodml) → fbe → the stacked values, times and depths")
    func roundTrip() throws {
        let folder = try TemporaryFolder()
        #expect(try runProcess(TestPaths.distswiftBinary, ["synth", "--store", folder.file("store"), "--channels", "24",
                                                           "--spacing", "2", "--rate", "4000", "--seconds", "4"]).status == 0)
        _ = try folder.write("graph.json", #"""
            {"command_list": [
              {"name": "fft", "uid": 1, "in_uid": 0},
              {"name": "multiple_calcs", "uid": 2, "in_uid": 1, "func": "te_from_fft", "low_freq": [200, 600], "high_freq": [600, -1]},
              {"name": "write_npy", "uid": 3, "in_uid": 2, "directory_out": "npy"}
            ]}
            """#)
        let config = try folder.write("system.json", #"{"in_directory": "store", "out_directory": "results", "config": "graph.json"}"#)
        let process = try runProcess(TestPaths.distswiftBinary, ["process", config, "--quiet"])
        #expect(process.status == 0, "\(process.stderr)")
        let stack = try runProcess(TestPaths.distswiftBinary, ["stack", config, "npy", "--output", folder.file("stacked"),
                                                               "--prodml", folder.file("written.h5")])
        #expect(stack.status == 0, "\(stack.stderr)")
        let convert = try runProcess(TestPaths.distswiftBinary, ["fbe", folder.file("written.h5"), "--out",
                                                                 folder.file("converted")])
        #expect(convert.status == 0 && convert.stdout.contains("wrote 4 chunks of 2 bands"), "\(convert.stdout)\(convert.stderr)")
        // The band folders are named after the stacked curves (col0, col1), so the stack's arrays compare directly.
        let check = try Self.python([folder.file("written.h5"), folder.file("converted"), "--stacked", folder.file("stacked")])
        #expect(check.status == 0 && check.output.contains("ok"), "\(check.output)")
    }
}
