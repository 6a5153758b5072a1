/// Grows a store's manifest a batch of files at a time: appends their entries to the log the snapshot names (one
/// durable write per batch), and folds the log into a new snapshot once the log lists as many chunks as the
/// snapshot (so a store of N chunks has rewritten O(N) bytes in all, not O(N) per file). One appender per store at a
/// time: the run lock's holder (`distswift watch`).
public final class ManifestAppender {
    public let location: any StorageLocation
    /// The log entries are appended to.
    public private(set) var log: String
    /// Chunks listed in the snapshot, and in its log since.
    public private(set) var snapshotChunks: Int
    public private(set) var logChunks = 0
    /// Snapshots written by this appender (the first, or a migration, included).
    public private(set) var compactions = 0
    /// The fewest log chunks worth folding into a new snapshot.
    public let minimumCompaction: Int
    public static let defaultMinimumCompaction = 1000
    /// What was wrong with the log when the appender started (lines cut short by a crash: ignored), for people.
    public private(set) var problems: [String] = []

    /// Starts appending to `store`'s manifest. A snapshot without a log (written whole by `ingest`, or by a
    /// distswift before the log) is rewritten once naming one — the migration — and a log that already holds
    /// entries (a watch that stopped) is folded into a new snapshot, so the appender starts from an empty log.
    public init(store: ChunkStore, minimumCompaction: Int = ManifestAppender.defaultMinimumCompaction) throws {
        guard let manifest = store.manifest else {
            throw StoreError(location: store.location.description,
                             problem: "has no store.json (a store written by distpy); it cannot be grown a file "
                                 + "at a time", fix: "ingest its source files into a new store with distswift")
        }
        location = store.location
        self.minimumCompaction = minimumCompaction
        snapshotChunks = manifest.chunks.count
        let generation = store.manifestLog.flatMap(StoreManifestLog.generation(of:))
        log = store.manifestLog ?? StoreManifestLog.fileName(generation: 1)
        problems = store.manifestProblems
        let logSize = store.manifestLog.map { (try? location.openForReading($0).size()) ?? 0 }
        if let log = store.manifestLog, let size = logSize, let position = store.manifestPosition,
           size > position.logOffset {
            // This appender is the store's only writer (the run lock): bytes after the last whole line are the
            // part of a line the last writer did not finish.
            problems.append("\(location.address(of: log)): its last \(size - position.logOffset) bytes are a line "
                            + "cut short by a crash (no newline) and were ignored")
        }
        if logSize == nil || logSize! > 0 {
            // Starting from an empty log: nothing is ever appended after a torn line.
            try writeSnapshot(manifest, generation: (generation ?? 0) + 1)
        }
    }

    /// Appends `entries` to the log and returns once they are on disk.
    public func append(_ entries: [StoreManifestLog.Entry]) throws {
        guard !entries.isEmpty else { return }
        try location.appendDurably(log, bytes: try StoreManifestLog.encode(entries))
        logChunks += entries.reduce(0) { $0 + $1.chunks.count }
    }

    /// Whether the log has grown enough to be folded into a new snapshot.
    public var isDueForCompaction: Bool { logChunks >= max(minimumCompaction, snapshotChunks) }

    /// Folds the log into a new snapshot when it has grown as large as the snapshot; says whether it did.
    @discardableResult
    public func compactIfGrown() throws -> Bool {
        guard isDueForCompaction else { return false }
        try compact()
        return true
    }

    /// Writes a new snapshot of everything (the old snapshot and its log), naming a new, empty log.
    public func compact() throws {
        let store = try ChunkStore.open(location)
        guard let manifest = store.manifest else { return }
        try writeSnapshot(manifest, generation: (StoreManifestLog.generation(of: log) ?? 0) + 1)
    }

    /// Writes `manifest` as the snapshot of `generation` (atomically: temporary name, then rename), then removes
    /// the log two generations back: the previous one stays for readers that read the previous snapshot a moment
    /// ago (and a reader that finds its log gone reads the new snapshot: `ChunkStore.open`).
    private func writeSnapshot(_ manifest: StoreManifest, generation: Int) throws {
        let newLog = StoreManifestLog.fileName(generation: generation)
        // A log of that name left by an earlier life of the store (before `ingest` rewrote it whole) is not this
        // snapshot's: it must be empty when the snapshot names it.
        try location.remove(newLog)
        try ChunkStoreWriter(location: location, metadata: manifest)
            .commit(chunks: manifest.chunks, sources: manifest.sources, log: newLog)
        if generation >= 2 { try? location.remove(StoreManifestLog.fileName(generation: generation - 2)) }
        log = newLog
        snapshotChunks = manifest.chunks.count
        logChunks = 0
        compactions += 1
    }
}
