import DistSwiftTestSupport
import Foundation
import Testing

/// `distswift stack --reduce`: per-chunk cross-correlations of a real `process` run (synth → cross_correlate →
/// write_npy) reduced to one array, checked against numpy/scipy computed from the per-chunk files.
@Suite("distswift stack --reduce (mean, linear, phase-weighted)", .enabled(if: PythonReference.isAvailable, "needs python3 with numpy and scipy"))
struct StackReduceTests {
    @Test("mean, linear and phase_weighted stacks of per-chunk correlations equal numpy/scipy's; lags kept; a gap recorded")
    func reduceCorrelations() throws {
        let folder = try TemporaryFolder()
        let store = folder.file("store")
        let synth = try runProcess(TestPaths.distswiftBinary, ["synth", "--store", store, "--channels", "12",
                                                               "--rate", "1000", "--seconds", "6"])
        #expect(synth.status == 0, "\(synth.stderr)")
        let graph = try folder.write("cc.json", """
            {"command_list": [{"name": "cross_correlate", "uid": 1, "in_uid": 0, "distance": 0, "samples": true},
                              {"name": "write_npy", "uid": 2, "in_uid": 1, "directory_out": "CC"}]}
            """)
        let config = try folder.write("system.json", #"{"in_directory": "\#(store)", "out_directory": "\#(folder.file("results"))", "config": "\#(graph)"}"#)
        let process = try runProcess(TestPaths.distswiftBinary, ["process", config, "--quiet"])
        #expect(process.status == 0, "\(process.stderr)")
        // One chunk missing in the middle: a gap to record, not to fill.
        let cc = folder.file("results/CC")
        let names = try FileManager.default.contentsOfDirectory(atPath: cc).filter { $0.hasSuffix(".npy") && $0 != "measured_depth.npy" }.sorted()
        #expect(names.count == 6)
        try FileManager.default.removeItem(atPath: cc + "/" + names[3])
        for (method, extra) in [("mean", [String]()), ("linear", []), ("phase_weighted", ["--power", "1.5"])] {
            let out = folder.file("reduced-" + method)
            let run = try runProcess(TestPaths.distswiftBinary, ["stack", config, "CC", "--reduce", method, "--output", out] + extra)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stderr.contains("gap: no output between"), "\(run.stderr)")
            let check = try PythonReference.check(#"""
                import sys, glob, json, os, numpy as np, scipy.signal
                cc, out, method = sys.argv[1], sys.argv[2], sys.argv[3]
                files = sorted(f for f in glob.glob(cc + "/*.npy") if not f.endswith("measured_depth.npy"))
                xs = np.stack([np.load(f) for f in files])
                if method == "mean":
                    ref = xs.mean(axis=0)
                elif method == "linear":
                    ref = xs.sum(axis=0)
                else:
                    a = scipy.signal.hilbert(xs, axis=2)
                    phasors = a / np.maximum(np.abs(a), np.finfo(float).eps)
                    ref = xs.mean(axis=0) * np.abs(phasors.mean(axis=0)) ** 1.5
                got = np.load(out + "/stack.npy")
                assert got.shape == ref.shape, (got.shape, ref.shape)
                err = np.max(np.abs(got - ref)) / np.max(np.abs(ref))
                assert err < 1e-9, err
                lag = np.load(out + "/lag.npy")
                assert np.array_equal(lag, np.load(cc + "/lag/" + os.path.basename(files[0])))
                assert np.array_equal(np.load(out + "/measured_depth.npy"), np.load(cc + "/measured_depth.npy"))
                meta = json.load(open(out + "/stack.json"))
                assert meta["chunks"] == 5 and meta["method"] == method and len(meta["gaps"]) == 1, meta
                print("ok", err)
                """#, arguments: [cc, out, method])
            #expect(check.contains("ok"), "\(check)")
        }
    }

    @Test("arrays of other shapes or lags are refused naming the files; an unknown method names the choices")
    func refusals() throws {
        let folder = try TemporaryFolder()
        let cc = folder.file("results/CC")
        try FileManager.default.createDirectory(atPath: cc + "/lag", withIntermediateDirectories: true)
        _ = try PythonReference.check(#"""
            import sys, numpy as np
            d = sys.argv[1]
            np.save(d + "/1000.npy", np.ones((3, 5))); np.save(d + "/lag/1000.npy", np.arange(5.0))
            np.save(d + "/1001.npy", np.ones((3, 5))); np.save(d + "/lag/1001.npy", np.arange(5.0) * 2)
            np.save(d + "/1002.npy", np.ones((3, 4)))
            """#, arguments: [cc])
        let config = try folder.write("system.json", #"{"in_directory": "store", "out_directory": "\#(folder.file("results"))"}"#)
        let bad = try runProcess(TestPaths.distswiftBinary, ["stack", config, "CC", "--reduce", "mean"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("1002.npy is 3 × 4") || bad.stderr.contains("is not the lag axis"), "\(bad.stderr)")
        try FileManager.default.removeItem(atPath: cc + "/1002.npy")
        let lags = try runProcess(TestPaths.distswiftBinary, ["stack", config, "CC", "--reduce", "mean"])
        #expect(lags.status == 1)
        #expect(lags.stderr.contains("lag/1001.npy is not the lag axis of"), "\(lags.stderr)")
        let method = try runProcess(TestPaths.distswiftBinary, ["stack", config, "CC", "--reduce", "median"])
        #expect(method.status == 1)
        #expect(method.stderr.contains("--reduce median is not a stacking method") && method.stderr.contains("phase_weighted"), "\(method.stderr)")
    }
}
