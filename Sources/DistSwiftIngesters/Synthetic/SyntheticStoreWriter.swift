import DistSwiftIO

/// Writes a synthetic scene straight into a chunk store (the quickest built-in example, and test data).
public enum SyntheticStoreWriter {
    /// Writes every chunk of `scene` and the manifest; returns the store's manifest chunks.
    @discardableResult
    public static func write(_ scene: SyntheticScene, to location: any StorageLocation, chunkSeconds: Double = 1)
        throws -> [ChunkRecord]
    {
        let perChunk = Int((chunkSeconds * scene.samplingRateHz).rounded())
        precondition(perChunk > 0, "a chunk must hold at least one sample")
        let metadata = StoreManifest(
            samplingRateHz: scene.samplingRateHz, chunkSeconds: chunkSeconds, channelCount: scene.channels,
            channelSpacingM: scene.channelSpacingM, firstChannelM: scene.firstChannelM,
            startTimeNs: scene.startTimeNs, dtype: .float32, units: "strain rate (arbitrary units, synthetic)",
            gaugeLengthM: 2 * scene.channelSpacingM, vendor: "distswift synth")
        let writer = ChunkStoreWriter(location: location, metadata: metadata)
        try writer.writeAxes(channelPositions: scene.channelPositions)
        var records: [ChunkRecord] = []
        var start = 0
        while start < scene.totalSamples {
            let end = min(scene.totalSamples, start + perChunk)
            let startNs = scene.startTimeNs + Int64((Double(start) / scene.samplingRateHz * 1e9).rounded())
            records.append(try writer.writeChunk(scene.samples(start..<end), startTimeNs: startNs, source: "synthetic"))
            start = end
        }
        try writer.commit(chunks: records, sources: [])
        return records
    }
}
