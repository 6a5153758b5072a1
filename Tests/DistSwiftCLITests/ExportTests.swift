import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// `distswift export`: a store ingested from a written PRODML-shaped file is exported to each format, each file is
/// opened by the tool a colleague would use (DASCore for PRODML and DASDAE, segyio and ObsPy for SEG-Y) and compared
/// with its chunk, and the files ingested again give the store back (Tests/reference/export_check.py).
@Suite("Export: store → file → the colleague's tool, and back",
       .enabled(if: PythonReference.hasH5py, "needs python3 with numpy and h5py"))
struct ExportTests {
    static let layouts = TestPaths.packageRoot + "/Tests/reference/layout_files.py"
    static let check = TestPaths.packageRoot + "/Tests/reference/export_check.py"

    /// A store of the written `layout` file (float32, 2 one-second chunks).
    static func store(of layout: String) throws -> TemporaryFolder {
        let folder = try TemporaryFolder("distswift-export-\(layout)")
        try FileManager.default.createDirectory(atPath: folder.file("raw"), withIntermediateDirectories: true)
        let write = try runProcess("/usr/bin/env", ["python3", layouts, "write", layout, folder.file("raw/record.h5")])
        #expect(write.status == 0, "\(write.stderr)")
        let config = try folder.write("system.json", #"{"in_directory": "raw", "out_directory": "store"}"#)
        let ingest = try runProcess(TestPaths.distswiftBinary,
                                    ["ingest", config, "--dtype", "raw", "--quiet", "--chunk-seconds", "1"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        return folder
    }

    @Test("each exported file equals its chunk in the independent tool; ingesting the files gives the store back",
          arguments: StoreExporter.Format.allCases)
    func roundTrip(_ format: StoreExporter.Format) throws {
        let folder = try Self.store(of: "optasense")
        let export = try runProcess(TestPaths.distswiftBinary,
                                    ["export", folder.file("store"), "--to", format.rawValue, "--out", folder.file("out")])
        #expect(export.status == 0 && export.stdout.contains("exported 2 chunks as 2"), "\(export.stderr)")
        let again = try folder.write("again.json", #"{"in_directory": "out", "out_directory": "again"}"#)
        let ingest = try runProcess(TestPaths.distswiftBinary,
                                    ["ingest", again, "--dtype", "raw", "--quiet", "--chunk-seconds", "1"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let out = try runProcess("/usr/bin/env", ["python3", Self.check, format.rawValue, folder.file("out"),
                                                  folder.file("store"), folder.file("again")])
        #expect(out.status == 0 && out.stdout.contains("ok"), "\(out.stderr)")
    }

    @Test("--file-seconds joins gap-free chunks into longer files that xdas reads as one record")
    func joined() throws {
        let folder = try Self.store(of: "optasense")
        let export = try runProcess(TestPaths.distswiftBinary, ["export", folder.file("store"), "--to", "netcdf",
                                                                "--out", folder.file("out"), "--file-seconds", "2"])
        #expect(export.status == 0 && export.stdout.contains("2 chunks as 1 netcdf files"), "\(export.stdout)\(export.stderr)")
        let out = try runProcess("/usr/bin/env", ["python3", Self.check, "netcdf", folder.file("out"),
                                                  folder.file("store")])
        #expect(out.status == 0 && out.stdout.contains("ok"), "\(out.stderr)")
    }

    @Test("a processed output folder (write_npy arrays named by chunk second) exports with its rate from --prf")
    func processedOutputFolder() throws {
        let folder = try TemporaryFolder("distswift-export-outputs")
        let made = try PythonReference.run("""
            import numpy as np, sys
            for k in range(2):
                np.save(f"{sys.argv[1]}/{1709618828 + k}.npy", (np.arange(24 * 100) + k).astype(np.float32).reshape(24, 100))
            """, arguments: [folder.path])
        #expect(made.status == 0, "\(made.stderr)")
        let export = try runProcess(TestPaths.distswiftBinary, ["export", folder.path, "--prf", "100", "--to", "netcdf",
                                                                "--out", folder.file("out")])
        #expect(export.status == 0, "\(export.stderr)")
        let check = try PythonReference.run("""
            import numpy as np, sys, xdas as xd
            da = xd.open_dataarray(sys.argv[1] + "/out/1709618829.nc").transpose("distance", "time")
            assert np.array_equal(da.values, np.load(sys.argv[1] + "/1709618829.npy")), "data"
            t = da["time"].values.astype("datetime64[ns]").astype(np.int64)
            assert t[0] == 1709618829 * 10**9 and t[1] - t[0] == 10**7, t[:2]
            print("ok")
            """, arguments: [folder.path])
        #expect(check.status == 0 && check.stdout.contains("ok"), "\(check.stderr)")
    }

    @Test("positions PRODML cannot hold are refused with why, and nothing is left under the file's name")
    func prodmlRefusesOffGridPositions() throws {
        let folder = try Self.store(of: "neubrex")  // first channel 150 m, spacing 1.021 m: not a whole locus
        let export = try runProcess(TestPaths.distswiftBinary,
                                    ["export", folder.file("store"), "--to", "prodml", "--out", folder.file("out")])
        #expect(export.status == 1 && export.stderr.contains("StartLocusIndex"), "\(export.stderr)")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: folder.file("out"))) ?? []
        #expect(left.isEmpty, "\(left)")
    }
}
