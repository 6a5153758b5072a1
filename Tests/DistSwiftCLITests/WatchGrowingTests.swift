import DistSwiftTestSupport
import Foundation
import Testing

/// `distswift watch`, the rest of live processing with real processes: the growing picks table and PRODML FBE file,
/// files that arrive late (after a chunk beside them was processed), a network folder followed by polling, and the
/// taken-names set that stays bounded. Serialized like the other watch suites (two cores).
@Suite("Live watch: growing products, late files, polling", .serialized)
struct WatchGrowingTests {
    typealias LiveProject = WatchTests.LiveProject

    /// A noise log and a picks table per chunk: the zero-phase low-pass before STA/LTA reads ~0.5 s of the chunk
    /// after, so the newest chunk waits for its neighbour (or is processed provisionally, and its last picks differ).
    static func picksGraph(_ project: LiveProject) throws -> String {
        try project.folder.write("picks.json", """
            {"document": 0, "name": "live picks", "description": "noise log and STA/LTA picks per chunk",
             "command_list": [
              {"name": "fft", "uid": 1, "in_uid": 0},
              {"name": "multiple_calcs", "uid": 2, "in_uid": 1, "func": "te_from_fft", "low_freq": [10, 100],
               "high_freq": [100, -1]},
              {"name": "rms_from_fft", "uid": 8, "in_uid": 1, "low_freq": 0, "high_freq": -1},
              {"name": "write_witsml", "uid": 3, "in_uid": 2, "gather_uids": [8], "directory_out": "NoiseLog",
               "low_freq": [10, 100], "high_freq": [100, -1], "data_style": "NoiseLog"},
              {"name": "butter", "uid": 9, "in_uid": 0, "order": 4, "type": "lowpass", "freq": 20},
              {"name": "abs", "uid": 4, "in_uid": 9},
              {"name": "stalta", "uid": 5, "in_uid": 4, "time": [0.005, 0.05]},
              {"name": "trigger", "uid": 6, "in_uid": 5, "on": 2.2, "off": 1.2, "max_length": 0.02},
              {"name": "write_picks", "uid": 7, "in_uid": 6, "directory_out": "picks"}]}
            """)
    }

    /// The rows of a picks CSV (header dropped).
    static func rows(_ text: String) -> [Substring] { text.split(separator: "\n").dropFirst().map { $0 } }

    @Test("picks table and PRODML FBE grow atomically; a provisional chunk's picks are replaced; no duplicate after kill -9")
    func picksAndPRODML() throws {
        let project = try LiveProject()
        let graph = try Self.picksGraph(project)
        let products = ["--picks", "picks", "--stack", "NoiseLog", "--prodml", "--provisional-after", "1"]
        // First part of the record; the newest chunk is processed provisionally once no file has come for 1 s.
        let first = try project.interrogator(files: 4, speed: 8)
        let watch = try project.start(["watch", project.config, graph, "--settle", "0.4", "--report-every", "0.3"]
                                      + products, log: "first")
        first.waitUntilExit()
        let table = project.store + "/picks_picks.csv"
        var provisional = false
        for _ in 0..<300 where !provisional {
            Thread.sleep(forTimeInterval: 0.05)
            provisional = ((try? project.journalChunks()) ?? []).contains { $0.1 }
                && FileManager.default.fileExists(atPath: table)
        }
        #expect(provisional, "\(project.log("first"))")
        Thread.sleep(forTimeInterval: 0.8)  // a product update after the provisional chunk
        kill(watch.processIdentifier, SIGKILL)
        // The provisional chunk's picks as the table had them (its halo after stopped at the record's end).
        let provisionalChunk = try #require(try project.journalChunks().first { $0.1 }?.0.dropLast(4))
        let provisionalRows = Self.rows(try String(contentsOfFile: project.store + "/picks/\(provisionalChunk).csv",
                                                   encoding: .utf8))
        let tableBefore = Self.rows(try String(contentsOfFile: table, encoding: .utf8))
        #expect(provisionalRows.allSatisfy(tableBefore.contains), "the table had the provisional picks")
        watch.waitUntilExit()

        // The rest of the record while a second watch runs; a reader keeps reading the growing files meanwhile.
        let second = try project.interrogator(files: 4, speed: 8, start: "2024-01-01T00:00:04Z")
        let watch2 = try project.watch(products, log: "second", graph: graph)
        var reads = 0
        var torn: [String] = []
        while watch2.isRunning {
            if let text = try? String(contentsOfFile: table, encoding: .utf8) {
                reads += 1
                let complete = text.hasPrefix("time_utc,time_ns,channel,distance_m,kind\n") && text.hasSuffix("\n")
                    && Self.rows(text).allSatisfy { $0.split(separator: ",").count == 5 }
                if !complete { torn.append(String(text.suffix(80))) }
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        second.waitUntilExit()
        #expect(watch2.terminationStatus == 0, "\(project.log("second"))")
        #expect(reads > 10 && torn.isEmpty, "a reader saw a half-written table: \(torn)")

        // The table is every chunk's picks of a batch run, once each, in time order.
        let batch = try project.batchOutputs(graph: "picks.json", folder: "picks")
        let csvs = batch.keys.filter { $0.hasSuffix(".csv") }.sorted { Double($0.dropLast(4))! < Double($1.dropLast(4))! }
        #expect(csvs.count == 8)
        let expected = csvs.flatMap { Self.rows(String(decoding: batch[$0]!, as: UTF8.self)) }
        let live = Self.rows(try String(contentsOfFile: table, encoding: .utf8))
        #expect(live.count > 8, "the threshold gives picks: \(live.count)")
        #expect(live == expected, "live table \(live.count) rows, batch \(expected.count)")
        #expect(Set(live).count == live.count, "no pick twice")
        // Provisional picks that the final run of the chunk did not confirm are gone from the table.
        let finalRows = Self.rows(String(decoding: batch["\(provisionalChunk).csv"]!, as: UTF8.self))
        let unconfirmed = provisionalRows.filter { !finalRows.contains($0) }
        #expect(!unconfirmed.isEmpty, "the 20-Hz low-pass makes the provisional run's last picks differ from the final's")
        #expect(unconfirmed.allSatisfy { !live.contains($0) }, "\(unconfirmed)")
        print("provisional chunk \(provisionalChunk): \(provisionalRows.count) picks, \(unconfirmed.count) not in its final run of \(finalRows.count)")
        let xml = try String(contentsOfFile: project.store + "/picks_picks.xml", encoding: .utf8)
        #expect(xml.components(separatedBy: "<pick publicID=").count - 1 == live.count)
        #expect(xml.hasSuffix("</q:quakeml>\n"))
        // A well-formed QuakeML document whose picks are the table's rows, in the same order.
        let parsed = try PythonReference.check("""
            import sys, xml.etree.ElementTree as ET
            ns = {"b": "http://quakeml.org/xmlns/bed/1.2"}
            picks = ET.parse(sys.argv[1]).getroot().findall("b:eventParameters/b:pick", ns)
            print(len(picks), picks[0].find("b:time/b:value", ns).text if picks else "-")
            """, arguments: [project.store + "/picks_picks.xml"])
        #expect(parsed.trimmingCharacters(in: .whitespacesAndNewlines)
                == "\(live.count) \(live.first.map { String($0.split(separator: ",")[0]) } ?? "-")")
        let report = try project.report()
        let productTimes = report["products"] as? [String: String] ?? [:]
        #expect(productTimes["picks_picks.csv"] != nil && productTimes["NoiseLog_fbe.h5"] != nil, "\(productTimes)")

        // The growing PRODML file equals `distswift stack --prodml` of the same outputs (data and attributes but
        // the random uuids).
        let stacked = project.folder.file("stacked.h5")
        let stack = try runProcess(TestPaths.distswiftBinary, ["stack", project.config, "NoiseLog", "--output",
                                                               project.folder.file("stack-out"), "--prodml", stacked])
        #expect(stack.status == 0, "\(stack.stderr)")
        guard PythonReference.hasH5py else { return }
        let same = try PythonReference.check("""
            import sys, h5py, numpy as np
            def content(path):
                items = {}
                with h5py.File(path, "r") as f:
                    def visit(name, obj):
                        for k, v in obj.attrs.items():
                            if k not in ("uuid", "AcquisitionId", "CreationDate"):
                                items[name + "@" + k] = repr(np.asarray(v).tolist())
                        if isinstance(obj, h5py.Dataset):
                            items[name] = obj[...].tobytes()
                    f.visititems(visit)
                return items
            live, batch = content(sys.argv[1]), content(sys.argv[2])
            assert live == batch, sorted(k for k in set(live) | set(batch) if live.get(k) != batch.get(k))[:5]
            print("ok", len(live))
            """, arguments: [project.store + "/NoiseLog_fbe.h5", stacked])
        #expect(same.hasPrefix("ok"), "\(same)")
    }

    @Test("--picks naming a folder no write_picks of the graph writes is refused before the watch starts")
    func picksFolderNotInGraph() throws {
        let project = try LiveProject()
        let run = try runProcess(TestPaths.distswiftBinary, ["watch", project.config, project.graph, "--picks", "picks",
                                                             "--exit-when-idle", "1"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("key 'command_list'") && run.stderr.contains("has no write_picks")
                && run.stderr.contains("leave out --picks"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: project.store + "/run.json"), "nothing started")
    }

    /// Moves record files from `staging` into the watched folder (a rename: each appears complete at once).
    static func deliver(_ names: [String], from staging: String, to raw: String) throws {
        for name in names { try FileManager.default.moveItem(atPath: staging + "/" + name, toPath: raw + "/" + name) }
    }

    /// Eight 1-s files of the same synthetic record, written in a folder of their own.
    static func staged(_ project: LiveProject) throws -> (folder: String, names: [String]) {
        let staging = project.folder.file("staging")
        let made = try runProcess(TestPaths.distswiftBinary, ["synth", "--segy", staging, "--files", "8", "--seconds", "8",
                                                              "--channels", "16", "--rate", "1000",
                                                              "--start", "2024-01-01T00:00:00Z"])
        precondition(made.status == 0, made.stderr)
        return (staging, try FileManager.default.contentsOfDirectory(atPath: staging).sorted())
    }

    @Test("a file that arrives after the chunks beside it were processed: they are processed again, outputs equal a batch run's")
    func lateFile() throws {
        let project = try LiveProject()
        let (staging, names) = try Self.staged(project)
        let late = names[3]
        try Self.deliver(names.filter { $0 != late }, from: staging, to: project.raw)
        let watch = try project.watch(["--exit-when-idle", "8"])
        // Both sides of the hole are processed (no file that could fill it is in sight: a gap for now).
        var processed = false
        for _ in 0..<400 where !processed {
            Thread.sleep(forTimeInterval: 0.05)
            processed = Set(((try? project.journalChunks()) ?? []).filter { !$0.1 }.map(\.0))
                .isSuperset(of: ["1704067202.npy", "1704067204.npy"])
        }
        #expect(processed, "\(project.log("watch"))")
        try Self.deliver([late], from: staging, to: project.raw)
        watch.waitUntilExit()
        #expect(watch.terminationStatus == 0, "\(project.log("watch"))")
        let log = project.log("watch")
        #expect(log.contains("late file \(late): chunk 1704067204.npy was processed before it arrived"), "\(log)")
        #expect(log.contains("late file \(late): chunk 1704067202.npy"), "\(log)")
        let final = try project.journalChunks().filter { !$0.1 }.map(\.0)
        #expect(final.filter { $0 == "1704067204.npy" }.count == 2 && final.filter { $0 == "1704067202.npy" }.count == 2,
                "the chunks beside the late file journalled twice: \(final)")
        let report = try project.report()
        #expect((report["chunks"] as? [String: Any])?["redone"] as? Int == 2)
        let redone = (report["redone"] as? [[String: Any]] ?? []).compactMap { $0["chunk"] as? String }
        #expect(Set(redone) == ["1704067202.npy", "1704067204.npy"], "\(redone)")
        #expect(try project.liveOutputs == (try project.batchOutputs()), "\(log)")
    }

    @Test("a late file ingested while no watch ran: the next watch finds the chunks beside it stale from its journal")
    func lateFileAcrossRestart() throws {
        let project = try LiveProject()
        let (staging, names) = try Self.staged(project)
        try Self.deliver(names.filter { $0 != names[3] }, from: staging, to: project.raw)
        let first = try project.watch(["--exit-when-idle", "1.5"], log: "first")
        first.waitUntilExit()
        #expect(first.terminationStatus == 0, "\(project.log("first"))")
        // The late file is ingested by a batch `ingest` of the same config (as a watch killed right after its
        // ingest would leave it): only the journal tells the next watch what the chunks beside it read.
        try Self.deliver([names[3]], from: staging, to: project.raw)
        let ingest = try runProcess(TestPaths.distswiftBinary, ["ingest", project.config, "--quiet"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let second = try project.watch(["--exit-when-idle", "1.5"], log: "second")
        second.waitUntilExit()
        #expect(second.terminationStatus == 0, "\(project.log("second"))")
        #expect(project.log("second").contains("chunk 1704067204.npy was processed before it arrived"),
                "\(project.log("second"))")
        #expect(try project.liveOutputs == (try project.batchOutputs()), "\(project.log("second"))")
    }

    @Test("a network folder followed by polling (--no-inotify): growing and renamed files each taken once, complete")
    func pollingFolder() throws {
        let project = try LiveProject()
        let renamed = try project.interrogator(files: 4, speed: 4)
        let watch = try project.watch(["--no-inotify", "--poll", "0.2"])
        renamed.waitUntilExit()
        let grown = try project.start(["synth", "--segy", project.raw, "--realtime", "--files", "3", "--seconds", "3",
                                       "--channels", "16", "--rate", "1000", "--speed", "1", "--delivery", "grow",
                                       "--start", "2024-01-01T00:00:04Z"], log: "grow")
        grown.waitUntilExit()
        watch.waitUntilExit()
        #expect(watch.terminationStatus == 0, "\(project.log("watch"))")
        #expect(project.log("watch").contains("polling every 0.2 s"), "\(project.log("watch"))")
        let records = try project.sourceRecords()
        #expect(records.count == 7)
        for (name, path, size) in records {
            #expect(size == (try project.rawSize(path)), "\(name) was taken before it was complete")
        }
        let final = try project.journalChunks().filter { !$0.1 }.map(\.0)
        #expect(final.count == 6 && Set(final).count == 6, "each chunk once: \(final)")
        #expect(try project.liveOutputs == (try project.batchOutputs()))
    }

    @Test("the taken names held in memory are those in the folder, not every file taken: moved-away files are forgotten")
    func takenNamesBounded() throws {
        let project = try LiveProject()
        let (staging, names) = try Self.staged(project)
        try Self.deliver(Array(names.prefix(4)), from: staging, to: project.raw)
        let watch = try project.watch(["--exit-when-idle", "6", "--poll", "0.2"])
        var ingested = 0
        for _ in 0..<300 where ingested < 4 {
            Thread.sleep(forTimeInterval: 0.05)
            ingested = ((try? project.report())?["files"] as? [String: Int])?["ingested"] ?? 0
        }
        // The operator moves finished files away (to an archive), then puts one back by mistake: it is not taken
        // again (its per-source record says it was ingested).
        let archive = project.folder.file("archive")
        try FileManager.default.createDirectory(atPath: archive, withIntermediateDirectories: true)
        try Self.deliver(Array(names.prefix(3)), from: project.raw, to: archive)
        try Self.deliver(Array(names[4...]), from: staging, to: project.raw)
        Thread.sleep(forTimeInterval: 2)
        try FileManager.default.copyItem(atPath: archive + "/" + names[0], toPath: project.raw + "/" + names[0])
        watch.waitUntilExit()
        #expect(watch.terminationStatus == 0, "\(project.log("watch"))")
        let report = try project.report()
        #expect((report["files"] as? [String: Int])?["ingested"] == 8)
        // Held: the 6 files in the folder now (5 delivered last and the one put back), not the 8 taken.
        #expect(report["takenNamesHeld"] as? Int == 6, "\(report["takenNamesHeld"] ?? "-")")
        #expect((report["controllerMemoryBytes"] as? Int ?? 0) > 1_000_000)
        let final = try project.journalChunks().filter { !$0.1 }.map(\.0)
        #expect(Set(final).count == final.count, "each chunk once: \(final)")
    }
}
