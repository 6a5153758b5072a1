import DistSwiftIngesters
import DistSwiftIO

/// `ingest`: one input file per task, cut into chunks in the store by `FileIngester`, which also writes the file's
/// per-source record. The controller assembles `store.json` from those records after the last task. In a local
/// store the files a worker ingests in a row are committed as a group (`IngestStaging`): one sync for many small
/// files, and each task is answered only after its group is durable.
public struct IngestJob: WorkerJob {
    public let ingester: FileIngester

    /// `batchesRecords`: a group's per-source records are one file with a name per source (the watch; `ingest`
    /// writes a record file per source, as ever).
    public init(config: SystemConfig, settings: IngestSettings, batchesRecords: Bool = false) {
        ingester = FileIngester(input: config.input, store: config.output, options: settings.options(config),
                                staging: IngestStaging(store: config.output, batchesRecords: batchesRecords))
    }

    public var commitsInGroups: Bool { ingester.staging != nil }

    public func commit() throws {
        try ingester.staging?.commit()
    }

    public func prepareWorker() {
        WorkerEnvironment.configureForPoolWorker()
    }

    public func perform(_ taskID: String) throws -> TaskOutcome {
        let previous = ingester.previousRecord(of: taskID)?.source.sha256
        let record = try ingester.ingest(taskID)
        let changed = previous != nil && previous != record.source.sha256
        return TaskOutcome(bytes: record.source.size, note: "\(record.chunks.count) chunks"
            + (changed ? " (re-ingested: its content changed since it was last ingested)" : ""))
    }
}
