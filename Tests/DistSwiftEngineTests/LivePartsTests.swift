import DistSwiftControllers
import DistSwiftIO
import DistSwiftTestSupport
import DistSwiftWorkers
import Foundation
import Testing

/// The parts of `distswift watch` that need no process: when a file counts as complete, the task names, and the
/// journal's compaction. `WatchTests` (CLI) runs the whole watch with real processes.
@Suite("Live watch parts")
struct LivePartsTests {
    @Test("a file renamed into place is taken at once; a growing one only after its size settled")
    func arrivals() {
        var tracker = ArrivalTracker(settleSeconds: 1)
        let s: Int64 = 1_000_000_000
        tracker.renamedIntoPlace("a.sgy", atNs: 5 * s)
        let first = tracker.update([.init(path: "a.sgy", size: 100, stamp: "1"),
                                    .init(path: "b.sgy", size: 10, stamp: "1")], nowNs: 5 * s)
        #expect(first == [.init(path: "a.sgy", size: 100, arrivedNs: 5 * s)])
        // b grows, then stays at its size: complete one settle time after it was first seen at its final size.
        #expect(tracker.update([.init(path: "b.sgy", size: 20, stamp: "2")], nowNs: 6 * s).isEmpty)
        #expect(tracker.update([.init(path: "b.sgy", size: 20, stamp: "2")], nowNs: 6 * s + s / 2).isEmpty)
        #expect(tracker.update([.init(path: "b.sgy", size: 20, stamp: "2")], nowNs: 7 * s)
                == [.init(path: "b.sgy", size: 20, arrivedNs: 6 * s)])
        // A rewrite with the same size but a new stamp starts the settle time again; an empty file never completes.
        #expect(tracker.update([.init(path: "c.sgy", size: 0, stamp: "1")], nowNs: 8 * s).isEmpty)
        #expect(tracker.update([.init(path: "c.sgy", size: 0, stamp: "1")], nowNs: 20 * s).isEmpty)
        #expect(tracker.settling == 1)
    }

    @Test("temporary and hidden names are never candidates")
    func candidates() {
        #expect(InputWatch.isCandidate("day1/a.sgy"))
        for name in [".a.sgy", "day1/.partial/a.sgy", "a.sgy.tmp", "a.part", "a.SGY.PARTIAL", "a.sgy~"] {
            #expect(!InputWatch.isCandidate(name), "\(name)")
        }
    }

    @Test("task names round-trip, including chunk names with colons and batches of names with any character")
    func taskNames() {
        for task in [LiveTask.ingest(["day 1/a:b.sgy"]),
                     .ingest(["day 1/a:b.sgy", "b \"quoted\", [1].sgy", "c\nnewline.sgy"]),
                     .process(chunks: ["1704067200.npy"], storeChunks: 12, provisional: false),
                     .process(chunks: ["17:04.npy"], storeChunks: 3, provisional: true),
                     .process(chunks: ["1704067200.npy", "17:04.npy"], storeChunks: 40, provisional: false)] {
            #expect(LiveTask(id: task.id) == task, "\(task.id)")
        }
        // One item keeps the one-item name (what a run.json or a log of an earlier version shows).
        #expect(LiveTask.ingest(["a.sgy"]).id == "ingest:a.sgy")
        #expect(LiveTask.process(chunks: ["1.npy"], storeChunks: 2, provisional: false).id == "process:2:1.npy")
        #expect(LiveTask(id: "process:x:1.npy") == nil)
        #expect(LiveTask(id: "1.npy") == nil)
        #expect(LiveTask(id: "ingest-files:[]") == nil)
        #expect(LiveTask(id: "process-chunks:3:not json") == nil)
    }

    @Test("ready items are spread over the workers first, in batches of at most 16, never held back")
    func batches() {
        let names = (0..<100).map { "\($0).sgy" }
        #expect(LiveBatching.batches([], workers: 2).isEmpty)
        #expect(LiveBatching.batches(["a"], workers: 2) == [["a"]])
        #expect(LiveBatching.batches(Array(names[0..<3]), workers: 2) == [["0.sgy", "1.sgy"], ["2.sgy"]])
        let many = LiveBatching.batches(names, workers: 2)
        #expect(many.allSatisfy { $0.count <= LiveBatching.largest } && many.count == 7)
        #expect(many.flatMap { $0 } == names, "every item once, in order")
    }

    @Test("a batched task's failed items travel in its note; other notes name none")
    func itemFailures() {
        let failures = LiveItemFailures(failed: [.init(name: "b.sgy", error: "truncated\nat 35 bytes", worthRetrying: false),
                                                 .init(name: "c.sgy", error: "EIO", worthRetrying: true)])
        #expect(LiveItemFailures(note: failures.note) == failures)
        #expect(LiveItemFailures(failed: []).note == nil)
        #expect(LiveItemFailures(note: "3 chunks").failed.isEmpty)
        #expect(LiveItemFailures(note: nil).failed.isEmpty)
    }

    @Test("the journal compacts to a watermark and keeps what a restart needs")
    func compaction() throws {
        let folder = try TemporaryFolder("distswift-live-journal")
        let store = LocalStorage(root: folder.path)
        let chunks = (0..<250).map {
            ChunkRecord(file: "\(1_700_000_000 + $0).npy", startTimeNs: Int64(1_700_000_000 + $0) * 1_000_000_000,
                        samples: 1000, partial: false)
        }
        let journal = try LiveJournal(location: store, fingerprint: "f", compactAfterLines: 200)
        // All but chunk 240 done; the last provisional; one rejected file.
        for (i, chunk) in chunks.enumerated() where i != 240 {
            try journal.recordChunk(chunk, provisional: i == 249, reads: [])
        }
        try journal.recordRejected("bad.sgy", size: 7, error: "truncated")
        #expect(journal.lineCount == 250)
        try journal.compactIfGrown(chunks: chunks)
        #expect(journal.lineCount < 20, "\(journal.lineCount) lines after compaction")
        let reread = try LiveJournal(location: store, fingerprint: "f")
        for (i, chunk) in chunks.enumerated() {
            #expect(reread.state.isDone(chunk) == (i != 240 && i != 249), "\(chunk.file)")
        }
        #expect(reread.state.provisional == [chunks[249].file])
        #expect(reread.state.rejected == ["bad.sgy": 7])
        // Another graph's journal counts none of them done.
        let other = try LiveJournal(location: store, fingerprint: "g")
        #expect(!chunks.contains { other.state.isDone($0) })
    }

    static func chunks(_ count: Int) -> [ChunkRecord] {
        (0..<count).map {
            ChunkRecord(file: "\(1_700_000_000 + $0).npy", startTimeNs: Int64(1_700_000_000 + $0) * 1_000_000_000,
                        samples: 1000, partial: false)
        }
    }

    @Test("what a chunk's halo read survives compaction and a restart; a stale chunk is not done until journalled again")
    func readsAndStale() throws {
        let folder = try TemporaryFolder("distswift-live-journal")
        let store = LocalStorage(root: folder.path)
        let chunks = Self.chunks(3000)
        let journal = try LiveJournal(location: store, fingerprint: "f", compactAfterLines: 200)
        for (i, chunk) in chunks.enumerated() {
            try journal.recordChunk(chunk, provisional: false, reads: i > 0 ? [chunks[i - 1].file] : [])
        }
        try journal.compactIfGrown(chunks: chunks)
        #expect(journal.lineCount == LiveJournal.keptRecent + 1, "the watermark and the newest chunks")
        let reread = try LiveJournal(location: store, fingerprint: "f")
        #expect(reread.state.reads.count == LiveJournal.keptRecent)
        #expect(reread.state.reads[chunks[2999].file] == [chunks[2998].file])
        #expect(chunks.allSatisfy { reread.state.isDone($0) })
        // A late file beside chunk 10 (under the watermark) and chunk 2500: both are no longer done, until
        // journalled again.
        reread.markStale(chunks[10].file)
        reread.markStale(chunks[2500].file)
        #expect(!reread.state.isDone(chunks[10]) && !reread.state.isDone(chunks[2500]))
        #expect(reread.state.isDone(chunks[11]))
        try reread.recordChunk(chunks[2500], provisional: false, reads: ["x.npy"])
        #expect(reread.state.isDone(chunks[2500]) && reread.state.reads[chunks[2500].file] == ["x.npy"])
    }

    @Test("5,000 chunks journalled one by one (synced, ~2 ms each), compacted as a watch does: the journal stays bounded")
    func boundedJournal() throws {
        let folder = try TemporaryFolder("distswift-live-journal")
        let store = LocalStorage(root: folder.path)
        let chunks = Self.chunks(5000)
        let journal = try LiveJournal(location: store, fingerprint: "f")
        var largest = 0
        for (i, chunk) in chunks.enumerated() {
            try journal.recordChunk(chunk, provisional: false, reads: i > 0 ? [chunks[i - 1].file] : [])
            // The watch compacts at each report (every few seconds, i.e. every few chunks).
            if i % 10 == 9 { try journal.compactIfGrown(chunks: Array(chunks[...i])) }
            largest = max(largest, journal.lineCount)
        }
        let bytes = try store.readAll(LiveJournal.path).count
        #expect(largest <= 2 * LiveJournal.defaultCompactAfterLines + 10, "\(largest) lines at most")
        #expect(bytes < 400_000, "\(bytes) bytes after 5,000 chunks")
        #expect(journal.state.done.count <= 2 * LiveJournal.defaultCompactAfterLines)
        print("journal after 5,000 chunks: \(journal.lineCount) lines, \(bytes) bytes (largest \(largest) lines)")
    }
}
