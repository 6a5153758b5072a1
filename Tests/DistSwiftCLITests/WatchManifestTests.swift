import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// `distswift watch` on the append-only manifest, with real processes: the store's `store.json` is a snapshot and
/// each batch of files is a line in its log; a watch killed with SIGKILL (its workers too) in the middle of the
/// stream, with the manifest's last append cut short, starts again and loses or duplicates no chunk; and a watch
/// keeps a window of the store's chunks in memory, not all of them — a file from before the window still comes out
/// as in a batch run. Serialized like the other watch suites (two cores).
@Suite("Live watch: append-only manifest", .serialized)
struct WatchManifestTests {
    typealias LiveProject = WatchTests.LiveProject

    static func snapshot(_ store: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: store + "/store.json")))
            as! [String: Any]
    }

    /// The lines of the log the snapshot names (empty when there is none yet).
    static func logLines(_ store: String) -> [Substring] {
        guard let log = (try? snapshot(store))?["log"] as? String,
              let text = try? String(contentsOfFile: store + "/" + log, encoding: .utf8) else { return [] }
        return text.split(separator: "\n")
    }

    @Test("kill -9 of the watch and its workers mid-stream, the manifest's last append cut short: the restart reports the torn line, adds the files it lost from their records, and no chunk is lost or listed twice")
    func killedWithTornManifestLine() throws {
        let project = try LiveProject()
        let synth = try project.interrogator(files: 30, speed: 10)
        let first = try project.watch(log: "first")
        // Kill once the manifest's log holds a few lines (one per batch of files), while files keep coming.
        for _ in 0..<400 where Self.logLines(project.store).count < 4 { Thread.sleep(forTimeInterval: 0.02) }
        let workers = GroupCommitIngestTests.children(of: first.processIdentifier)
        kill(first.processIdentifier, SIGKILL)
        for worker in workers { kill(worker, SIGKILL) }
        first.waitUntilExit()
        synth.waitUntilExit()
        // As if the kill had come in the middle of the last append: its line cut in half. Its files were
        // committed (their records are in sources/), but the manifest does not list them.
        let snapshot = try Self.snapshot(project.store)
        #expect(snapshot["format_version"] as? Int == 2)
        let log = project.store + "/" + (try #require(snapshot["log"] as? String))
        var lines = Self.logLines(project.store)
        #expect(lines.count >= 4, "\(project.log("first"))")
        let last = lines.removeLast()
        let lost = try JSONSerialization.jsonObject(with: Data(last.utf8)) as! [String: Any]
        let lostSource = (lost["source"] as! [String: Any])["path"] as! String
        let torn = lines.map { $0 + "\n" }.joined() + last.prefix(last.count / 2)
        try Data(torn.utf8).write(to: URL(fileURLWithPath: log))
        let listed = try ChunkStore.open(LocalStorage(root: project.store)).manifest!.sources.map(\.path)
        #expect(!listed.contains(lostSource))

        let second = try project.watch(log: "second")
        second.waitUntilExit()
        let output = project.log("second")
        #expect(second.terminationStatus == 0, "\(output)")
        #expect(output.contains("cut short by a crash"), "\(output)")
        #expect(output.contains("were not in it yet"), "\(output)")
        let store = try ChunkStore.open(LocalStorage(root: project.store))
        let files = store.chunks.map(\.file)
        #expect(files.count == 30 && Set(files).count == 30, "\(files)")
        #expect(Set(store.manifest!.sources.map(\.path)).count == 30 && store.manifest!.sources.count == 30)
        #expect(store.manifest!.sources.map(\.path).contains(lostSource))
        #expect(store.manifestProblems.isEmpty, "the restart folded the log into a new snapshot")
        let final = try project.journalChunks().filter { !$0.1 }.map(\.0)
        #expect(Set(final).count == 29, "each chunk processed: \(final)")
        #expect(try project.liveOutputs == (try project.batchOutputs()))
        // The store equals one ingested in one batch run (same chunks, same bytes).
        let batch = try ChunkStore.open(LocalStorage(root: project.folder.file("batch/store")))
        #expect(batch.chunks == store.chunks)
    }

    @Test("a watch keeps a window of the store's chunks: bounded by --recent-chunks over 80 files; a file from before the window widens it and is processed, its neighbours again; outputs equal a batch run's; a batch ingest afterwards writes the manifest whole")
    func windowAndLateFileBeforeIt() throws {
        let project = try LiveProject()
        let staging = project.folder.file("staging")
        let made = try runProcess(TestPaths.distswiftBinary, ["synth", "--segy", staging, "--files", "80",
                                                              "--seconds", "80", "--channels", "16", "--rate", "1000",
                                                              "--start", "2024-01-01T00:00:00Z"])
        #expect(made.status == 0, "\(made.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: staging).sorted()
        let late = names[10]
        try WatchGrowingTests.deliver(names.filter { $0 != late }, from: staging, to: project.raw)
        // No end when idle: the late file comes after everything else is done. The newest chunk is processed
        // provisionally once no file has come for 1 s (as a batch run processes a record's last chunk).
        let watch = try project.start(["watch", project.config, project.graph, "--settle", "0.4", "--report-every",
                                       "0.3", "--recent-chunks", "10", "--provisional-after", "1"], log: "watch")
        // Wait until the 79 chunks are processed and the window was pruned.
        var held: Int?
        for _ in 0..<1200 {
            Thread.sleep(forTimeInterval: 0.05)
            guard let report = try? project.report(), let chunks = report["chunks"] as? [String: Any],
                  chunks["processed"] as? Int ?? 0 >= 78, chunks["provisional"] as? Int ?? 0 == 1 else { continue }
            held = report["storeChunksHeld"] as? Int
            if let held, held < 79 { break }
        }
        // The window: 10 recent chunks and 16 of margin, pruned when it reaches twice that.
        #expect(held.map { $0 <= 52 } == true, "chunks held: \(held ?? -1); \(project.log("watch"))")
        try WatchGrowingTests.deliver([late], from: staging, to: project.raw)
        // Done when the late file's chunk and its two neighbours were processed (the journal, compacted every 20
        // lines here, may already cover them by its watermark: run.json's counts say it).
        var redone = false
        for _ in 0..<1200 where !redone {
            Thread.sleep(forTimeInterval: 0.05)
            let chunks = (try? project.report())?["chunks"] as? [String: Any] ?? [:]
            redone = chunks["redone"] as? Int == 2 && chunks["processed"] as? Int == 79
                && chunks["queued"] as? Int == 0
        }
        #expect(redone, "\(project.log("watch"))")
        Thread.sleep(forTimeInterval: 0.7)  // a report after the last chunk
        kill(watch.processIdentifier, SIGINT)
        watch.waitUntilExit()
        let log = project.log("watch")
        #expect(watch.terminationStatus == 130, "\(log)")
        #expect(log.contains("late file \(late): chunk 1704067209.npy"), "\(log)")
        #expect(log.contains("late file \(late): chunk 1704067211.npy"), "\(log)")
        let report = try project.report()
        #expect((report["storeChunksHeld"] as? Int ?? 99) <= 52, "\(report["storeChunksHeld"] ?? "-")")
        #expect((report["files"] as? [String: Any])?["ingested"] as? Int == 80)
        // Only the two neighbours of the late file were processed again (a chunk at the edge of the pruned window
        // must not look as if it read less than it did).
        #expect((report["chunks"] as? [String: Any])?["redone"] as? Int == 2, "\(report["chunks"] ?? "-")")
        // Every chunk but the newest, which is provisional (it waits for a neighbour that has not come).
        #expect((report["chunks"] as? [String: Any])?["processed"] as? Int == 79, "\(report["chunks"] ?? "-")")
        #expect(try project.liveOutputs == (try project.batchOutputs()), "\(log)")
        let store = try ChunkStore.open(LocalStorage(root: project.store))
        #expect(store.chunks.count == 80 && store.manifestLog != nil)

        // `ingest` of the same store afterwards writes the manifest whole (format 1) and removes the log.
        let logName = try #require(store.manifestLog)
        let ingest = try runProcess(TestPaths.distswiftBinary, ["ingest", project.config, "--quiet"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let rewritten = try Self.snapshot(project.store)
        #expect(rewritten["log"] == nil && rewritten["format_version"] as? Int == 1)
        #expect(!FileManager.default.fileExists(atPath: project.store + "/" + logName))
        #expect(try ChunkStore.open(LocalStorage(root: project.store)).chunks == store.chunks)
    }
}
