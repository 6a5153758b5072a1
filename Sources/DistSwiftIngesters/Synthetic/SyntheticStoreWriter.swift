import DistSwiftIO

/// Writes a synthetic scene straight into a chunk store (the quickest built-in example, and test data).
public enum SyntheticStoreWriter {
    /// Writes every chunk of `scene` and the manifest; returns the store's manifest chunks.
    @discardableResult
    public static func write(_ scene: SyntheticScene, to location: any StorageLocation, chunkSeconds: Double = 1)
        throws -> [ChunkRecord]
    {
        let metadata = StoreManifest(
            samplingRateHz: scene.samplingRateHz, chunkSeconds: chunkSeconds, channelCount: scene.channels,
            channelSpacingM: scene.channelSpacingM, firstChannelM: scene.firstChannelM,
            startTimeNs: scene.startTimeNs, dtype: .float32, units: "strain rate (arbitrary units, synthetic)",
            gaugeLengthM: 2 * scene.channelSpacingM, vendor: "distswift synth")
        let writer = ChunkStoreWriter(location: location, metadata: metadata)
        try writer.writeAxes(channelPositions: scene.channelPositions)
        let records = try writer.writeRecord(
            sampleCount: scene.totalSamples, startTimeNs: scene.startTimeNs, source: "synthetic", samples: scene.samples)
        try writer.commit(chunks: records, sources: [])
        return records
    }
}
