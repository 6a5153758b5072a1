import DistSwiftTestSupport
import Foundation
import Testing

/// `distswift watch` taking a burst of files at once, with real processes: the watch ingests them, and processes
/// their chunks, several per pool task (`LiveBatching`). A bad file inside a batch is rejected alone; a watch
/// killed with SIGKILL in the middle of the burst loses nothing reported done and ingests nothing twice.
@Suite("Live watch: bursts in batches", .serialized)
struct WatchBatchTests {
    /// `files` one-second files of the project's geometry written to a staging folder, and a truncated copy of
    /// the first as `damaged.sgy` when asked; moved into the watched folder at once by `deliver`.
    static func stage(_ project: WatchTests.LiveProject, files: Int, damaged: Bool) throws -> String {
        let staging = project.folder.file("staging")
        let run = try runProcess(TestPaths.distswiftBinary, [
            "synth", "--segy", staging, "--files", "\(files)", "--seconds", "\(files)", "--channels", "16",
            "--rate", "1000", "--start", "2024-01-01T00:00:00Z"])
        precondition(run.status == 0, run.stderr)
        if damaged {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: staging + "/synth_20240101_000000.sgy"))
            try bytes.prefix(bytes.count / 2 + 7).write(to: URL(fileURLWithPath: staging + "/damaged.sgy"))
        }
        return staging
    }

    /// Renames every staged file into the watched folder, one right after the other (a copy job landing a
    /// backlog, an interrogator's buffer flushed after a network outage).
    static func deliver(_ staging: String, to project: WatchTests.LiveProject) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: staging).sorted() {
            try FileManager.default.moveItem(atPath: staging + "/" + name, toPath: project.raw + "/" + name)
        }
    }

    /// Waits until the watch has started watching (its first line), so the burst arrives while it runs.
    static func waitForStart(_ project: WatchTests.LiveProject, log: String) {
        for _ in 0..<500 where !project.log(log).contains("watching") { Thread.sleep(forTimeInterval: 0.02) }
    }

    @Test("61 files at once, one of them truncated: fewer tasks than files, the bad one rejected alone, outputs equal a batch run's")
    func burstWithDamagedFile() throws {
        let project = try WatchTests.LiveProject()
        let staging = try Self.stage(project, files: 60, damaged: true)
        let watch = try project.watch()
        Self.waitForStart(project, log: "watch")
        try Self.deliver(staging, to: project)
        watch.waitUntilExit()
        let log = project.log("watch")
        #expect(watch.terminationStatus == 0, "\(log)")
        #expect(log.contains("damaged.sgy: rejected, skipped"), "\(log)")
        let report = try project.report()
        let files = report["files"] as! [String: Int]
        #expect(files["ingested"] == 60 && files["rejected"] == 1, "\(files)")
        #expect(try project.journalEntries("rejected").compactMap { $0["name"] as? String } == ["damaged.sgy"])
        let chunks = try project.journalChunks()
        let final = chunks.filter { !$0.1 }.map(\.0)
        #expect(final.count == 59 && Set(final).count == 59, "each chunk once: \(chunks)")
        // One task per file and one per chunk would be 121 tasks: batches make far fewer.
        let workers = report["workerActivity"] as! [[String: Any]]
        let tasks = workers.compactMap { $0["tasks"] as? Int }.reduce(0, +)
        #expect(tasks > 0 && tasks < 61, "tasks run: \(tasks) for 61 files and 60 chunks")
        let live = try project.liveOutputs, batch = try project.batchOutputs(excluding: ["damaged.sgy"])
        #expect(live.keys.filter { $0.hasPrefix("17") }.count == 60 && live == batch,
                "differ: \(Set(live.keys).union(batch.keys).filter { live[$0] != batch[$0] }.sorted()) \(log)")
    }

    @Test("started on a store with a hole that files waiting in the folder fill: the chunks beside it wait for them, none is processed twice")
    func holeFilledAtStart() throws {
        let project = try WatchTests.LiveProject()
        let staging = try Self.stage(project, files: 30, damaged: false)
        let names = try FileManager.default.contentsOfDirectory(atPath: staging).sorted()
        // Files 0–9 and 20–29 ingested by a batch run; 10–19 wait in the folder when the watch starts.
        for name in names[0..<10] + names[20..<30] {
            try FileManager.default.moveItem(atPath: staging + "/" + name, toPath: project.raw + "/" + name)
        }
        let ingest = try runProcess(TestPaths.distswiftBinary, ["ingest", project.config, "--quiet"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        for name in names[10..<20] {
            try FileManager.default.moveItem(atPath: staging + "/" + name, toPath: project.raw + "/" + name)
        }
        let watch = try project.watch()
        watch.waitUntilExit()
        #expect(watch.terminationStatus == 0, "\(project.log("watch"))")
        #expect(!project.log("watch").contains("late file"), "\(project.log("watch"))")
        let final = try project.journalChunks().filter { !$0.1 }.map(\.0)
        #expect(final.count == 29 && Set(final).count == 29, "each chunk once: \(final)")
        #expect(try project.liveOutputs == (try project.batchOutputs()))
    }

    @Test("kill -9 in the middle of a 100-file burst, then started again: nothing ingested twice, each chunk journalled once")
    func burstKilledAndRestarted() throws {
        let project = try WatchTests.LiveProject()
        let staging = try Self.stage(project, files: 100, damaged: false)
        let first = try project.watch(log: "first")
        Self.waitForStart(project, log: "first")
        try Self.deliver(staging, to: project)
        // Killed once a few groups are committed: batches are being ingested, committed and processed.
        let records = project.store + "/sources"
        func committed() -> Int {
            ((try? FileManager.default.contentsOfDirectory(atPath: records)) ?? []).filter { !$0.hasPrefix(".") }.count
        }
        for _ in 0..<5000 where committed() < 10 { Thread.sleep(forTimeInterval: 0.001) }
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        let before = ((try? project.journalChunks()) ?? []).count
        #expect(committed() >= 10 && (committed() < 100 || before < 99),
                "killed mid-burst: \(committed()) records, \(before) chunks journalled \(project.log("first"))")
        // A record is renamed into place only once its group (chunks first) was synced: each one there now names
        // whole chunks, and is never written again.
        let stamps = try WatchTests.modificationTimes(records).filter { !$0.key.contains(".partial-") }
        for name in stamps.keys {
            let record = try WatchTests.sourceRecord(records, name)
            #expect(record["chunks"] != nil, "\(name) names a batch of records without its source")
            for chunk in record["chunks"] as? [[String: Any]] ?? [] {
                let file = project.store + "/" + (chunk["file"] as! String)
                #expect(FileManager.default.fileExists(atPath: file), "\(name) names \(file), which is not there")
            }
        }
        let second = try project.watch(log: "second")
        second.waitUntilExit()
        #expect(second.terminationStatus == 0, "\(project.log("second"))")
        let after = try WatchTests.modificationTimes(records)
        for (name, time) in stamps { #expect(after[name] == time, "\(name) was ingested again") }
        // Hidden temporaries may remain: a worker of the killed watch still finishing its batch when the second
        // took over the lock is a live writer, whose temporaries the take-over leaves (readers never see them).
        let visible = after.keys.filter { !$0.hasPrefix(".") }
        #expect(visible.count == 100, "100 records: \(visible.sorted())")
        let final = try project.journalChunks().filter { !$0.1 }.map(\.0)
        #expect(final.count == 99 && Set(final).count == 99, "each chunk once: \(final) \(project.log("second"))")
        #expect(try project.liveOutputs == (try project.batchOutputs()))
    }
}
