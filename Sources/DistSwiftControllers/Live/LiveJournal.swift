import DistSwiftIO
import DistSwiftWorkers
import Foundation

/// What `distswift watch` has done, kept so that a watch stopped any way (Ctrl-C, SIGTERM, kill -9, a power cut)
/// resumes without redoing or missing anything: one JSON line per processed chunk and per rejected file, appended
/// and synced after the worker answered (i.e. after the outputs were renamed into place). Files that were
/// ingested need no line: their per-source record in the store (written last by the ingester) is the proof, as
/// for `ingest`.
///
/// A final chunk's line names the chunks its time halo read (`reads`): a file that arrives late, after a chunk
/// beside it was processed as if a gap were there, changes what that chunk's halo would read, and the chunk is no
/// longer done (`staleChunks`) — also after a restart, since the line says what was read.
///
/// Bounded for runs of months: when the file has grown past twice its size at the last compaction (and at least
/// `compactAfterLines` lines), it is rewritten atomically as a watermark ("every final chunk that starts before T
/// is done": T is the start of the oldest chunk not done, or of the `keptRecent`-th newest chunk if earlier) plus
/// the done chunks after it (with what they read, for late files) and the rejected files — so it holds what is
/// still in flight and the recent past, not the whole history.
///
/// In `{store}/.distswift/live-journal.jsonl`.
public final class LiveJournal: @unchecked Sendable {
    public static let path = RunJournal.folder + "/live-journal.jsonl"
    public static let defaultCompactAfterLines = 2000
    /// The newest chunks a compaction keeps line by line (a late file among them is still noticed after a restart).
    public static let keptRecent = 1000

    struct Entry: Codable, Equatable {
        enum Kind: String, Codable { case chunk, rejected, watermark }
        var kind: Kind
        /// The chunk's file name, or the rejected file's path.
        var name: String
        var fingerprint: String?
        var startNs: Int64?
        /// Processed before its neighbour arrived: done again when it does.
        var provisional: Bool?
        var size: Int?
        var error: String?
        /// A final chunk's halo: the chunks it read samples of, in time order.
        var reads: [String]?
    }

    /// What the journal says, as a restarted watch needs it.
    public struct State: Sendable {
        /// Every final chunk starting before this is done (nil: no watermark yet).
        public var doneBeforeNs: Int64?
        public var done: Set<String> = []
        /// What each recent final chunk's halo read (the chunks covered by the watermark only have none).
        public var reads: [String: [String]] = [:]
        /// Chunks whose halo is wrong now (a late file): not done, whatever the watermark says.
        public var stale: Set<String> = []
        public var provisional: Set<String> = []
        /// Rejected files with the size they had (not tried again by the watch; `distswift ingest` says why).
        public var rejected: [String: Int] = [:]

        public func isDone(_ chunk: ChunkRecord) -> Bool {
            !stale.contains(chunk.file)
                && (done.contains(chunk.file) || (doneBeforeNs.map { chunk.startTimeNs < $0 } ?? false))
        }
    }

    private let location: any StorageLocation
    private let fingerprint: String
    private let compactAfterLines: Int
    private let recentKept: Int
    private var lines = 0
    private var linesAtCompaction = 0
    public private(set) var state = State()
    /// Lines recorded but not yet written (`recordChunk(…, deferred: true)`), and when the first of them was.
    private var pending: [UInt8] = []
    private var pendingLines = 0
    private(set) var pendingSinceNs: Int64?

    /// Reads the journal (a torn last line, from a kill during an append, is ended and ignored).
    /// `compactAfterLines`: the fewest lines a compaction is worth; `keptRecent`: the newest chunks it keeps line by
    /// line.
    public init(location: any StorageLocation, fingerprint: String,
                compactAfterLines: Int = LiveJournal.defaultCompactAfterLines,
                keptRecent: Int = LiveJournal.keptRecent) throws {
        self.location = location
        self.fingerprint = fingerprint
        self.compactAfterLines = compactAfterLines
        recentKept = keptRecent
        guard location.exists(Self.path) else { return }
        let bytes = try location.readAll(Self.path)
        if let last = bytes.last, last != UInt8(ascii: "\n") {
            try location.appendDurably(Self.path, bytes: [UInt8(ascii: "\n")])
        }
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            lines += 1
            guard let entry = try? JSONDecoder().decode(Entry.self, from: Data(line)) else { continue }
            apply(entry)
        }
        linesAtCompaction = lines
    }

    private func apply(_ entry: Entry) {
        switch entry.kind {
        case .chunk where entry.fingerprint == fingerprint:
            state.stale.remove(entry.name)
            if entry.provisional == true {
                state.provisional.insert(entry.name)
            } else {
                state.provisional.remove(entry.name)
                state.done.insert(entry.name)
                state.reads[entry.name] = entry.reads
            }
        case .watermark where entry.fingerprint == fingerprint:
            state.doneBeforeNs = max(state.doneBeforeNs ?? .min, entry.startNs ?? .min)
        case .rejected:
            state.rejected[entry.name] = entry.size ?? 0
        default:
            break
        }
    }

    /// Records a processed chunk and the chunks its halo read; returns once the line is on disk — or, `deferred`,
    /// at once, the line kept for the next `flush` (many chunks finishing together cost one synced write; a chunk
    /// whose line a crash loses is processed again, its outputs rewritten with the same content). The state says
    /// the chunk is done either way.
    public func recordChunk(_ chunk: ChunkRecord, provisional: Bool, reads: [String], deferred: Bool = false) throws {
        let entry = Entry(kind: .chunk, name: chunk.file, fingerprint: fingerprint, startNs: chunk.startTimeNs,
                          provisional: provisional ? true : nil, reads: provisional ? nil : reads)
        guard deferred else { return try append(entry) }
        pending += Array((try TaskLine.encode(entry) + "\n").utf8)
        pendingLines += 1
        if pendingSinceNs == nil { pendingSinceNs = WallClock.nowNs }
        apply(entry)
    }

    /// Lines deferred and not written yet.
    public var unwrittenLines: Int { pendingLines }

    /// Writes the deferred lines in one synced append.
    public func flush() throws {
        guard !pending.isEmpty else { return }
        try location.appendDurably(Self.path, bytes: pending)
        lines += pendingLines
        pending = []
        pendingLines = 0
        pendingSinceNs = nil
    }

    /// A done chunk must be processed again: its halo would read other chunks now (a file arrived late). Kept in
    /// memory only: after a restart its journal line still names what it read, and the difference shows again.
    public func markStale(_ file: String) {
        state.stale.insert(file)
        state.done.remove(file)
        state.reads[file] = nil
    }

    /// Records a file that could not be ingested (corrupt, truncated, not a record), so it is not tried again.
    public func recordRejected(_ path: String, size: Int, error: String) throws {
        try append(Entry(kind: .rejected, name: path, size: size, error: error))
    }

    private func append(_ entry: Entry) throws {
        try flush()  // the lines stay in order
        try location.appendDurably(Self.path, bytes: Array((try TaskLine.encode(entry) + "\n").utf8))
        apply(entry)
        lines += 1
    }

    /// Rewrites the journal compactly when it has grown enough; `chunks`: the store's chunks in time order.
    public func compactIfGrown(chunks: [ChunkRecord]) throws {
        try flush()
        guard lines >= compactAfterLines, lines >= 2 * linesAtCompaction else { return }
        let oldestOpen = chunks.first { !state.isDone($0) || state.provisional.contains($0.file) }
        var watermark = oldestOpen?.startTimeNs ?? ((chunks.last?.startTimeNs ?? 0) + 1)
        if chunks.count > recentKept {
            watermark = min(watermark, chunks[chunks.count - recentKept].startTimeNs)
        }
        var entries = [Entry(kind: .watermark, name: "", fingerprint: fingerprint, startNs: watermark)]
        for chunk in chunks where chunk.startTimeNs >= watermark {
            if state.provisional.contains(chunk.file) {
                entries.append(Entry(kind: .chunk, name: chunk.file, fingerprint: fingerprint,
                                     startNs: chunk.startTimeNs, provisional: true))
            } else if state.done.contains(chunk.file) {
                entries.append(Entry(kind: .chunk, name: chunk.file, fingerprint: fingerprint,
                                     startNs: chunk.startTimeNs, reads: state.reads[chunk.file]))
            }
        }
        for (path, size) in state.rejected.sorted(by: { $0.key < $1.key }) {
            entries.append(Entry(kind: .rejected, name: path, size: size))
        }
        let text = try entries.map { try TaskLine.encode($0) + "\n" }.joined()
        try location.write(Self.path, bytes: Array(text.utf8))
        // The in-memory state shrinks the same way: chunks below the watermark are covered by it.
        state.doneBeforeNs = watermark
        let kept = Set(chunks.lazy.filter { $0.startTimeNs >= watermark }.map(\.file))
        state.done.formIntersection(kept)
        state.reads = state.reads.filter { kept.contains($0.key) }
        lines = entries.count
        linesAtCompaction = lines
    }

    /// Lines in the journal now (for the report).
    public var lineCount: Int { lines }
}
