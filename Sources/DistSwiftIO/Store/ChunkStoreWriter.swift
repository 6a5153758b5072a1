import Foundation

/// Writes a chunk store: chunks and axis files first, each atomically, and the manifest last, so a store whose
/// `store.json` exists is complete.
public struct ChunkStoreWriter: Sendable {
    public let location: any StorageLocation
    /// Store-wide metadata; `chunks` and `sources` are filled by `commit`.
    public let metadata: StoreManifest

    public init(location: any StorageLocation, metadata: StoreManifest) {
        self.location = location
        self.metadata = metadata
    }

    /// Writes `measured_depth.npy` (channel positions) and `time.npy` (sample times within a full chunk, seconds).
    public func writeAxes(channelPositions: [Double]) throws {
        precondition(channelPositions.count == metadata.channelCount)
        try NPYWriter.write(vector: channelPositions, to: location, path: "measured_depth.npy")
        let times = (0..<metadata.samplesPerChunk).map { Double($0) / metadata.samplingRateHz }
        try NPYWriter.write(vector: times, to: location, path: "time.npy")
    }

    /// Writes one chunk (channels × samples) and returns its record for the manifest.
    public func writeChunk<T: StorableScalar>(_ data: Array2D<T>, startTimeNs: Int64, source: String? = nil) throws
        -> ChunkRecord
    {
        guard T.elementType == metadata.dtype else {
            throw StoreError(location: location.description,
                             problem: "is a \(metadata.dtype) store but a \(T.elementType) chunk was written")
        }
        guard data.rows == metadata.channelCount, data.columns > 0, data.columns <= metadata.samplesPerChunk else {
            throw StoreError(location: location.description,
                             problem: "expects chunks of \(metadata.channelCount) channels × at most "
                                 + "\(metadata.samplesPerChunk) samples, got \(data.rows) × \(data.columns)")
        }
        let name = ChunkName.fileName(startTimeNs: startTimeNs, chunkSeconds: metadata.chunkSeconds)
        try NPYWriter.write(data, to: location, path: name)
        return ChunkRecord(file: name, startTimeNs: startTimeNs, samples: data.columns,
                           partial: data.columns < metadata.samplesPerChunk, source: source)
    }

    /// Cuts a record of `sampleCount` samples starting at `startTimeNs` into chunks of `samplesPerChunk` and writes
    /// them: every sample lands in exactly one chunk, and the last chunk may be shorter (marked partial).
    /// `samples` returns channels × samples for a sample range of the record.
    public func writeRecord<T: StorableScalar>(
        sampleCount: Int, startTimeNs: Int64, source: String?,
        samples: (Range<Int>) throws -> Array2D<T>
    ) throws -> [ChunkRecord] {
        let perChunk = metadata.samplesPerChunk
        guard perChunk >= 1 else {
            throw StoreError(location: location.description,
                             problem: "a chunk of \(metadata.chunkSeconds) s holds no sample at "
                                 + "\(metadata.samplingRateHz) Hz", fix: "use a longer chunk")
        }
        var records: [ChunkRecord] = []
        var start = 0
        while start < sampleCount {
            let end = min(sampleCount, start + perChunk)
            let chunkStartNs = startTimeNs + Int64((Double(start) / metadata.samplingRateHz * 1e9).rounded())
            records.append(try writeChunk(samples(start..<end), startTimeNs: chunkStartNs, source: source))
            start = end
        }
        return records
    }

    /// Writes `store.json` listing `chunks` and `sources`: the store is complete from this moment. `log`: the
    /// append-only log that continues it (`StoreManifestLog`), for a store that grows a file at a time.
    public func commit(chunks: [ChunkRecord], sources: [SourceRecord], log: String? = nil) throws {
        var manifest = metadata
        manifest.chunks = chunks.sorted { $0.startTimeNs < $1.startTimeNs }
        manifest.sources = sources
        manifest.log = log
        if log != nil { manifest.formatVersion = StoreManifest.loggedFormatVersion }
        if let first = manifest.chunks.first {
            manifest.startTimeNs = first.startTimeNs
            manifest.startTime = UTCTime.iso8601(first.startTimeNs)
        }
        try location.write(StoreManifest.fileName, bytes: Array(try manifest.encoded()))
    }
}
