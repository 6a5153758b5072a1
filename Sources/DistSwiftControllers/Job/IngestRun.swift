import DistSwiftIngesters
import DistSwiftIO
import DistSwiftWorkers

/// `distswift ingest` as a pooled job: one task per input file (hidden files excluded), each ingested by a worker
/// with `FileIngester`, which writes the file's chunks and then its per-source record. Those records are the
/// resume state: a rerun skips a file whose record, size and chunks are all there. After the pool, the controller
/// assembles `store.json` once from every record.
public struct IngestRun: DistributedJob {
    public let config: SystemConfig
    public let settings: IngestSettings
    public let ingester: FileIngester

    /// Compare every finished file's SHA-256 with the recorded one, not only those whose time changed.
    public let verifySources: Bool

    public init(config: SystemConfig, settings: IngestSettings, verifySources: Bool = false) {
        self.config = config
        self.settings = settings
        self.verifySources = verifySources
        ingester = FileIngester(input: config.input, store: config.output, options: settings.options(config))
    }

    public var name: String { "ingest" }
    public var taskNoun: String { "files" }
    public var spec: JobSpec {
        JobSpec(systemConfig: config.file, work: .ingest(settings), fingerprint: fingerprint)
    }
    public var reportLocation: any StorageLocation { config.output }
    public var fingerprint: String { settings.fingerprint }

    public func taskIDs() throws -> [String] {
        try config.input.listFiles(recursivelyUnder: "").filter { path in
            !path.split(separator: "/").contains { $0.hasPrefix(".") }
        }
    }

    public func finishedEarlier(among tasks: [String]) throws -> Set<String> {
        Set(tasks.filter { ingester.isAlreadyIngested($0, verify: verifySources) })
    }

    public func prepare() throws {}

    public func recordFinished(_ attempt: TaskAttempt) throws {}

    public func message(finished attempt: TaskAttempt) -> String? {
        "ingested \(attempt.id): \(attempt.note ?? "done")"
    }

    public func messages(skipped tasks: [String]) -> [String] {
        tasks.map { "skipped \($0) (already ingested; --force redoes it)" }
    }

    /// Writes `store.json`, `measured_depth.npy` and `time.npy` from every per-source record in the store.
    public func assembleStore() throws -> StoreManifest {
        try StoreAssembler.assemble(config.output)
    }
}
