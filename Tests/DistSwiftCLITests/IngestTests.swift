import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// `distswift ingest` and `distswift info` on real instrument files, checked against the oracle in
/// ../shared/data/das/reference-reads.json (DASCore's and xdas's reads of each file).
@Suite("Ingest (PRODML)", .enabled(if: TestPaths.sharedData != nil, "needs the sample data in ../shared/data"))
struct IngestTests {
    private func sample(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: TestPaths.sharedData! + "/das/" + name))
    }

    @Test("PRODML 2.0 ingested raw equals the oracle: shape, sha256 of the int16 data, coordinates",
          .enabled(if: PythonReference.isAvailable, "needs python3 with numpy"))
    func prodmlMatchesOracle() throws {
        let folder = try TemporaryFolder()
        let config = try folder.project(files: ["prodml_2.0.h5": try sample("prodml_2.0.h5")])
        let result = try distswift("ingest", config, "--dtype", "raw")
        #expect(result.status == 0, "\(result.stderr)")
        let store = folder.file("work/well/store")
        // Rebuild the time × distance array from the chunks with numpy and compare with the oracle's sha256.
        let out = try PythonReference.check("""
            import sys, json, hashlib, numpy as np
            store, oracle = sys.argv[1], json.load(open(sys.argv[2]))['prodml_2.0.h5']
            m = json.load(open(store + '/store.json'))
            chunks = [np.load(store + '/' + c['file']) for c in m['chunks']]
            data = np.concatenate(chunks, axis=1).T          # channels × samples → time × distance
            assert data.dtype == np.int16 and list(data.shape) == oracle['dascore_data']['shape'], data.shape
            assert hashlib.sha256(np.ascontiguousarray(data).tobytes()).hexdigest() == oracle['dascore_data']['sha256_native_C_order']
            x = np.load(store + '/measured_depth.npy'); d = oracle['dascore_coords']['distance']
            assert abs(x[0] - d['first']) < 1e-9 and abs(x[-1] - d['last']) < 1e-9 and len(x) == d['len']
            assert m['sampling_rate_hz'] == 200 and m['start_time_ns'] == 0
            assert [c['samples'] for c in m['chunks']] == [200] * 12 + [100] and m['chunks'][-1]['partial']
            assert m['gauge_length_m'] == 10 and m['sources'][0]['format'] == 'PRODML 2.0'
            print('ok')
            """, arguments: [store, TestPaths.sharedData! + "/das/reference-reads.json"])
        #expect(out.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
    }

    @Test("float32 chunks hold the same values as the raw int16 ones")
    func float32EqualsRaw() throws {
        let folder = try TemporaryFolder()
        let config = try folder.project(files: ["a.h5": try sample("prodml_2.0.h5")])
        #expect(try distswift("ingest", config, "--dtype", "raw", "--quiet").status == 0)
        let rawStore = try ChunkStore.open(LocalStorage(root: folder.file("work/well/store")))
        let raw = try rawStore.read(rawStore.chunks[3], as: Int16.self)
        #expect(try distswift("ingest", config, "--force", "--quiet").status == 0)
        let store = try ChunkStore.open(LocalStorage(root: folder.file("work/well/store")))
        #expect(store.dtype == .float32)
        #expect(try store.read(store.chunks[3], as: Float.self).values == raw.values.map(Float.init))
    }

    @Test("a folder of good and bad files: good ones ingested, each bad one named, exit status 1")
    func mixedGoodAndBadFiles() throws {
        let folder = try TemporaryFolder()
        let good = try sample("prodml_2.0.h5")
        let config = try folder.project(files: [
            "good.h5": good,
            "truncated.h5": good.prefix(good.count / 3),
            "notes.txt": Data("field notes".utf8),
            "fbe.h5": try sample("prodml_fbe_1.h5"),
        ])
        let result = try distswift("ingest", config)
        #expect(result.status == 1)
        #expect(result.stderr.contains("truncated.h5"))
        #expect(result.stderr.contains("notes.txt"))
        // A processed FBE file is named as such and pointed to `distswift fbe` (PRODMLFBEConversionTests).
        #expect(result.stderr.contains("fbe.h5") && result.stderr.contains("PRODML processed FBE: 5 bands"))
        #expect(result.stderr.contains("3 of 4 files failed"))
        #expect(!result.stderr.contains("Fatal error"))
        let store = try ChunkStore.open(LocalStorage(root: folder.file("work/well/store")))
        #expect(store.chunks.count == 13)
        #expect(store.manifest?.sources.map(\.path) == ["good.h5"])
    }

    @Test("records starting within one UTC second (sub-second files) are refused as such, not as overlapping")
    func subSecondFiles() throws {
        let folder = try TemporaryFolder()
        let config = try folder.project(files: [:])
        let synth = try distswift("synth", "--segy", folder.file("archive/well/raw"), "--files", "3", "--channels", "4",
                                  "--rate", "1000", "--seconds", "2")
        #expect(synth.status == 0, "\(synth.stderr)")
        let result = try distswift("ingest", config)
        #expect(result.status == 1)
        #expect(result.stderr.contains("do not overlap but start within the same UTC second"), "\(result.stderr)")
        #expect(result.stderr.contains("synth_20240101_000000_667.sgy") && result.stderr.contains("join sub-second"))
        #expect(!result.stderr.contains("the sources overlap in time"))
    }

    @Test("a rerun skips files already ingested; --force redoes them")
    func rerunSkips() throws {
        let folder = try TemporaryFolder()
        let config = try folder.project(files: ["a.h5": try sample("prodml_2.0.h5")])
        #expect(try distswift("ingest", config).status == 0)
        let again = try distswift("ingest", config)
        #expect(again.status == 0 && again.stdout.contains("skipped a.h5"))
        let forced = try distswift("ingest", config, "--force")
        #expect(forced.status == 0 && forced.stdout.contains("ingested a.h5: 13 chunks"))
    }

    @Test("info describes a PRODML file; an unknown layout lists what the file contains and how to describe it",
          .enabled(if: PythonReference.hasH5py, "needs python3 with h5py"))
    func info() throws {
        let ok = try distswift("info", TestPaths.sharedData! + "/das/prodml_2.0.h5")
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("PRODML 2.0") && ok.stdout.contains("200.0 Hz") && ok.stdout.contains("int16"))
        // prodml_fbe_1.h5 is recognised as a processed product now; with its groups renamed nothing recognises it.
        let folder = try TemporaryFolder()
        let file = folder.file("unknown.h5")
        _ = try PythonReference.check("""
            import shutil, sys, h5py
            shutil.copyfile(sys.argv[1], sys.argv[2])
            with h5py.File(sys.argv[2], "r+") as f:
                f.move("Acquisition", "Survey")
                f.move("Survey/Processed", "Survey/Bands")
            """, arguments: [TestPaths.sharedData! + "/das/prodml_fbe_1.h5", file])
        let unknown = try distswift("info", file)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("/Survey/Bands/Fbe[0]/FbeData[4]  [453, 301]  float32"))
        // The suggested hdf5_layout pairs the data with the time vector of matching length, its unit guessed (µs).
        #expect(unknown.stderr.contains(#""data": "/Survey/Bands/Fbe[0]/FbeData[0]", "axes": "time,distance""#))
        #expect(unknown.stderr.contains(#""time": {"dataset": "/Survey/Bands/Fbe[0]/FbeDataTime", "unit": "us"}"#))
    }
}
