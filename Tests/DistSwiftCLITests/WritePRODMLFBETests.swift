import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

@Suite("write_prodml_fbe: per-chunk PRODML FBE files", .enabled(if: PythonReference.hasH5py, "needs python3 with h5py"))
struct WritePRODMLFBETests {
    @Test("each chunk's band energies become a PRODML FBE file that h5py reads with the layout, band edges and values")
    func perChunkFiles() throws {
        let folder = try TemporaryFolder()
        #expect(try runProcess(TestPaths.distswiftBinary, ["synth", "--store", folder.file("store"), "--channels", "24",
                                                           "--spacing", "2", "--rate", "4000", "--seconds", "2"]).status == 0)
        _ = try folder.write("graph.json", #"""
            {"command_list": [
              {"name": "fft", "uid": 1, "in_uid": 0},
              {"name": "multiple_calcs", "uid": 2, "in_uid": 1, "func": "te_from_fft", "low_freq": [200, 600], "high_freq": [600, -1]},
              {"name": "write_prodml_fbe", "uid": 3, "in_uid": 2, "directory_out": "fbe", "low_freq": [200, 600], "high_freq": [600, -1], "units": "(nm/m/s)^2·s"},
              {"name": "write_npy", "uid": 4, "in_uid": 2, "directory_out": "npy"}
            ]}
            """#)
        let config = try folder.write("system.json", #"{"in_directory": "store", "out_directory": "results", "config": "graph.json"}"#)
        let run = try runProcess(TestPaths.distswiftBinary, ["process", config, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let out = try PythonReference.check("""
            import sys, h5py, numpy as np
            root = sys.argv[1]
            text = lambda v: v.decode() if isinstance(v, bytes) else str(v)
            for chunk, start_us in [("1704067200", 1704067200000000), ("1704067201", 1704067201000000)]:
                f = h5py.File(f"{root}/fbe/{chunk}.h5", "r")
                a = f["Acquisition"].attrs
                assert text(a["schemaVersion"]) == "2.0" and int(a["NumberOfLoci"]) == 24
                assert float(a["SpatialSamplingInterval"]) == 2.0 and int(a["StartLocusIndex"]) == 0
                g = f["Acquisition/Processed/Fbe[0]"]
                assert list(g["FbeDataTime"][...]) == [start_us]
                expected = np.load(f"{root}/npy/{chunk}.npy")
                for m, (lo, hi) in enumerate([(200, 600), (600, 2000)]):
                    d = g[f"FbeData[{m}]"]
                    assert d.shape == (1, 24) and d.dtype == np.float32
                    assert [text(x) for x in d.attrs["Dimensions"]] == ["time", "locus"]
                    assert float(d.attrs["StartFrequency"]) == lo and float(d.attrs["EndFrequency"]) == hi
                    assert np.array_equal(d[0, :], expected[:, m].astype(np.float32))
                assert text(g.attrs["FbeDataUnit"]) == "(nm/m/s)^2·s"
            print("ok")
            """, arguments: [folder.file("results")])
        #expect(out.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
    }
}
