import DistSwiftIO

/// One input file → chunks in the store: the per-file worker of `distswift ingest`.
public struct FileIngester: Sendable {
    public let input: any StorageLocation
    public let store: any StorageLocation
    public let options: IngestOptions
    /// When set, chunks and records are written for a group commit (`IngestStaging.commit`) instead of each being
    /// made durable on its own; nil for the controller, which only reads.
    public let staging: IngestStaging?
    /// Record files read back, the last one kept decoded (a batch's names are read in a row).
    private let recordFiles = SourceRecordFiles()

    public init(input: any StorageLocation, store: any StorageLocation, options: IngestOptions,
                staging: IngestStaging? = nil) {
        self.input = input
        self.store = store
        self.options = options
        self.staging = staging
    }

    /// True when `sourcePath` was fully ingested before and has not changed since: its record exists, its chunks
    /// are all present, it has the recorded size, and either its change stamp (modification time and inode, or
    /// ETag) is the recorded one or its SHA-256 is (a file rewritten with the same size is re-ingested). `verify`
    /// compares the SHA-256 whatever the stamp says; where no stamp is known the size is trusted unless `verify`.
    public func isAlreadyIngested(_ sourcePath: String, verify: Bool = false) -> Bool {
        guard let record = previousRecord(of: sourcePath),
              let reader = try? input.openForReading(sourcePath), let size = try? reader.size(),
              record.source.size == size, record.chunks.allSatisfy({ store.exists($0.file) })
        else { return false }
        let stamp = input.changeStamp(sourcePath)
        if !verify && (stamp == nil || stamp == (record.changeStamp ?? recordedChangeStamp(of: sourcePath))) {
            return true
        }
        guard let recorded = record.source.sha256 else { return !verify && stamp == nil }
        return (try? input.withLocalFile(sourcePath) { try SourceDigest.sha256(ofFile: $0) }) == recorded
    }

    /// Where stores ingested before the change stamp moved into the per-source record keep it (read, never
    /// written now).
    static func changeStampPath(for sourcePath: String) -> String {
        ".distswift/source-stamps/" + SourceIngestRecord.flattened(sourcePath)
    }

    func recordedChangeStamp(of sourcePath: String) -> String? {
        (try? store.readAll(Self.changeStampPath(for: sourcePath))).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The record of an earlier ingest of `sourcePath`, if any: the file of its own, or its entry in a batch.
    public func previousRecord(of sourcePath: String) -> SourceIngestRecord? {
        let recordPath = SourceIngestRecord.path(for: sourcePath)
        guard store.exists(recordPath), let bytes = try? store.readAll(recordPath) else { return nil }
        return (try? recordFiles.decode(bytes))?.record(of: sourcePath)
    }

    /// Ingests one file and returns what it wrote. The format readers (HDF5, segyio, TDMS) need a local file: a
    /// file in an object store is copied to local scratch for the time of its ingest (docs/storage.md).
    public func ingest(_ sourcePath: String) throws -> SourceIngestRecord {
        guard let staging else { return try ingestNow(sourcePath) }
        return try staging.ingestingOneFile { try ingestNow(sourcePath) }
    }

    private func ingestNow(_ sourcePath: String) throws -> SourceIngestRecord {
        try input.withLocalFile(sourcePath) { local in
            do {
                var record = try ingest(sourcePath, from: local)
                record.source.sha256 = try SourceDigest.sha256(ofFile: local)
                record.changeStamp = input.changeStamp(sourcePath)
                if record.changeStamp == nil {
                    // An older ingest's stamp file would otherwise stand for this file's (absent) stamp.
                    try store.remove(Self.changeStampPath(for: sourcePath))
                }
                if let staging {
                    try staging.write(record)
                } else {
                    try store.write(SourceIngestRecord.path(for: sourcePath), bytes: try record.encoded())
                }
                return record
            } catch let error as RecordError where error.file == local && input.localPath(of: sourcePath) == nil {
                // Name the object, not its scratch copy.
                throw RecordError(file: input.address(of: sourcePath), problem: error.problem, fix: error.fix)
            }
        }
    }

    private func ingest(_ sourcePath: String, from local: String) throws -> SourceIngestRecord {
        let reader = try RecordFormats.open(local, layout: options.layout, select: options.select)
        let m = reader.metadata
        let dtype: ElementType
        switch options.outputType {
        case .float32: dtype = .float32
        case .float64: dtype = .float64
        case .raw:
            guard let stored = m.storedType else {
                throw RecordError(file: local, problem: "stores a type the chunk store cannot hold as it is",
                                  fix: "ingest as float32 or float64")
            }
            dtype = stored
        }
        switch dtype {
        case .float32: return try write(reader, sourcePath: sourcePath, as: Float.self)
        case .float64: return try write(reader, sourcePath: sourcePath, as: Double.self)
        case .int16: return try write(reader, sourcePath: sourcePath, as: Int16.self)
        case .int32: return try write(reader, sourcePath: sourcePath, as: Int32.self)
        }
    }

    private func write<T: StorableScalar>(_ reader: any RecordSource, sourcePath: String, as type: T.Type) throws
        -> SourceIngestRecord
    {
        let m = reader.metadata
        let metadata = StoreManifest(
            samplingRateHz: m.samplingRateHz, chunkSeconds: options.chunkSeconds, channelCount: m.channelCount,
            channelSpacingM: m.channelSpacingM, firstChannelM: m.channelPositions.first, startTimeNs: m.startTimeNs,
            dtype: T.elementType, units: m.units, gaugeLengthM: m.gaugeLengthM, vendor: m.vendor)
        let writer = ChunkStoreWriter(location: staging?.chunks ?? store, metadata: metadata)
        let chunks = try writer.writeRecord(sampleCount: m.sampleCount, startTimeNs: m.startTimeNs,
                                            source: sourcePath) { try reader.read(samples: $0, as: T.self) }
        let size = try input.openForReading(sourcePath).size()
        let record = SourceIngestRecord(
            source: SourceRecord(path: sourcePath, size: size, format: m.format), samplingRateHz: m.samplingRateHz,
            channelPositions: m.channelPositions, dtype: T.elementType, chunkSeconds: options.chunkSeconds,
            units: m.units, gaugeLengthM: m.gaugeLengthM, vendor: m.vendor, chunks: chunks)
        return record
    }
}
