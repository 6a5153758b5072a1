import DistSwiftIO

/// Writes a synthetic scene as record files an instrument could have written (PRODML HDF5 or SEG-Y), split into
/// consecutive files: the input of the README example, of ingest round-trip tests and of ingest benchmarks.
public enum SyntheticRecordWriter {
    public enum Format: Sendable { case prodml, segy }

    /// Writes `files` consecutive files covering the scene and returns their names, in time order.
    @discardableResult
    public static func write(_ scene: SyntheticScene, as format: Format, files: Int, to location: LocalStorage)
        throws -> [String]
    {
        let total = scene.totalSamples
        let perFile = (total + files - 1) / files
        var names: [String] = []
        for lower in stride(from: 0, to: total, by: perFile) {
            let range = lower..<min(lower + perFile, total)
            let startNs = scene.startTimeNs + Int64((Double(lower) / scene.samplingRateHz * 1e9).rounded())
            let stamp = UTCTime.iso8601(startNs).filter(\.isNumber).prefix(14)
            let name = "synth_\(stamp.prefix(8))_\(stamp.dropFirst(8))" + (format == .prodml ? ".h5" : ".sgy")
            let metadata = RecordMetadata(
                format: "synthetic", channelCount: scene.channels, sampleCount: range.count,
                samplingRateHz: scene.samplingRateHz, startTimeNs: startNs, channelPositions: scene.channelPositions,
                units: "strain rate (arbitrary units, synthetic)", gaugeLengthM: 2 * scene.channelSpacingM,
                vendor: "distswift synth", storedType: .float32)
            switch format {
            case .prodml:
                try PRODMLWriter.write(to: location, path: name, metadata: metadata) { part in
                    scene.samples((lower + part.lowerBound)..<(lower + part.upperBound))
                }
            case .segy:
                let data = scene.samples(range)
                let description = SEGYWriter.Description(
                    samplingRateHz: scene.samplingRateHz, startTimeNs: startNs,
                    channelPositions: scene.channelPositions, units: metadata.units, vendor: metadata.vendor,
                    gaugeLengthM: metadata.gaugeLengthM, comments: ["SYNTHETIC RECORD, SEED \(scene.seed)"])
                try SEGYWriter().write(data, description, to: location, path: name)
            }
            names.append(name)
        }
        return names
    }
}
