import DistSwiftIO

/// Group commits for a worker that ingests many files: the chunks of every file ingested since the last commit
/// are made durable together and put in place, then their per-source records and change stamps the same way. A
/// record therefore never names a chunk that is not whole on disk, and a crash before `commit` leaves only hidden
/// temporary files: the files of the group are ingested again, nothing reported done is lost.
public final class IngestStaging: Sendable {
    public let chunks: GroupCommit
    public let records: GroupCommit

    /// nil for a store that is not a local folder (object stores make each write durable on their own).
    public init?(store: any StorageLocation) {
        guard let folder = store as? LocalStorage else { return nil }
        chunks = GroupCommit(folder)
        records = GroupCommit(folder)
    }

    /// Files ingested and not yet committed.
    public var pendingCount: Int { records.pendingCount }

    /// Runs one file's ingest; when it fails, what it staged is removed, so the group commits only whole files.
    func ingestingOneFile<T>(_ body: () throws -> T) throws -> T {
        let (chunkMark, recordMark) = (chunks.pendingCount, records.pendingCount)
        do {
            return try body()
        } catch {
            chunks.rollBack(toPending: chunkMark)
            records.rollBack(toPending: recordMark)
            throw error
        }
    }

    public func commit() throws {
        do {
            try chunks.commit()
        } catch {
            records.discard()
            throw error
        }
        try records.commit()
    }
}
