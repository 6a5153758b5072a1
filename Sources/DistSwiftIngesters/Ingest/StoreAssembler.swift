import DistSwiftIO

/// Builds `store.json`, `measured_depth.npy` and `time.npy` from the per-source records of a store, after every
/// ingest task has finished. Sources that disagree on geometry, rate or dtype are refused by name.
public enum StoreAssembler {
    public static func assemble(_ store: any StorageLocation) throws -> StoreManifest {
        try assemble(store, records: try records(in: store))
    }

    /// Every per-source record of the store.
    public static func records(in store: any StorageLocation) throws -> [SourceIngestRecord] {
        let files = store.exists(SourceIngestRecord.folder)
            ? try store.list(SourceIngestRecord.folder).filter { $0.name.hasSuffix(".json") } : []
        return try files.map {
            try SourceIngestRecord.decode(try store.readAll(SourceIngestRecord.folder + "/" + $0.name))
        }
    }

    /// The same from records the caller holds: `distswift watch` keeps them as files arrive instead of reading
    /// every record again for each new file.
    public static func assemble(_ store: any StorageLocation, records unsorted: [SourceIngestRecord]) throws
        -> StoreManifest
    {
        let records = unsorted.sorted { ($0.chunks.first?.startTimeNs ?? 0) < ($1.chunks.first?.startTimeNs ?? 0) }
        guard let first = records.first else {
            throw StoreError(location: store.description, problem: "has no ingested sources")
        }
        for r in records.dropFirst() {
            var conflicts: [String] = []
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
            if !conflicts.isEmpty {
                throw StoreError(location: store.description,
                                 problem: "cannot hold both \(first.source.path) and \(r.source.path): "
                                     + conflicts.joined(separator: ", "),
                                 fix: "ingest records of different acquisitions into different stores")
            }
        }
        let chunks = records.flatMap(\.chunks)
        var seen: [String: ChunkRecord] = [:]
        for c in chunks {
            if let other = seen[c.file] {
                // Chunk files are named by the UTC second they start in: say whether the records really overlap or
                // only start within one second (records shorter than a second), which needs another remedy.
                let rate = first.samplingRateHz
                func end(_ chunk: ChunkRecord) -> Double { Double(chunk.startTimeNs) + Double(chunk.samples) / rate * 1e9 }
                let overlap = Double(max(c.startTimeNs, other.startTimeNs)) < min(end(c), end(other))
                throw StoreError(location: store.description,
                                 problem: "chunk \(c.file) comes from both \(other.source ?? "?") and \(c.source ?? "?")"
                                     + (overlap ? "" : ", which do not overlap but start within the same UTC second "
                                        + "(\(UTCTime.iso8601(other.startTimeNs)), \(UTCTime.iso8601(c.startTimeNs))); "
                                        + "chunk files are named by the second they start in"),
                                 fix: overlap ? "the sources overlap in time; ingest them into different stores"
                                     : "a store holds records of a second or longer: join sub-second files into longer "
                                     + "ones before ingesting, or ingest them into different stores")
            }
            seen[c.file] = c
        }
        let metadata = StoreManifest(
            samplingRateHz: first.samplingRateHz, chunkSeconds: first.chunkSeconds,
            channelCount: first.channelPositions.count,
            channelSpacingM: StoreManifest.spacing(of: first.channelPositions),
            firstChannelM: first.channelPositions.first, startTimeNs: chunks.map(\.startTimeNs).min() ?? 0,
            dtype: first.dtype, units: first.units, gaugeLengthM: first.gaugeLengthM, vendor: first.vendor)
        let writer = ChunkStoreWriter(location: store, metadata: metadata)
        try writer.writeAxes(channelPositions: first.channelPositions)
        try writer.commit(chunks: chunks, sources: records.map(\.source))
        return try ChunkStore.open(store).manifest!
    }
}
