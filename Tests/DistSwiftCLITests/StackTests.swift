import DistSwiftTestSupport
import Foundation
import Testing

/// `distswift stack`: a real `synth` → `process` (distpy's noise-log graph, write_witsml) → `stack` run, checked
/// against the `.fbe` files read independently with Python's xml.etree and numpy, and the PRODML FBE file with h5py.
@Suite("distswift stack (FBE re-ingest)", .enabled(if: PythonReference.isAvailable, "needs python3 with numpy"))
struct StackTests {
    /// synth (24 channels, 4 kHz, `seconds` 1-s chunks) → process with `graph` → the folder and the system config.
    private func processed(seconds: Int, graph: String = TestPaths.packageRoot + "/configs/strainrate2noiselog.json",
                           in folder: TemporaryFolder) throws -> (config: String, results: String) {
        let store = folder.file("store")
        let synth = try runProcess(TestPaths.distswiftBinary, ["synth", "--store", store, "--channels", "24",
                                                               "--rate", "4000", "--seconds", "\(seconds)"])
        #expect(synth.status == 0, "\(synth.stderr)")
        let config = try folder.write("system.json", """
            {"in_directory": "\(store)", "out_directory": "\(folder.file("results"))", "BOX_SIZE": 8,
             "config": "\(graph)"}
            """)
        let process = try runProcess(TestPaths.distswiftBinary, ["process", config, "--quiet"])
        #expect(process.status == 0, "\(process.stderr)")
        return (config, folder.file("results"))
    }

    /// Reads every .fbe of a folder with xml.etree (numeric name order), and checks the stacked layout and, when
    /// given, the PRODML file against them. Prints "ok N" with the number of files.
    static let fbeOracle = #"""
        import sys, os, glob, numpy as np, xml.etree.ElementTree as ET
        fbe_dir, stacked, prodml = sys.argv[1], sys.argv[2], sys.argv[3]
        ns = {"w": "http://www.witsml.org/schemas/131"}
        files = sorted(glob.glob(os.path.join(fbe_dir, "*.fbe")), key=lambda p: int(os.path.basename(p)[:-4]))
        times, cols, depth, mnemonics, descr = [], [], None, None, None
        for f in files:
            log = ET.parse(f).getroot().find(".//w:wellLog", ns)
            info = log.findall("w:logCurveInfo", ns)
            mn = [i.find("w:mnemonic", ns).text for i in info]
            ds = [i.find("w:curveDescription", ns).text for i in info]
            rows = np.array([[float(v) for v in d.text.split(",")] for d in log.find("w:logData", ns)])
            assert mn[0] == "DEPTH"
            depth = rows[:, 0] if depth is None else depth
            mnemonics, descr = mn[1:], ds[1:]
            cols.append(rows[:, 1:])
            times.append(float(os.path.basename(f)[:-4]))
        times = np.array(times)
        d = np.sort(np.diff(times)); step = d[(len(d) - 1) // 2]  # the lower median, as distswift
        # one column per output, gaps recorded (time.npy and gaps.json), never filled
        full_t = times; data = np.stack(cols, axis=2)  # channels x curves x columns
        for k, m in enumerate(mnemonics):
            arrays = [p for p in glob.glob(os.path.join(stacked, m, "*.npy"))
                      if os.path.basename(p) not in ("time.npy", "measured_depth.npy")]
            assert [os.path.basename(p) for p in arrays] == ["%d.npy" % int(times[0])], arrays
            a = np.load(arrays[0])
            assert a.dtype == np.float64 and a.shape == (len(depth), len(full_t)), (a.shape, len(full_t))
            assert np.array_equal(a, data[:, k, :], equal_nan=True), m
            t = np.load(os.path.join(stacked, m, "time.npy"))
            assert t.dtype == np.float64 and np.array_equal(t, full_t), (t, full_t)
            assert np.array_equal(np.load(os.path.join(stacked, m, "measured_depth.npy")), depth)
        if prodml != "-":
            import h5py
            f = h5py.File(prodml, "r")
            acq = f["Acquisition"]
            assert acq.attrs["schemaVersion"] in (b"2.0", "2.0")
            spacing = (depth[-1] - depth[0]) / (len(depth) - 1)
            assert np.isclose(acq.attrs["SpatialSamplingInterval"], spacing)
            assert int(acq.attrs["NumberOfLoci"]) == len(depth)
            assert int(acq.attrs["StartLocusIndex"]) == int(round(depth[0] / spacing))
            assert len(f.attrs["uuid"]) == 36 and len(acq.attrs["uuid"]) == 36
            fbe = f["Acquisition/Processed/Fbe[0]"]
            assert int(fbe.attrs["NumberOfLoci"]) == len(depth) and len(fbe.attrs["uuid"]) == 36
            assert np.isclose(fbe.attrs["OutputDataRate"], 1 / step)
            assert fbe["FbeDataTime"].dtype == np.int64
            assert np.array_equal(fbe["FbeDataTime"][:], (full_t * 1e6).astype(np.int64))
            assert sorted(k for k in fbe.keys() if k.startswith("FbeData[")) == \
                ["FbeData[%d]" % m for m in range(len(mnemonics))]
            for k, m in enumerate(mnemonics):
                d = fbe["FbeData[%d]" % k]
                assert d.dtype == np.float32 and d.shape == (len(full_t), len(depth))
                assert [x.decode() if isinstance(x, bytes) else x for x in d.attrs["Dimensions"]] == ["time", "locus"]
                assert np.array_equal(d[:], data[:, k, :].T.astype(np.float32), equal_nan=True), m
                prf = float(descr[k].split("prf=")[1].rstrip(")"))
                lo = 0.0 if m == "band_0-nyquist" else float(m.split("_")[2].split("-")[0])
                assert d.attrs["StartFrequency"] == lo and d.attrs["EndFrequency"] == prf / 2, (m, dict(d.attrs))
                assert int(d.attrs["Count"]) == d.size and int(d.attrs["StartIndex"]) == 0
                assert fbe["Custom"].attrs["FbeData[%d].Mnemonic" % k] in (m, m.encode())
        print("ok", len(files), len(full_t))
        """#

    @Test("the noise log's .fbe files stack in time order, every file kept, times = chunk starts; PRODML FBE = stack",
          .enabled(if: PythonReference.hasH5py, "needs h5py"))
    func noiseLog() throws {
        let folder = try TemporaryFolder()
        let (config, results) = try processed(seconds: 4, in: folder)
        let prodml = folder.file("run.h5")
        let stack = try runProcess(TestPaths.distswiftBinary, ["stack", config, "NoiseLog", "--prodml", prodml])
        #expect(stack.status == 0, "\(stack.stderr)")
        #expect(!stack.stderr.contains("gap"), "\(stack.stderr)")
        let out = try PythonReference.check(Self.fbeOracle,
                                            arguments: [results + "/NoiseLog", results + "/NoiseLog_stacked", prodml])
        #expect(out.trimmingCharacters(in: .whitespacesAndNewlines) == "ok 4 4")  // no dropped last file
        // The four curves of distpy's noise log, mapped by mnemonic.
        let curves = Set(try FileManager.default.contentsOfDirectory(atPath: results + "/NoiseLog_stacked"))
        #expect(curves == ["band_0-nyquist", "band_01_200--1", "band_02_600--1", "band_03_1000--1", "gaps.json"])
        // distswift names the file as what it is (processed band energies, not a raw record; `distswift fbe` reads it).
        let info = try runProcess(TestPaths.distswiftBinary, ["info", prodml])
        #expect(info.status == 0 && info.stdout.contains("PRODML processed FBE: 4 bands"), "\(info.stdout)\(info.stderr)")
    }

    @Test("a missing chunk in the middle is reported with both times and recorded in time.npy and gaps.json, not filled")
    func gap() throws {
        let folder = try TemporaryFolder()
        let (config, results) = try processed(seconds: 5, in: folder)
        try FileManager.default.removeItem(atPath: results + "/NoiseLog/1704067202.fbe")
        let output = folder.file("stacked")
        let stack = try runProcess(TestPaths.distswiftBinary, ["stack", config, "NoiseLog", "--output", output])
        #expect(stack.status == 0, "\(stack.stderr)")
        #expect(stack.stderr.contains("gap: no output between 2024-01-01T00:00:01Z (1704067201.fbe) and "
                                      + "2024-01-01T00:00:03Z (1704067203.fbe); about 1 chunk missing"), "\(stack.stderr)")
        let out = try PythonReference.check(Self.fbeOracle, arguments: [results + "/NoiseLog", output, "-"])
        #expect(out.trimmingCharacters(in: .whitespacesAndNewlines) == "ok 4 4")
        let gaps = try String(contentsOfFile: output + "/gaps.json", encoding: .utf8)
        #expect(gaps.contains(#""before": "1704067201.fbe", "after": "1704067203.fbe""#) && gaps.contains(#""missing_steps": 1"#), "\(gaps)")
    }

    @Test("write_npy outputs stack too: one column per chunk named after the folder, numeric time order")
    func npyFolder() throws {
        let folder = try TemporaryFolder()
        let graph = try folder.write("rms.json", """
            {"document": 0, "name": "rms", "description": "whole-band rms",
             "command_list": [{"name": "fft", "uid": 1, "in_uid": 0},
                              {"name": "rms_from_fft", "uid": 2, "in_uid": 1, "low_freq": 0, "high_freq": -1},
                              {"name": "write_npy", "uid": 3, "in_uid": 2, "directory_out": "RMS"}]}
            """)
        let (config, results) = try processed(seconds: 3, graph: graph, in: folder)
        let stack = try runProcess(TestPaths.distswiftBinary, ["stack", config, "RMS"])
        #expect(stack.status == 0, "\(stack.stderr)")
        _ = try PythonReference.check(#"""
            import sys, numpy as np
            src, out = sys.argv[1], sys.argv[2]
            names = [1704067200, 1704067201, 1704067202]
            expected = np.concatenate([np.load("%s/%d.npy" % (src, n)).reshape(-1, 1) for n in names], axis=1)
            a = np.load(out + "/RMS/1704067200.npy")
            assert np.array_equal(a, expected), (a.shape, expected.shape)
            assert np.array_equal(np.load(out + "/RMS/time.npy"), np.array(names, dtype=float))
            assert np.array_equal(np.load(out + "/RMS/measured_depth.npy"), np.load(src + "/measured_depth.npy"))
            """#, arguments: [results + "/RMS", results + "/RMS_stacked"])

        // Names that sort differently as text and as times; k = 2 columns → curves col0, col1.
        let manual = folder.file("results/Manual")
        try FileManager.default.createDirectory(atPath: manual, withIntermediateDirectories: true)
        _ = try PythonReference.check(#"""
            import sys, numpy as np
            d = sys.argv[1]
            for i, n in enumerate([999999998, 999999999, 1000000000]):
                np.save("%s/%d.npy" % (d, n), np.arange(6.0).reshape(3, 2) + 10 * i)
            """#, arguments: [manual])
        let manualStack = try runProcess(TestPaths.distswiftBinary, ["stack", config, "Manual"])
        #expect(manualStack.status == 0, "\(manualStack.stderr)")
        _ = try PythonReference.check(#"""
            import sys, numpy as np
            out = sys.argv[1]
            for c in (0, 1):
                a = np.load(out + "/col%d/999999998.npy" % c)
                assert np.array_equal(a, np.array([[2 * r + c + 10 * i for i in range(3)] for r in range(3)])), a
                assert np.array_equal(np.load(out + "/col%d/time.npy" % c), [999999998.0, 999999999.0, 1e9])
                assert np.array_equal(np.load(out + "/col%d/measured_depth.npy" % c), [0.0, 1.0, 2.0])
            """#, arguments: [folder.file("results/Manual_stacked")])
    }

    @Test("a corrupt .fbe and files with other depths are refused, naming the files")
    func refusals() throws {
        let folder = try TemporaryFolder()
        let (config, results) = try processed(seconds: 3, in: folder)
        let logs = results + "/NoiseLog"
        let original = try String(contentsOfFile: logs + "/1704067201.fbe", encoding: .utf8)
        // A file whose rows disagree with the first file's depths.
        let shifted = original.replacingOccurrences(of: "<data id=\"1\">0.0, ", with: "<data id=\"1\">0.5, ")
        #expect(shifted != original)
        try shifted.write(toFile: logs + "/1704067201.fbe", atomically: false, encoding: .utf8)
        let depths = try runProcess(TestPaths.distswiftBinary, ["stack", config, "NoiseLog"])
        #expect(depths.status == 1)
        #expect(depths.stderr.contains("1704067201.fbe") && depths.stderr.contains("1704067200.fbe")
                && depths.stderr.contains("different depths"), "\(depths.stderr)")
        // A truncated file.
        try String(original.prefix(original.count / 2)).write(toFile: logs + "/1704067201.fbe", atomically: false,
                                                               encoding: .utf8)
        let corrupt = try runProcess(TestPaths.distswiftBinary, ["stack", config, "NoiseLog"])
        #expect(corrupt.status == 1)
        #expect(corrupt.stderr.contains(logs + "/1704067201.fbe is not well-formed XML"), "\(corrupt.stderr)")
        #expect(!corrupt.stderr.contains("Fatal error"))
    }
}
