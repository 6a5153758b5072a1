import DistSwiftTestSupport
import Foundation
import Testing

/// `distswift watch` with real processes: a synthetic interrogator (`synth --realtime`) writes record files while a
/// watch runs; the watch's per-chunk outputs are compared with a batch `ingest` + `process` of the same files (the
/// graph's low-pass filter reads a time halo, so a chunk processed without its neighbour would differ). Serialized:
/// the interrogator's schedule and the watch share two cores.
@Suite("Live watch", .serialized)
struct WatchTests {
    /// A 1-kHz record of 16 channels in 1-s files, a graph whose filter reads ~0.1 s of each neighbouring chunk.
    final class LiveProject: @unchecked Sendable {
        let folder: TemporaryFolder
        let config: String
        let graph: String
        var raw: String { folder.file("proj/raw") }
        var store: String { folder.file("proj/store") }

        init() throws {
            folder = try TemporaryFolder("distswift-watch")
            try FileManager.default.createDirectory(atPath: folder.file("proj/raw"), withIntermediateDirectories: true)
            config = try folder.write("live.json", """
                {"in_drive": ".", "out_drive": ".", "project": "proj", "data": "raw", "results": "store",
                 "parallel_flag": 1, "ncpu": 2, "BOX_SIZE": 128}
                """)
            graph = try folder.write("lowpass.json", """
                {"document": 0, "name": "live test", "description": "a filter along time: chunks need neighbours",
                 "command_list": [
                  {"name": "butter", "uid": 1, "in_uid": 0, "order": 4, "type": "lowpass", "freq": 50},
                  {"name": "write_npy", "uid": 2, "in_uid": 1, "directory_out": "Filtered"},
                  {"name": "fft", "uid": 3, "in_uid": 0},
                  {"name": "multiple_calcs", "uid": 4, "in_uid": 3, "func": "te_from_fft", "low_freq": [10, 100],
                   "high_freq": [100, -1]},
                  {"name": "rms_from_fft", "uid": 6, "in_uid": 3, "low_freq": 0, "high_freq": -1},
                  {"name": "write_witsml", "uid": 5, "in_uid": 4, "gather_uids": [6], "directory_out": "NoiseLog",
                   "low_freq": [10, 100], "high_freq": [100, -1], "data_style": "NoiseLog"}]}
                """)
        }

        /// Starts a process with its output in files (read by `log`).
        func start(_ arguments: [String], log name: String, environment: [String: String]? = nil) throws -> Process {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: TestPaths.distswiftBinary)
            process.arguments = arguments
            if let environment { process.environment = environment }
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: try folder.write(name + ".out", "")))
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: try folder.write(name + ".err", "")))
            try process.run()
            return process
        }

        func log(_ name: String) -> String {
            ((try? String(contentsOfFile: folder.file(name + ".out"), encoding: .utf8)) ?? "")
                + ((try? String(contentsOfFile: folder.file(name + ".err"), encoding: .utf8)) ?? "")
        }

        /// `files` one-second files at `speed` × real time.
        func interrogator(files: Int, speed: Double, delivery: String = "rename", start: String = "2024-01-01T00:00:00Z")
            throws -> Process {
            try self.start(["synth", "--segy", raw, "--realtime", "--files", "\(files)", "--seconds", "\(files)",
                            "--channels", "16", "--rate", "1000", "--speed", "\(speed)", "--delivery", delivery,
                            "--start", start], log: "synth")
        }

        func watch(_ extra: [String] = [], log name: String = "watch", graph: String? = nil, config: String? = nil,
                   environment: [String: String]? = nil) throws -> Process {
            try start(["watch", config ?? self.config, graph ?? self.graph, "--settle", "0.4", "--report-every", "0.5",
                       "--exit-when-idle", "4"] + extra, log: name, environment: environment)
        }

        /// The journal's chunk lines: (chunk, provisional).
        func journalChunks() throws -> [(String, Bool)] {
            let text = try String(contentsOfFile: store + "/.distswift/live-journal.jsonl", encoding: .utf8)
            return try text.split(separator: "\n").compactMap { line in
                let entry = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                guard entry["kind"] as? String == "chunk" else { return nil }
                return (entry["name"] as! String, entry["provisional"] as? Bool ?? false)
            }
        }

        func report() throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: store + "/run.json")))
                as! [String: Any]
        }

        /// The outputs of a batch `ingest` then `process` of the same record files (the reference).
        func batchOutputs(excluding excluded: Set<String> = [], graph: String = "lowpass.json",
                          folder outputs: String = "Filtered") throws -> [String: Data] {
            let batch = folder.file("batch")
            try FileManager.default.createDirectory(atPath: batch + "/raw", withIntermediateDirectories: true)
            for name in try FileManager.default.contentsOfDirectory(atPath: raw) where !excluded.contains(name) {
                try FileManager.default.copyItem(atPath: raw + "/" + name, toPath: batch + "/raw/" + name)
            }
            let ingest = try folder.write("batch-ingest.json", """
                {"in_drive": ".", "out_drive": ".", "project": "batch", "data": "raw", "results": "store"}
                """)
            let process = try folder.write("batch-process.json", """
                {"in_drive": ".", "out_drive": ".", "project": "batch", "data": "store", "results": "store",
                 "BOX_SIZE": 128, "config": "\(graph)"}
                """)
            // --no-state-scan: the halo path watch takes (process's state scan agrees with it to halo_tolerance).
            for arguments in [["ingest", ingest, "--quiet"], ["process", process, "--quiet", "--no-state-scan"]] {
                let run = try runProcess(TestPaths.distswiftBinary, arguments)
                precondition(run.status == 0, run.stderr)
            }
            return try Self.outputs(batch + "/store/" + outputs)
        }

        /// The per-source records in the store: each record's name, its source path and the size it was ingested at.
        func sourceRecords() throws -> [(record: String, path: String, size: Int?)] {
            try FileManager.default.contentsOfDirectory(atPath: store + "/sources").map { name in
                let record = try WatchTests.sourceRecord(store + "/sources", name)
                let source = record["source"] as! [String: Any]
                return (name, source["path"] as! String, source["size"] as? Int)
            }
        }

        /// The size of a file in the watched folder.
        func rawSize(_ path: String) throws -> Int {
            try FileManager.default.attributesOfItem(atPath: raw + "/" + path)[.size] as! Int
        }

        /// The journal's lines of `kind`.
        func journalEntries(_ kind: String) throws -> [[String: Any]] {
            let text = try String(contentsOfFile: store + "/.distswift/live-journal.jsonl", encoding: .utf8)
            return try text.split(separator: "\n").compactMap { line in
                let entry = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                return entry["kind"] as? String == kind ? entry : nil
            }
        }

        var liveOutputs: [String: Data] { get throws { try Self.outputs(store + "/Filtered") } }

        static func outputs(_ folder: String) throws -> [String: Data] {
            var found: [String: Data] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: folder)
            where name.hasSuffix(".npy") || name.hasSuffix(".csv") || name.hasSuffix(".xml") {
                found[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
            }
            return found
        }
    }

    @Test("30 files written while the watch runs: every chunk processed exactly once, outputs equal a batch run's")
    func thirtyFiles() throws {
        let project = try LiveProject()
        let synth = try project.interrogator(files: 30, speed: 10)
        let watch = try project.watch(["--stack", "NoiseLog"])
        synth.waitUntilExit()
        watch.waitUntilExit()
        #expect(watch.terminationStatus == 0, "\(project.log("watch"))")
        let chunks = try project.journalChunks()
        let final = chunks.filter { !$0.1 }.map(\.0)
        #expect(final.count == 29 && Set(final).count == 29, "each chunk once: \(chunks)")
        // The newest chunk had no neighbour when the watch ended idle: processed provisionally, marked so.
        #expect(chunks.filter(\.1).map(\.0) == ["1704067229.npy"])
        let live = try project.liveOutputs
        #expect(live.keys.filter { $0.hasPrefix("17") }.count == 30)
        let batch = try project.batchOutputs()
        let differing = Set(live.keys).union(batch.keys).filter { live[$0] != batch[$0] }.sorted()
        #expect(live == batch, "live outputs equal the batch run's byte for byte; differ: \(differing) \(project.log("watch"))")
        let report = try project.report()
        let files = report["files"] as! [String: Int]
        let latency = report["latency"] as! [String: Any]
        #expect(files["ingested"] == 30 && files["rejected"] == 0)
        #expect((latency["medianSeconds"] as? Double ?? 99) < 2, "\(latency)")
        #expect(project.log("watch").contains("keeping up"))
        // The growing products, rewritten to the last chunk when the watch ended.
        #expect(FileManager.default.fileExists(atPath: project.store + "/NoiseLog_waterfall.png"))
        let curves = try FileManager.default.contentsOfDirectory(atPath: project.store + "/NoiseLog_stacked")
            .filter { !$0.hasSuffix(".json") }
        #expect(curves.count == 3, "\(curves)")
        if let curve = curves.first {
            let times = try Data(contentsOf: URL(fileURLWithPath: project.store + "/NoiseLog_stacked/\(curve)/time.npy"))
            #expect(times.count == 128 + 30 * 8, "one column per chunk (NPY header 128 bytes, 30 float64)")
        }
    }

    @Test("kill -9 in the middle, then started again: no file missed, none ingested twice, each chunk journalled once")
    func killedAndRestarted() throws {
        let project = try LiveProject()
        let synth = try project.interrogator(files: 30, speed: 10)
        let first = try project.watch(log: "first")
        // Kill once a few chunks are journalled, while files keep coming.
        for _ in 0..<200 where ((try? project.journalChunks()) ?? []).count < 8 { Thread.sleep(forTimeInterval: 0.02) }
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        let before = try project.journalChunks().count
        #expect(before >= 8 && before < 29, "killed mid-run after \(before) chunks")
        let records = project.store + "/sources"
        // The kill may land between a record's write and its rename: its hidden temporary is not a record (the
        // second watch removes it, as the debris of a writer that no longer runs).
        let stamps = try Self.modificationTimes(records).filter { !$0.key.contains(".partial-") }
        synth.waitUntilExit()
        let second = try project.watch(log: "second")
        second.waitUntilExit()
        #expect(second.terminationStatus == 0, "\(project.log("second"))")
        #expect(project.log("second").contains("took over the lock"))
        // Files ingested before the kill were not ingested again (their records untouched).
        // Records only: a worker of the killed watch may still be finishing when the second one takes over, and
        // its temporaries are kept while it runs (ReliabilityTests checks which temporaries a take-over removes).
        let after = try Self.modificationTimes(records).filter { !$0.key.contains(".partial-") }
        for (name, time) in stamps { #expect(after[name] == time, "\(name) was ingested again") }
        #expect(after.count == 30, "30 records: \(after.keys.sorted())")
        let final = try project.journalChunks().filter { !$0.1 }.map(\.0)
        #expect(final.count == 29 && Set(final).count == 29, "each chunk once: \(final)")
        #expect(try project.liveOutputs == (try project.batchOutputs()))
    }

    @Test("a truncated file in the stream is reported and skipped; the rest go on")
    func truncatedFile() throws {
        let project = try LiveProject()
        let synth = try project.interrogator(files: 8, speed: 8)
        let watch = try project.watch()
        // While the interrogator writes, a damaged file arrives beside them (renamed into place, as a writer would).
        Thread.sleep(forTimeInterval: 0.5)
        let first = project.raw + "/synth_20240101_000000.sgy"
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: first) { Thread.sleep(forTimeInterval: 0.02) }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: first))
        try bytes.prefix(bytes.count / 2 + 7).write(to: URL(fileURLWithPath: project.raw + "/.damaged.tmp"))
        try FileManager.default.moveItem(atPath: project.raw + "/.damaged.tmp", toPath: project.raw + "/damaged.sgy")
        synth.waitUntilExit()
        watch.waitUntilExit()
        #expect(watch.terminationStatus == 0, "\(project.log("watch"))")
        #expect(project.log("watch").contains("damaged.sgy: rejected, skipped"), "\(project.log("watch"))")
        let report = try project.report()
        #expect((report["files"] as! [String: Int])["rejected"] == 1)
        #expect((report["failures"] as! [[String: Any]]).contains { $0["task"] as? String == "damaged.sgy" })
        let live = try project.liveOutputs, batch = try project.batchOutputs(excluding: ["damaged.sgy"])
        #expect(live == batch, "differ: \(live.keys.filter { live[$0] != batch[$0] }.sorted()) \(project.log("watch"))")
    }

    @Test("a graph integrating along time across chunks is refused when the first file arrives (watch has no totals pass)")
    func continuousIntegralRefused() throws {
        let project = try LiveProject()
        let graph = try project.folder.write("integral.json", """
            {"document": 0, "name": "integral", "description": "continuous along time: needs every earlier chunk",
             "command_list": [
              {"name": "integrate", "uid": 1, "in_uid": 0, "dim": "time"},
              {"name": "write_npy", "uid": 2, "in_uid": 1, "directory_out": "Integral"}]}
            """)
        let synth = try project.interrogator(files: 2, speed: 8)
        let watch = try project.watch(graph: graph)
        synth.waitUntilExit()
        watch.waitUntilExit()
        let log = project.log("watch")
        #expect(watch.terminationStatus != 0, "\(log)")
        #expect(log.contains("integrate (uid 1) integrates along time across chunks"), "\(log)")
        #expect(log.contains("\"zero_at\": \"chunk\""), "\(log)")
        #expect(!FileManager.default.fileExists(atPath: project.store + "/Integral"), "\(log)")
    }

    @Test("a growing file is not taken before it is complete")
    func growingFile() throws {
        let project = try LiveProject()
        // 1-s files at real time, each appended to in 8 blocks over its second; the watch's settle time is longer
        // than the gap between blocks.
        let synth = try project.interrogator(files: 4, speed: 1, delivery: "grow")
        let watch = try project.watch()
        synth.waitUntilExit()
        watch.waitUntilExit()
        #expect(watch.terminationStatus == 0, "\(project.log("watch"))")
        for (name, path, size) in try project.sourceRecords() {
            #expect(size == (try project.rawSize(path)), "\(name) was ingested before it was complete")
            let record = try Self.sourceRecord(project.store + "/sources", name)
            #expect((record["chunks"] as! [[String: Any]]).allSatisfy { $0["partial"] as? Bool != true })
        }
        #expect(try project.liveOutputs == (try project.batchOutputs()))
    }

    /// The record of the source whose file under `sources/` is `name`: the file's own, or the source's entry in
    /// a batch of records (the watch writes one file per group commit, with a name for each of its sources); an
    /// empty record when a batch lacks it.
    static func sourceRecord(_ folder: String, _ name: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))) as! [String: Any]
        guard let batch = object["records"] as? [[String: Any]] else { return object }
        return batch.first { entry in
            let path = (entry["source"] as? [String: Any])?["path"] as? String ?? ""
            return path.replacingOccurrences(of: "/", with: "__") + ".json" == name
        } ?? [:]
    }

    static func modificationTimes(_ folder: String) throws -> [String: Date] {
        var times: [String: Date] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            times[name] = try FileManager.default.attributesOfItem(atPath: folder + "/" + name)[.modificationDate] as? Date
        }
        return times
    }
}

/// `watch --serve`: the status page in headless Chromium, and its JSON endpoints.
@Suite("Live status page", .serialized)
struct WatchStatusPageTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    @Test("the page shows run.json's numbers and a picture that is not blank; the JSON endpoints answer",
          .enabled(if: chromium != nil, "chromium is not installed (scripts/setup.sh --tests installs it)"))
    func statusPage() throws {
        let project = try WatchTests.LiveProject()
        let port = 20_000 + Int(getpid() % 20_000)
        let synth = try project.interrogator(files: 5, speed: 5)
        let watch = try project.start(["watch", project.config, project.graph, "--settle", "0.4", "--report-every", "2",
                                       "--provisional-after", "1", "--stack", "NoiseLog", "--serve", "127.0.0.1:\(port)"],
                                      log: "watch")
        defer {
            kill(watch.processIdentifier, SIGTERM)
            watch.waitUntilExit()
        }
        synth.waitUntilExit()
        // Until every file is in and its chunk processed (the newest provisionally), and the waterfall drawn.
        var done = false
        for _ in 0..<150 where !done {
            Thread.sleep(forTimeInterval: 0.2)
            if let report = try? project.report(), let chunks = report["chunks"] as? [String: Int],
               (report["files"] as? [String: Int])?["ingested"] == 5, chunks["processed"] == 4,
               chunks["provisional"] == 1,
               FileManager.default.fileExists(atPath: project.store + "/NoiseLog_waterfall.png") {
                done = true
            }
        }
        #expect(done, "\(project.log("watch"))")
        Thread.sleep(forTimeInterval: 2.5)  // the report after the last product update
        let url = "http://127.0.0.1:\(port)/"
        // The page against the run.json it was made from (the report is rewritten every 2 s: retry until the
        // page's time stamp is the file's).
        var compared = false
        for _ in 0..<8 where !compared {
            let dom = try runProcess(Self.chromium!, ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", url])
            let report = try project.report()
            guard Self.cell(dom.stdout, "updated") == report["updatedAt"] as? String else { continue }
            compared = true
            let files = report["files"] as! [String: Any], chunks = report["chunks"] as! [String: Any]
            let latency = report["latency"] as! [String: Any]
            let expected: [(String, Any?)] = [
                ("files-ingested", files["ingested"]), ("files-rejected", files["rejected"]),
                ("chunks-processed", chunks["processed"]), ("chunks-queued", chunks["queued"]),
                ("chunks-redone", chunks["redone"]),
                ("latency-median", latency["medianSeconds"]), ("latency-p99", latency["p99Seconds"]),
                ("latency-last", latency["lastSeconds"]), ("real-time-factor", report["realTimeFactor"]),
                ("capacity", report["capacityRealTimeFactor"]), ("lag", report["lagSeconds"]),
                ("workers", report["workers"]), ("data-seconds", report["dataSecondsProcessed"]),
            ]
            for (id, value) in expected {
                let shown = try #require(Self.cell(dom.stdout, id).flatMap(Double.init), "\(id) not on the page")
                let number = try #require((value as? NSNumber)?.doubleValue, "\(id) not in run.json")
                #expect(abs(shown - number) <= 0.0005, "\(id): page \(shown), run.json \(number)")
            }
            #expect(dom.stdout.contains("keeping up"))
            #expect(dom.stdout.contains("/files/NoiseLog_waterfall.png?v="))
            // The growing products, each with the time run.json gives for its last update.
            for (name, updated) in report["products"] as? [String: String] ?? [:] {
                #expect(dom.stdout.contains(name) && dom.stdout.contains(updated), "\(name) not on the page")
            }
        }
        #expect(compared, "the page's report never matched run.json's")

        // A screenshot that is not blank: many colours (the waterfall, the tables), not one background.
        let shot = project.folder.file("page.png")
        let screenshot = try runProcess(Self.chromium!, ["--headless", "--no-sandbox", "--disable-gpu",
                                                         "--window-size=1200,1400", "--screenshot=\(shot)", url])
        #expect(FileManager.default.fileExists(atPath: shot), "\(screenshot.stderr)")
        let colours = try PythonReference.check("""
            import sys
            from PIL import Image
            image = Image.open(sys.argv[1]).convert("RGB")
            print(len(set(image.getdata())))
            """, arguments: [shot])
        #expect((Int(colours.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 50, "colours: \(colours)")

        // The JSON endpoints and the pictures.
        let status = try runProcess("/usr/bin/curl", ["-sf", url + "api/status"])
        #expect(status.status == 0 && status.stdout.contains("\"job\" : \"watch\""))
        let latency = try runProcess("/usr/bin/curl", ["-sf", url + "api/latency"])
        #expect(latency.status == 0 && latency.stdout.contains("realTimeFactor"))
        let png = try runProcess("/usr/bin/curl", ["-sf", "-o", project.folder.file("w.png"),
                                                   url + "files/NoiseLog_waterfall.png"])
        #expect(png.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: project.folder.file("w.png"))).prefix(4)
                == Data([0x89, 0x50, 0x4e, 0x47]))
        let outside = try runProcess("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}",
                                                       url + "files/store.json"])
        #expect(outside.stdout == "404", "only the watch's pictures are served")
    }

    /// The text of the element with `id` in the page.
    static func cell(_ html: String, _ id: String) -> String? {
        guard let start = html.range(of: "id=\"\(id)\">") else { return nil }
        let rest = html[start.upperBound...]
        guard let end = rest.firstIndex(of: "<") else { return nil }
        return String(rest[..<end])
    }
}
