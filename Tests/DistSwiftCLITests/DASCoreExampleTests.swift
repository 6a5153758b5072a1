import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// examples/dascore-conditioning-graph.json run by `distswift process` on a real record, against DASCore 0.1.24
/// doing the same steps on the same file: pass_filter and decimate over the whole record (continuous across
/// chunks), then detrend and taper of every 1-s chunk (per chunk, as distswift defines them).
@Suite("The DASCore conditioning example on a real record",
       .enabled(if: TestPaths.sharedData != nil && PythonReference.isAvailable
                    && (try? PythonReference.run("import dascore"))?.status == 0,
                "needs ../shared/data and python3 with dascore 0.1.24"))
struct DASCoreExampleTests {
    /// Ingests `record` of ../shared/data/das and processes it with examples/`graph` into `results`.
    static func run(_ graph: String, on record: String) throws -> (TemporaryFolder, String) {
        let folder = try TemporaryFolder("dascore-example")
        let path = TestPaths.sharedData! + "/das/" + record
        let config = try folder.project(files: [record: try Data(contentsOf: URL(fileURLWithPath: path))])
        #expect(try distswift("ingest", config, "--quiet").status == 0)
        let graphPath = TestPaths.packageRoot + "/examples/" + graph
        let process = try folder.write("process.json", #"{"in_directory": "work/well/store", "out_directory": "results", "config": "\#(graphPath)"}"#)
        let run = try distswift("process", process, "--quiet", "--fft-planning", "estimate")
        #expect(run.status == 0, "\(run.stderr)")
        return (folder, path)
    }

    @Test("ingest prodml_2.0.h5, process the example graph: DASCore's chain to 1e-9, a 50 Hz time.npy")
    func conditioningChain() throws {
        let (folder, record) = try Self.run("dascore-conditioning-graph.json", on: "prodml_2.0.h5")
        let out = try PythonReference.check("""
            import sys, glob, json, numpy as np, dascore as dc
            record, results, store = sys.argv[1:4]
            chunks = json.load(open(store + '/store.json'))['chunks']
            patch = dc.spool(record)[0].transpose('distance', 'time')
            patch = patch.new(data=patch.data.astype(np.float64))
            # Continuous: DASCore's pass_filter and decimate over the whole record.
            filtered = patch.pass_filter(time=(1, 40), corners=4).decimate(time=4)
            # Per chunk: DASCore's detrend and taper on each chunk's (decimated) samples.
            pieces, start = [], 0
            for c in chunks:
                piece = filtered.select(time=(start, start + c['samples'] // 4), samples=True)
                pieces.append(piece.detrend('time', type='linear').taper(time=0.05).data)
                start += c['samples'] // 4
            ref = filtered.new(data=np.concatenate(pieces, axis=1))
            files = [f for f in glob.glob(results + '/conditioned/*.npy') if not f.endswith('measured_depth.npy')]
            files.sort(key=lambda f: int(f.split('/')[-1][:-4]))
            ours = np.concatenate([np.load(f) for f in files], axis=1)
            times = np.concatenate([np.load(results + '/conditioned/time/' + f.split('/')[-1]) for f in files])
            assert ours.shape == ref.data.shape, (ours.shape, ref.data.shape)
            error = np.abs(ours - ref.data).max() / np.abs(ref.data).max()
            steps = np.unique(np.diff(times.astype('int64')))
            print(error, [int(s) for s in steps])
            """, arguments: [record, folder.file("results"), folder.file("work/well/store")])
        let parts = out.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ", maxSplits: 1)
        #expect((Double(parts.first ?? "") ?? .infinity) < 1e-9, "\(out)")
        #expect(parts.last == "[20000000]", "50 Hz after decimating 200 Hz by 4: \(out)")
    }

    @Test("the pick example on DASCore's example event: 7 onsets and 7 ends on channels 166-172 within 15:27:44.88-.92 UTC")
    func pickExample() throws {
        let (folder, _) = try Self.run("dascore-picks-graph.json", on: "deformation_rate_event_1.hdf5")
        let tables = try FileManager.default.contentsOfDirectory(atPath: folder.file("results/picks"))
        let csv = try #require(tables.first { $0.hasSuffix(".csv") }, "\(tables)")
        #expect(tables.contains { $0.hasSuffix(".xml") }, "\(tables)")
        let rows = try String(contentsOfFile: folder.file("results/picks/" + csv), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        // The event of DASCore's example record (read off the record: it arrives on channels ~166-172).
        #expect(rows.filter { $0[4] == "on" }.count == 7 && rows.filter { $0[4] == "off" }.count == 7, "\(rows)")
        let window: ClosedRange<Int64> = 1_654_356_464_880_000_000...1_654_356_464_920_000_000  // 15:27:44.88-.92
        #expect(rows.allSatisfy { (166...172).contains(Int($0[2]) ?? -1) && window.contains(Int64($0[1]) ?? 0) },
                "\(rows)")
    }
}
