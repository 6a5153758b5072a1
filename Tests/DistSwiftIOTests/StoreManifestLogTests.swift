import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Synchronization
import Testing

/// The append-only manifest: a snapshot (`store.json`) naming a log (`store-log.N.jsonl`) of committed files.
@Suite("Store manifest log")
struct StoreManifestLogTests {
    static let second: Int64 = 1_000_000_000

    /// A store of `count` one-second chunks of 2 channels at 100 Hz, written whole (as `ingest` writes it).
    static func wholeStore(_ location: LocalStorage, count: Int) throws -> StoreManifest {
        let metadata = StoreManifest(samplingRateHz: 100, chunkSeconds: 1, channelCount: 2, channelSpacingM: 1,
                                     firstChannelM: 0, startTimeNs: 0, dtype: .float32)
        let writer = ChunkStoreWriter(location: location, metadata: metadata)
        try writer.writeAxes(channelPositions: [0, 1])
        let chunks = try (0..<count).map { try chunk($0, writer: writer) }
        try writer.commit(chunks: chunks, sources: (0..<count).map { SourceRecord(path: "f\($0).sgy", size: 10) })
        return metadata
    }

    /// A whole store of `count` chunks with an appender on it (the migration done) and a writer for more chunks.
    static func grown(count: Int, minimumCompaction: Int = ManifestAppender.defaultMinimumCompaction) throws
        -> (TemporaryFolder, LocalStorage, ManifestAppender, ChunkStoreWriter)
    {
        let folder = try TemporaryFolder()
        let location = LocalStorage(root: folder.path)
        let metadata = try wholeStore(location, count: count)
        let appender = try ManifestAppender(store: try ChunkStore.open(location), minimumCompaction: minimumCompaction)
        return (folder, location, appender, ChunkStoreWriter(location: location, metadata: metadata))
    }

    static func chunk(_ i: Int, writer: ChunkStoreWriter) throws -> ChunkRecord {
        try writer.writeChunk(Array2D(rows: 2, columns: 100, repeating: Float(i)), startTimeNs: Int64(i) * second,
                              source: "f\(i).sgy")
    }

    static func entry(_ i: Int, writer: ChunkStoreWriter) throws -> StoreManifestLog.Entry {
        StoreManifestLog.Entry(source: SourceRecord(path: "f\(i).sgy", size: 10), chunks: [try chunk(i, writer: writer)])
    }

    static func snapshot(_ folder: TemporaryFolder) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder.file("store.json"))))
            as! [String: Any]
    }

    @Test("an older store.json (no log) opens as before; the first appender rewrites it once naming a log (version 2); readers see snapshot + log")
    func migrationAndReplay() throws {
        let folder = try TemporaryFolder()
        let location = LocalStorage(root: folder.path)
        let metadata = try Self.wholeStore(location, count: 3)
        let old = try ChunkStore.open(location)
        #expect(old.chunks.count == 3 && old.manifestLog == nil && old.manifest?.formatVersion == 1)
        #expect(try Self.snapshot(folder)["log"] == nil)

        let appender = try ManifestAppender(store: old)
        #expect(appender.log == "store-log.1.jsonl" && appender.compactions == 1)
        #expect(try Self.snapshot(folder)["log"] as? String == "store-log.1.jsonl")
        #expect(try Self.snapshot(folder)["format_version"] as? Int == 2)
        let migrated = try ChunkStore.open(location)
        #expect(migrated.chunks == old.chunks && migrated.manifest?.sources == old.manifest?.sources)

        let writer = ChunkStoreWriter(location: location, metadata: metadata)
        try appender.append([try Self.entry(3, writer: writer), try Self.entry(4, writer: writer)])
        let snapshotBytes = try Data(contentsOf: URL(fileURLWithPath: folder.file("store.json")))
        try appender.append([try Self.entry(5, writer: writer)])
        // Appending never rewrites the snapshot.
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.file("store.json"))) == snapshotBytes)
        let grown = try ChunkStore.open(location)
        #expect(grown.chunks.map(\.file) == (0..<6).map { "\($0).npy" })
        #expect(grown.manifest?.sources.map(\.path) == (0..<6).map { "f\($0).sgy" })
        #expect(try grown.read(grown.chunks[5], as: Float.self)[1, 99] == 5)

        // A reader that holds the store reads only the new lines.
        try appender.append([try Self.entry(6, writer: writer)])
        let refreshed = try migrated.refreshed()
        #expect(refreshed.chunks.map(\.file) == (0..<7).map { "\($0).npy" })
        #expect(try refreshed.refreshed().chunks.count == 7)
    }

    @Test("a line cut short by a crash: not read while it has no newline; the next appender reports it and starts from a new snapshot of the whole lines; a bad line inside a log is ignored and reported")
    func tornLine() throws {
        let (folder, location, appender, writer) = try Self.grown(count: 2)
        try appender.append([try Self.entry(2, writer: writer)])
        let whole = try StoreManifestLog.encode([try Self.entry(3, writer: writer)])
        try location.appendDurably(appender.log, bytes: Array(whole.prefix(whole.count / 2)))
        let reader = try ChunkStore.open(location)
        #expect(reader.chunks.map(\.file) == ["0.npy", "1.npy", "2.npy"])
        #expect(reader.manifestProblems.isEmpty, "a line without its newline may be an append in progress")

        // A restarted writer: the torn tail is reported, the whole lines folded into a new snapshot.
        let next = try ManifestAppender(store: ChunkStore.open(location))
        #expect(next.problems.count == 1 && next.problems[0].contains("cut short by a crash"))
        #expect(next.log == "store-log.2.jsonl")
        #expect((try Self.snapshot(folder)["chunks"] as? [Any])?.count == 3)
        try next.append([try Self.entry(4, writer: writer)])
        #expect(try ChunkStore.open(location).chunks.map(\.file) == ["0.npy", "1.npy", "2.npy", "4.npy"])

        // A whole line that is not an entry (e.g. a torn line some other tool ended) is skipped and reported.
        try location.appendDurably(next.log, bytes: Array(whole.prefix(12)) + [UInt8(ascii: "\n")])
        try location.appendDurably(next.log, bytes: try StoreManifestLog.encode([try Self.entry(5, writer: writer)]))
        let after = try ChunkStore.open(location)
        #expect(after.chunks.map(\.file) == ["0.npy", "1.npy", "2.npy", "4.npy", "5.npy"])
        #expect(after.manifestProblems.count == 1)
        #expect(after.manifestProblems.first?.contains("store-log.2.jsonl") == true)
        #expect(after.manifestProblems.first?.contains("was ignored") == true)
    }

    @Test("compaction: the log is folded into a new snapshot once it lists as many chunks; readers holding the old view refresh to the same chunks; the log two generations back is removed")
    func compaction() throws {
        let (folder, location, appender, writer) = try Self.grown(count: 4, minimumCompaction: 2)
        var reader = try ChunkStore.open(location)
        var next = 4
        var logs: [String] = []
        for _ in 0..<20 {
            try appender.append([try Self.entry(next, writer: writer)])
            next += 1
            if try appender.compactIfGrown() { logs.append(appender.log) }
            reader = try reader.refreshed()
            #expect(reader.chunks.map(\.file) == (0..<next).map { "\($0).npy" })
        }
        // Snapshots of 4 (the migration), 8 and 16 chunks: the log is folded when it lists as many chunks as the
        // snapshot; 24 chunks in all, 8 of them in the log.
        #expect(logs == ["store-log.2.jsonl", "store-log.3.jsonl"])
        #expect(appender.logChunks == 8)
        #expect(!FileManager.default.fileExists(atPath: folder.file("store-log.1.jsonl")))
        #expect(FileManager.default.fileExists(atPath: folder.file("store-log.2.jsonl")))
        #expect(try Self.snapshot(folder)["log"] as? String == "store-log.3.jsonl")
        #expect((try Self.snapshot(folder)["chunks"] as? [Any])?.count == 16)
        #expect(try ChunkStore.open(location).chunks.count == 24)
    }

    @Test("a file committed again replaces its earlier chunks")
    func replayReplaces() throws {
        let (folder, location, appender, writer) = try Self.grown(count: 2)
        let moved = try writer.writeChunk(Array2D(rows: 2, columns: 100, repeating: Float(7)),
                                          startTimeNs: 5 * Self.second, source: "f1.sgy")
        try appender.append([StoreManifestLog.Entry(source: SourceRecord(path: "f1.sgy", size: 20), chunks: [moved])])
        let store = try ChunkStore.open(location)
        #expect(store.chunks.map(\.file) == ["0.npy", "5.npy"])
        #expect(store.manifest?.sources.map(\.size) == [10, 20])
        // The snapshot still lists the first ingest: the replacement is in the log only.
        #expect((try Self.snapshot(folder)["chunks"] as? [[String: Any]])?.compactMap { $0["file"] as? String }
                == ["0.npy", "1.npy"])
    }

    @Test("compaction while readers run: every view a reader opens or refreshes is whole (chunks 0..<k, k never going back), none fails")
    func compactionWhileReadersRun() throws {
        let (folder, location, appender, writer) = try Self.grown(count: 2, minimumCompaction: 8)
        let total = 300
        let done = Atomic<Bool>(false)
        let failures = Mutex<[String]>([])
        let views = Atomic<Int>(0)
        let finished = DispatchGroup()
        let readers = (0..<2).map { r in
            Thread {
                defer { finished.leave() }
                var held = try? ChunkStore.open(location)
                var last = 0
                while !done.load(ordering: .acquiring) {
                    do {
                        // One reader holds its view and refreshes it; the other opens the store afresh each time.
                        let view = r == 0 ? try held!.refreshed() : try ChunkStore.open(location)
                        held = view
                        let files = view.chunks.map(\.file)
                        if files != (0..<files.count).map({ "\($0).npy" }) || files.count < last {
                            failures.withLock { $0.append("reader \(r): \(files.count) chunks after \(last)") }
                        }
                        last = files.count
                        views.add(1, ordering: .relaxed)
                    } catch {
                        failures.withLock { $0.append("reader \(r): \(error)") }
                    }
                }
            }
        }
        for reader in readers {
            finished.enter()
            reader.start()
        }
        for i in 2..<total {
            try appender.append([try Self.entry(i, writer: writer)])
            try appender.compactIfGrown()
        }
        Thread.sleep(forTimeInterval: 0.2)
        done.store(true, ordering: .releasing)
        finished.wait()
        #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0 }.prefix(5))")
        #expect(views.load(ordering: .relaxed) > 20)
        #expect(appender.compactions >= 5, "folded \(appender.compactions) times")
        #expect(try ChunkStore.open(location).chunks.count == total)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter(isTemporaryStorageName).isEmpty)
    }
}
