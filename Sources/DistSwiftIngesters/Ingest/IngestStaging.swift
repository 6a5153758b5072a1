import DistSwiftIO
import Synchronization

/// Group commits for a worker that ingests many files: the chunks of every file ingested since the last commit
/// are made durable together and put in place, then their per-source records the same way. A record therefore
/// never names a chunk that is not whole on disk, and a crash before `commit` leaves only hidden temporary files:
/// the files of the group are ingested again, nothing reported done is lost.
///
/// With `batchesRecords` (the watch), the records of a group are one file with a name for each source
/// (`SourceRecordBatch`): one file created per group instead of one per input file.
public final class IngestStaging: Sendable {
    public let chunks: GroupCommit
    public let records: GroupCommit
    public let batchesRecords: Bool
    /// Records of the files ingested since the last commit, when they are written as one batch at the commit.
    private let held = Mutex<[SourceIngestRecord]>([])

    /// nil for a store that is not a local folder (object stores make each write durable on their own).
    public init?(store: any StorageLocation, batchesRecords: Bool = false) {
        guard let folder = store as? LocalStorage else { return nil }
        chunks = GroupCommit(folder)
        records = GroupCommit(folder)
        self.batchesRecords = batchesRecords
    }

    /// Files ingested and not yet committed.
    public var pendingCount: Int { records.pendingCount + held.withLock { $0.count } }

    /// Writes a file's record for the group: staged at once, or held for the group's batch.
    func write(_ record: SourceIngestRecord) throws {
        if batchesRecords {
            held.withLock { $0.append(record) }
        } else {
            try records.write(SourceIngestRecord.path(for: record.source.path), bytes: try record.encoded())
        }
    }

    /// Runs one file's ingest; when it fails, what it staged is removed, so the group commits only whole files.
    func ingestingOneFile<T>(_ body: () throws -> T) throws -> T {
        let (chunkMark, recordMark) = (chunks.pendingCount, records.pendingCount)
        let heldMark = held.withLock { $0.count }
        do {
            return try body()
        } catch {
            chunks.rollBack(toPending: chunkMark)
            records.rollBack(toPending: recordMark)
            held.withLock { $0.removeLast($0.count - heldMark) }
            throw error
        }
    }

    public func commit() throws {
        let batch = held.withLock { records in
            defer { records = [] }
            // A file ingested twice in one group (tried again) is named once, with its last record.
            var seen: Set<String> = []
            return Array(records.reversed().filter { seen.insert($0.source.path).inserted }.reversed())
        }
        do {
            try chunks.commit()
            // Staged only now, after the chunks are in place, and synced in the records' own group: a record is
            // durable and named only after every chunk it lists.
            if batch.count == 1 {
                try records.write(SourceIngestRecord.path(for: batch[0].source.path), bytes: try batch[0].encoded())
            } else if !batch.isEmpty {
                try records.writeAtomically(names: batch.map { SourceIngestRecord.path(for: $0.source.path) },
                                            bytes: try SourceRecordBatch(records: batch).encoded())
            }
        } catch {
            records.discard()
            throw error
        }
        try records.commit()
    }
}
