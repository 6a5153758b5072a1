import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// Every HDF5 sample file in ../shared/data/das ingested through the CLI and checked against the oracle reads
/// (reference-reads.json) by Tests/reference/ingest_oracle.py: data sha256 in the native dtype, first/last/step of
/// time and distance. Where DASCore is wrong the script states why and checks the file's own metadata instead.
@Suite("Ingest: every vendor layout (HDF5, TDMS) against the oracle",
       .enabled(if: TestPaths.sharedData != nil, "needs the sample data in ../shared/data"),
       .enabled(if: PythonReference.hasH5py, "needs python3 with numpy and h5py"))
struct VendorIngestTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let file: String
        let format: String
        var chunkSeconds = "1"
        var layout: String?
        var testDescription: String { file }
    }

    static let cases: [Case] = [
        Case(file: "prodml_2.0.h5", format: "PRODML 2.0"),
        Case(file: "ap_sensing_1.hdf5", format: "AP Sensing"),
        Case(file: "silixa_h5_1.hdf5", format: "Silixa iDAS HDF5"),
        Case(file: "terra15_v5_test_file.hdf5", format: "Terra15 Treble v5"),
        Case(file: "decimated_optodas.hdf5", format: "ASN OptoDAS v8"),
        Case(file: "valencia_febus_example.h5", format: "Febus A1"),
        Case(file: "h5_simple_1.h5", format: "H5Simple"),
        Case(file: "h5_simple_2.h5", format: "H5Simple"),
        Case(file: "deformation_rate_event_1.hdf5", format: "DASDAE v1"),
        // NI TDMS, not HDF5. The file is the start of a longer recording: its one segment declares 30000 samples and
        // holds 216, which the format records; the oracle script checks time and distance against the file itself.
        Case(file: "sample_tdms_file_v4713.tdms", format: "Silixa iDAS TDMS; incomplete last segment: 216 of the "
            + "30000 samples its lead-in declares are in the file"),
        // FBE band energies are processed data, not a raw record: no built-in reader takes them, and the system
        // config's hdf5_layout describes band 0 (the PRODML FBE rate is 0.195 Hz, hence long chunks).
        Case(file: "prodml_fbe_1.h5", format: "HDF5 (hdf5_layout)", chunkSeconds: "512", layout: """
            {"data": "/Acquisition/Processed/Fbe[0]/FbeData[0]", "axes": ["time", "distance"],
             "time": {"dataset": "/Acquisition/Processed/Fbe[0]/FbeDataTime", "unit": "us"},
             "distance": {"start_m": "/Acquisition/Processed/Fbe[0]@StartLocusIndex",
                          "spacing_m": "/Acquisition@SpatialSamplingInterval"},
             "units": "rad2/Hz", "gauge_length_m": "/Acquisition@GaugeLength"}
            """),
    ]

    @Test("ingested data and coordinates equal the oracle", arguments: cases)
    func matchesOracle(_ c: Case) throws {
        let folder = try TemporaryFolder()
        let input = folder.file("in/p/raw")
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        let source = TestPaths.sharedData! + "/das/" + c.file
        try FileManager.default.copyItem(atPath: source, toPath: input + "/" + c.file)
        let config = try folder.write("system.json", """
            {"in_drive": "in", "out_drive": "out", "project": "p", "data": "raw", "results": "store"
             \(c.layout.map { ", \"hdf5_layout\": \($0)" } ?? "")}
            """)
        let result = try runProcess(TestPaths.distswiftBinary,
                                    ["ingest", config, "--dtype", "raw", "--quiet", "--chunk-seconds", c.chunkSeconds])
        #expect(result.status == 0, "\(result.stderr)")
        let store = folder.file("out/p/store")
        let manifest = try ChunkStore.open(LocalStorage(root: store)).manifest
        #expect(manifest?.sources.first?.format == c.format)
        let out = try PythonReference.check(
            try String(contentsOfFile: TestPaths.packageRoot + "/Tests/reference/ingest_oracle.py", encoding: .utf8),
            arguments: [store, TestPaths.sharedData! + "/das/reference-reads.json", c.file, source])
        #expect(out.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
    }

    @Test("a Febus file whose data set is a power spectral density in dB is refused, never read as a time series")
    func febusPSDRefused() throws {
        let folder = try TemporaryFolder("distswift-febus-psd")
        let psd = folder.file("raw/psd.h5")
        try FileManager.default.createDirectory(atPath: folder.file("raw"), withIntermediateDirectories: true)
        _ = try PythonReference.check("""
            import h5py, shutil, sys
            shutil.copy(sys.argv[1], sys.argv[2])
            with h5py.File(sys.argv[2], "a") as f:
                f.move("fa1-20050027/Source1/Zone1/SR_Valencia", "fa1-20050027/Source1/Zone1/PSD [dB re 1 (nm m-1)^2 Hz-1]")
            print("ok")
            """, arguments: [TestPaths.sharedData! + "/das/valencia_febus_example.h5", psd])
        let info = try runProcess(TestPaths.distswiftBinary, ["info", psd])
        #expect(info.status == 1)
        #expect(info.stderr.contains("holds a power spectral density") && info.stderr.contains("not strain or strain-rate"),
                "\(info.stderr)")
        let config = try folder.write("system.json", #"{"in_directory": "raw", "out_directory": "store"}"#)
        let ingest = try runProcess(TestPaths.distswiftBinary, ["ingest", config, "--workers", "1"])
        #expect(ingest.status == 1 && ingest.stderr.contains("power spectral density"), "\(ingest.stderr)")
        let manifest = (try? String(contentsOfFile: folder.file("store/store.json"), encoding: .utf8)) ?? ""
        #expect(!manifest.contains("psd.h5"), "nothing of the PSD file in the store")
    }

    /// The real Febus file with a second zone added by h5py (the first zone copied: its data × −2 + 1, its own
    /// Origin/Extent), as a Febus A1 records several fibre sections.
    static let febusTwoZones = """
        import h5py, shutil, sys
        shutil.copyfile(sys.argv[1], sys.argv[2])  # not its read-only mode
        with h5py.File(sys.argv[2], "a") as f:
            source = f["fa1-20050027/Source1"]
            source.copy("Zone1", "Zone2")
            zone = source["Zone2"]
            data = zone["SR_Valencia"][...]
            del zone["SR_Valencia"]
            zone.create_dataset("SR_Valencia", data=(data * -2 + 1).astype(data.dtype))
            zone.attrs["Origin"] = [500.0, 0.0, 0.0]
            zone.attrs["Extent"] = [10.0, 2976.0, 0.0, 999.0, 0.0, 0.0]
        print("ok")
        """

    /// An h5py read of one zone per the Febus layout (notes §7): the blocks joined (this recording's blocks do not
    /// overlap: 250 rows × 4 ms = the 1 s stamp spacing), time from the block stamps + Origin[1] ms at 4 ms,
    /// positions Origin[0] + (Extent[0] + i) × Spacing[0]; compared with the store exactly / to 1 ns / to 1 mm.
    static let febusZoneCheck = """
        import h5py, json, sys
        import numpy as np
        path, zone, store = sys.argv[1:4]
        z = h5py.File(path, "r")["fa1-20050027/Source1/" + zone]
        blocks = z["SR_Valencia"][...]
        expected = blocks.reshape(-1, blocks.shape[2])
        stamps = h5py.File(path, "r")["fa1-20050027/Source1/time"][...].ravel()
        manifest = json.load(open(store + "/store.json"))
        ours = np.concatenate([np.load(store + "/" + c["file"]) for c in manifest["chunks"]], axis=1).T
        assert ours.dtype == expected.dtype and np.array_equal(ours, expected), "data differ"
        # The stamp as the shortest decimal that round-trips (Python's repr; notes §15.4), in exact ns: a float64
        # product would be 256 ns coarse at 1.6e18 ns.
        from decimal import Decimal
        start = int((Decimal(repr(float(stamps[0]))) * 10**9 + Decimal(float(z.attrs["Origin"][1])) * 10**6).to_integral_value())
        assert abs(manifest["start_time_ns"] - start) <= 1, (manifest["start_time_ns"], start)
        assert abs(manifest["sampling_rate_hz"] - 250.0) < 1e-9, manifest["sampling_rate_hz"]
        x = np.load(store + "/measured_depth.npy").ravel()
        spacing = z.attrs["Spacing"][0]
        assert np.max(np.abs(x - (z.attrs["Origin"][0] + (z.attrs["Extent"][0] + np.arange(blocks.shape[2])) * spacing))) < 1e-3
        print("ok")
        """

    @Test("a Febus file with two zones is refused without --select (listing the zones); --select Zone2 ingests that zone")
    func febusZonesSelectable() throws {
        let folder = try TemporaryFolder("distswift-febus-zones")
        let file = folder.file("raw/two-zones.h5")
        try FileManager.default.createDirectory(atPath: folder.file("raw"), withIntermediateDirectories: true)
        _ = try PythonReference.check(Self.febusTwoZones,
                                      arguments: [TestPaths.sharedData! + "/das/valencia_febus_example.h5", file])
        let info = try runProcess(TestPaths.distswiftBinary, ["info", file])
        #expect(info.status == 0 && info.stdout.contains("Zone1") && info.stdout.contains("Zone2"), "\(info.stdout)")
        let wrong = try runProcess(TestPaths.distswiftBinary, ["info", file, "--select", "Zone3"])
        #expect(wrong.status == 1 && wrong.stderr.contains("Zone1, Zone2") && wrong.stderr.contains("names none of them"),
                "\(wrong.stderr)")
        let config = try folder.write("system.json", #"{"in_directory": "raw", "out_directory": "store"}"#)
        let refused = try runProcess(TestPaths.distswiftBinary, ["ingest", config, "--workers", "1", "--quiet"])
        #expect(refused.status != 0 && refused.stderr.contains("Zone1") && refused.stderr.contains("Zone2")
                && refused.stderr.contains("--select"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.file("store/store.json")), "nothing stored")
        let ingest = try runProcess(TestPaths.distswiftBinary, ["ingest", config, "--dtype", "raw", "--quiet",
                                                                 "--chunk-seconds", "1", "--select", "Zone2"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let check = try PythonReference.check(Self.febusZoneCheck, arguments: [file, "Zone2", folder.file("store")])
        #expect(check.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
    }
}
