import DistSwiftIngesters
import DistSwiftIO

/// The watch's view of the store it grows. Each batch of newly ingested files is checked against the store (the
/// geometry every file must share, no chunk file claimed twice) and appended to the manifest's log in one durable
/// write (`ManifestAppender`), never by rewriting `store.json`. In memory it keeps a window of the chunks, not all
/// of them: every chunk from `windowStartNs` on, in time order — the caller prunes it to what it still needs (chunks
/// not done, the recent past the journal keeps, and the halo neighbours of both) — so a watch of months holds the
/// recent window, whatever the store's size. A file that lands before the window (a late file from long ago) widens
/// it from the manifest on disk, for the time of its neighbours' processing.
final class LiveStoreIndex {
    let store: any StorageLocation
    /// The window, in time order: every chunk of the store that starts at `windowStartNs` or later.
    private(set) var chunks: [ChunkRecord] = []
    private(set) var chunkIndex: [String: Int] = [:]
    /// Chunks that start before this are in the manifest on disk only (nil: the window is the whole store).
    private(set) var windowStartNs: Int64?
    /// Chunks and files in the whole store.
    private(set) var totalChunks = 0
    private(set) var filesIngested = 0
    private(set) var samplingRateHz = 0.0
    /// Chunks kept before the first one the caller needs, for its halo and its neighbours' halos.
    var margin = 16
    /// Lines of the manifest's log that were ignored when the watch started (cut short by a crash).
    private(set) var problems: [String] = []
    /// Files committed by an earlier watch (or `ingest`) that the manifest did not list when this one started: a
    /// crash came between their commit and their manifest entry. The caller adds them first.
    private(set) var recovered: [SourceIngestRecord] = []
    /// The geometry every file must share: the store's, or the first file's.
    private var reference: SourceIngestRecord?
    private var appender: ManifestAppender?

    init(store: any StorageLocation) throws {
        self.store = store
        var known: Set<String> = []
        if store.exists(StoreManifest.fileName) {
            let opened = try ChunkStore.open(store)
            if let manifest = opened.manifest {
                known = Set(manifest.sources.map(\.path))
                chunks = opened.chunks
                totalChunks = chunks.count
                filesIngested = manifest.sources.count
                samplingRateHz = manifest.samplingRateHz
                reference = SourceIngestRecord(
                    source: manifest.sources.first ?? SourceRecord(path: "the store's files", size: 0),
                    samplingRateHz: manifest.samplingRateHz, channelPositions: opened.channelPositions,
                    dtype: manifest.dtype, chunkSeconds: manifest.chunkSeconds, units: manifest.units,
                    gaugeLengthM: manifest.gaugeLengthM, vendor: manifest.vendor, chunks: [])
                reindex()
                let appender = try ManifestAppender(store: opened)
                problems = appender.problems
                self.appender = appender
            }
        }
        recovered = try StoreAssembler.records(in: store, notAmong: known)
    }

    /// Snapshots written of the manifest (its first, a migration of an older store.json, compactions).
    var manifestCompactions: Int { appender?.compactions ?? 0 }
    /// The manifest's log now, and the chunks it lists.
    var manifestLog: String? { appender?.log }
    var logChunks: Int { appender?.logChunks ?? 0 }

    struct Added {
        /// The files of the new chunks (now in the window).
        var chunkFiles: [String] = []
        /// Files that do not fit the store, with the reason.
        var rejected: [(record: SourceIngestRecord, error: StoreError)] = []
    }

    /// Adds the chunks of newly committed files to the manifest (one append for all of them) and the window. A file
    /// of another geometry, or whose chunks would take another file's chunk names, is rejected, not added. Throws
    /// when the manifest could not be written (nothing is added then; the caller tries again).
    func add(_ records: [SourceIngestRecord]) throws -> Added {
        var added = Added()
        var accepted: [SourceIngestRecord] = []
        var claimed: [String: ChunkRecord] = [:]
        for record in records.sorted(by: { ($0.chunks.first?.startTimeNs ?? 0) < ($1.chunks.first?.startTimeNs ?? 0) }) {
            let geometry = reference ?? accepted.first ?? record
            if let error = StoreAssembler.mismatch(record, with: geometry, store: store) {
                added.rejected.append((record, error))
                continue
            }
            if let earliest = record.chunks.map(\.startTimeNs).min(), let start = windowStartNs, earliest < start {
                try widenWindow(toInclude: earliest)
            }
            let clash = record.chunks.lazy.compactMap { chunk in
                (self.chunkIndex[chunk.file].map { self.chunks[$0] } ?? claimed[chunk.file]).map { (chunk, $0) }
            }.first
            if let (chunk, other) = clash {
                added.rejected.append((record, StoreAssembler.collision(chunk, with: other,
                                                                        samplingRateHz: geometry.samplingRateHz,
                                                                        store: store)))
                continue
            }
            for chunk in record.chunks { claimed[chunk.file] = chunk }
            accepted.append(record)
        }
        guard !accepted.isEmpty else { return added }
        if let appender {
            try appender.append(accepted.map { StoreManifestLog.Entry(source: $0.source, chunks: $0.chunks) })
        } else {
            // The store's first files: its snapshot, naming the log the next files go to.
            _ = try StoreAssembler.assemble(store, records: accepted, log: StoreManifestLog.fileName(generation: 1))
            appender = try ManifestAppender(store: try ChunkStore.open(store))
            reference = accepted[0]
            reference?.chunks = []
            samplingRateHz = accepted[0].samplingRateHz
        }
        let newChunks = accepted.flatMap(\.chunks).sorted { $0.startTimeNs < $1.startTimeNs }
        if let last = chunks.last, let first = newChunks.first, first.startTimeNs < last.startTimeNs {
            chunks = (chunks + newChunks).sorted { $0.startTimeNs < $1.startTimeNs }
        } else {
            chunks += newChunks
        }
        reindex()
        totalChunks += newChunks.count
        filesIngested += accepted.count
        added.chunkFiles = newChunks.map(\.file)
        return added
    }

    /// Folds the manifest's log into a new snapshot once it has grown as large as the snapshot.
    func compactManifestIfDue() throws {
        try appender?.compactIfGrown()
    }

    /// Forgets the window's chunks before `index` (they stay in the manifest on disk).
    func prune(keepingFrom index: Int) {
        guard index > 0, index < chunks.count else { return }
        chunks.removeFirst(index)
        windowStartNs = chunks.first?.startTimeNs
        reindex()
    }

    /// Reads the window back from the manifest on disk from `margin` chunks before `startNs` on.
    private func widenWindow(toInclude startNs: Int64) throws {
        let onDisk = try ChunkStore.open(store).chunks
        let at = onDisk.firstIndex { $0.startTimeNs >= startNs } ?? onDisk.count
        let from = max(0, at - margin)
        chunks = Array(onDisk[from...])
        windowStartNs = from == 0 ? nil : chunks.first?.startTimeNs
        reindex()
    }

    private func reindex() {
        chunkIndex = Dictionary(chunks.enumerated().map { ($1.file, $0) }, uniquingKeysWith: { a, _ in a })
    }
}
