import DistSwiftIO
import Foundation

/// Builds `store.json`, `measured_depth.npy` and `time.npy` from the per-source records of a store, after every
/// ingest task has finished. Sources that disagree on geometry, rate or dtype are refused by name.
public enum StoreAssembler {
    public static func assemble(_ store: any StorageLocation) throws -> StoreManifest {
        try assemble(store, records: try records(in: store))
    }

    /// Every per-source record of the store.
    public static func records(in store: any StorageLocation) throws -> [SourceIngestRecord] {
        try records(in: store, notAmong: [])
    }

    /// The per-source records of the store whose sources are not among `known` (source paths): what a manifest
    /// lacks when its writer stopped between a file's commit and the file's manifest entry. Only those are read.
    public static func records(in store: any StorageLocation, notAmong known: Set<String>) throws
        -> [SourceIngestRecord]
    {
        let prefix = SourceIngestRecord.folder + "/"
        let knownNames = Set(known.map { String(SourceIngestRecord.path(for: $0).dropFirst(prefix.count)) })
        let files = store.exists(SourceIngestRecord.folder)
            ? try store.list(SourceIngestRecord.folder).filter { $0.name.hasSuffix(".json") } : []
        // A batch's file has a name for each of its sources: each name gives the entry of its own source (so a
        // name removed takes out that source only); a batch's names, listed in a row, decode it once.
        let decoded = SourceRecordFiles()
        return try files.filter { !knownNames.contains($0.name) }.map { entry in
            let name = prefix + entry.name
            let file = try decoded.decode(try store.readAll(name))
            guard file.isBatch else { return file.records[0] }
            guard let record = file.records.first(where: { SourceIngestRecord.path(for: $0.source.path) == name })
            else {
                throw StoreError(location: store.description,
                                 problem: "\(name) names a batch of records without its own source",
                                 fix: "remove that file (its source is then ingested again)")
            }
            return record
        }
    }

    /// The same from records the caller holds. `log`: the snapshot names that append-only log (`distswift watch`,
    /// which then grows the store through it); nil for a store written whole, whose earlier log (if a watch wrote
    /// one) is removed once the new snapshot is in place.
    public static func assemble(_ store: any StorageLocation, records unsorted: [SourceIngestRecord],
                                log: String? = nil) throws -> StoreManifest
    {
        let records = unsorted.sorted { ($0.chunks.first?.startTimeNs ?? 0) < ($1.chunks.first?.startTimeNs ?? 0) }
        guard let first = records.first else {
            throw StoreError(location: store.description, problem: "has no ingested sources")
        }
        for r in records.dropFirst() {
            if let error = mismatch(r, with: first, store: store) { throw error }
        }
        let chunks = records.flatMap(\.chunks)
        var seen: [String: ChunkRecord] = [:]
        for c in chunks {
            if let other = seen[c.file] {
                throw collision(c, with: other, samplingRateHz: first.samplingRateHz, store: store)
            }
            seen[c.file] = c
        }
        let metadata = StoreManifest(
            samplingRateHz: first.samplingRateHz, chunkSeconds: first.chunkSeconds,
            channelCount: first.channelPositions.count,
            channelSpacingM: StoreManifest.spacing(of: first.channelPositions),
            firstChannelM: first.channelPositions.first, startTimeNs: chunks.map(\.startTimeNs).min() ?? 0,
            dtype: first.dtype, units: first.units, gaugeLengthM: first.gaugeLengthM, vendor: first.vendor)
        let earlierLogs = store.exists(StoreManifest.fileName) ? logNamed(in: store) : nil
        if let log { try store.remove(log) }
        let writer = ChunkStoreWriter(location: store, metadata: metadata)
        try writer.writeAxes(channelPositions: first.channelPositions)
        try writer.commit(chunks: chunks, sources: records.map(\.source), log: log)
        if let earlier = earlierLogs, earlier != log {
            // The rewritten snapshot lists every record: the log that continued the old one is folded in.
            try? store.remove(earlier)
            if let generation = StoreManifestLog.generation(of: earlier), generation >= 2 {
                try? store.remove(StoreManifestLog.fileName(generation: generation - 1))
            }
        }
        return try ChunkStore.open(store).manifest!
    }

    /// The log the store's snapshot names, read without decoding its chunks (a batch `ingest` asks only this).
    private static func logNamed(in store: any StorageLocation) -> String? {
        struct LogKey: Decodable { var log: String? }
        guard let bytes = try? store.readAll(StoreManifest.fileName) else { return nil }
        return (try? JSONDecoder().decode(LogKey.self, from: Data(bytes)))?.log
    }

    /// Why `record` cannot join a store whose sources are like `first` (another rate, channel count or positions,
    /// dtype or chunk length), or nil when it can.
    public static func mismatch(_ record: SourceIngestRecord, with first: SourceIngestRecord,
                                store: any StorageLocation) -> StoreError? {
        var conflicts: [String] = []
        let r = record
        if r.samplingRateHz != first.samplingRateHz {
            conflicts.append("sampling rate \(r.samplingRateHz) Hz vs \(first.samplingRateHz) Hz")
        }
        if r.channelPositions.count != first.channelPositions.count {
            conflicts.append("\(r.channelPositions.count) channels vs \(first.channelPositions.count)")
        } else if zip(r.channelPositions, first.channelPositions).contains(where: { abs($0 - $1) > 1e-6 }) {
            conflicts.append("different channel positions")
        }
        if r.dtype != first.dtype { conflicts.append("dtype \(r.dtype) vs \(first.dtype)") }
        if r.chunkSeconds != first.chunkSeconds { conflicts.append("chunk length \(r.chunkSeconds) s vs \(first.chunkSeconds) s") }
        guard !conflicts.isEmpty else { return nil }
        return StoreError(location: store.description,
                          problem: "cannot hold both \(first.source.path) and \(r.source.path): "
                              + conflicts.joined(separator: ", "),
                          fix: "ingest records of different acquisitions into different stores")
    }

    /// The error for chunk `c` landing on the file of chunk `other` (from another source).
    public static func collision(_ c: ChunkRecord, with other: ChunkRecord, samplingRateHz rate: Double,
                                 store: any StorageLocation) -> StoreError {
        // Chunk files are named by the UTC second they start in: say whether the records really overlap or
        // only start within one second (records shorter than a second), which needs another remedy.
        func end(_ chunk: ChunkRecord) -> Double { Double(chunk.startTimeNs) + Double(chunk.samples) / rate * 1e9 }
        let overlap = Double(max(c.startTimeNs, other.startTimeNs)) < min(end(c), end(other))
        return StoreError(location: store.description,
                          problem: "chunk \(c.file) comes from both \(other.source ?? "?") and \(c.source ?? "?")"
                              + (overlap ? "" : ", which do not overlap but start within the same UTC second "
                                 + "(\(UTCTime.iso8601(other.startTimeNs)), \(UTCTime.iso8601(c.startTimeNs))); "
                                 + "chunk files are named by the second they start in"),
                          fix: overlap ? "the sources overlap in time; ingest them into different stores"
                              : "a store holds records of a second or longer: join sub-second files into longer "
                              + "ones before ingesting, or ingest them into different stores")
    }
}
