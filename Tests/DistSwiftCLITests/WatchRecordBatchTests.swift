import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// The watch's per-source records written a batch at a time (issue 21): the files a worker commits together get one
/// record file, with a name under `sources/` for each of its sources (hard links). With real processes: every name
/// gives its own source's record and every batch is named exactly by its sources; a batch `ingest` afterwards
/// finds every file ingested; a store whose records are files of their own (as `ingest` writes them, and as
/// every store before batches) is resumed by the watch without ingesting anything again.
@Suite("Live watch: per-source records in batches", .serialized)
struct WatchRecordBatchTests {
    typealias LiveProject = WatchTests.LiveProject

    /// Each name under `sources/` (hidden temporaries left out), with the inode of its file, its link count and
    /// the number of records that file holds.
    static func recordNames(_ store: String) throws -> [(name: String, inode: Int, links: Int, entries: Int)] {
        let folder = store + "/sources"
        return try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }.map { name in
            let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/" + name)
            let object = try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))) as! [String: Any]
            let entries = (object["records"] as? [Any])?.count ?? 1
            return (name, attributes[.systemFileNumber] as! Int, attributes[.referenceCount] as! Int, entries)
        }
    }

    static func ingest(_ project: LiveProject) throws {
        let run = try runProcess(TestPaths.distswiftBinary, ["ingest", project.config, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test("40 files at once: fewer record files than sources, each name gives its own source's record and each batch has exactly its sources' names; a batch ingest afterwards ingests nothing again and lists every source once")
    func burstRecordsInBatches() throws {
        let project = try LiveProject()
        let staging = try WatchBatchTests.stage(project, files: 40, damaged: false)
        let watch = try project.watch()
        WatchBatchTests.waitForStart(project, log: "watch")
        try WatchBatchTests.deliver(staging, to: project)
        watch.waitUntilExit()
        #expect(watch.terminationStatus == 0, "\(project.log("watch"))")

        let names = try Self.recordNames(project.store)
        #expect(names.count == 40)
        let files = Set(names.map(\.inode))
        #expect(files.count < names.count, "one record file per group commit: \(files.count) files for 40 sources")
        for entry in names {
            let record = try WatchTests.sourceRecord(project.store + "/sources", entry.name)
            let path = (record["source"] as? [String: Any])?["path"] as? String
            #expect(path.map { $0 + ".json" } == entry.name, "\(entry.name) gives the record of \(path ?? "nothing")")
            // A batch's file is named once by each of its sources, no more, no fewer.
            #expect(entry.links == entry.entries, "\(entry.name): \(entry.links) names, \(entry.entries) records")
        }
        let final = try project.journalChunks().filter { !$0.1 }.map(\.0)
        #expect(final.count == 39 && Set(final).count == 39, "each chunk once: \(final)")
        #expect(try project.liveOutputs == (try project.batchOutputs()))

        // `ingest` over the watch's store: every source found ingested (its record untouched), the manifest
        // assembled from the batches lists each source once.
        let chunks = try ChunkStore.open(LocalStorage(root: project.store)).chunks
        let times = try WatchTests.modificationTimes(project.store + "/sources")
        try Self.ingest(project)
        #expect(try WatchTests.modificationTimes(project.store + "/sources") == times, "ingested again")
        let store = try ChunkStore.open(LocalStorage(root: project.store))
        #expect(store.chunks == chunks)
        #expect(store.manifest!.sources.count == 40 && Set(store.manifest!.sources.map(\.path)).count == 40)
    }

    @Test("a store whose records are files of their own (written by ingest, as every store before batches) is resumed by the watch: none of its files ingested again, the new ones in batches beside them, outputs equal a batch run's")
    func resumesStoreOfSingleRecords() throws {
        let project = try LiveProject()
        let staging = try WatchBatchTests.stage(project, files: 40, damaged: false)
        for name in try FileManager.default.contentsOfDirectory(atPath: staging).sorted().prefix(20) {
            try FileManager.default.moveItem(atPath: staging + "/" + name, toPath: project.raw + "/" + name)
        }
        try Self.ingest(project)
        let old = try Self.recordNames(project.store)
        #expect(old.count == 20 && old.allSatisfy { $0.links == 1 && $0.entries == 1 }, "\(old)")
        let oldTimes = try WatchTests.modificationTimes(project.store + "/sources")

        let watch = try project.watch()
        WatchBatchTests.waitForStart(project, log: "watch")
        try WatchBatchTests.deliver(staging, to: project)
        watch.waitUntilExit()
        #expect(watch.terminationStatus == 0, "\(project.log("watch"))")

        let after = try WatchTests.modificationTimes(project.store + "/sources")
        for (name, time) in oldTimes { #expect(after[name] == time, "\(name) was ingested again") }
        let names = try Self.recordNames(project.store)
        #expect(names.count == 40 && names.filter { $0.entries > 1 }.count > 0, "\(names)")
        let report = try project.report()
        #expect((report["files"] as! [String: Int])["ingested"] == 40, "\(report["files"] ?? "")")
        let store = try ChunkStore.open(LocalStorage(root: project.store))
        #expect(store.chunks.count == 40 && Set(store.manifest!.sources.map(\.path)).count == 40)
        let final = try project.journalChunks().filter { !$0.1 }.map(\.0)
        #expect(final.count == 39 && Set(final).count == 39, "each chunk once: \(final)")
        #expect(try project.liveOutputs == (try project.batchOutputs()))
    }
}
