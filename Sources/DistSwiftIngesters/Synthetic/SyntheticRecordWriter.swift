import DistSwiftIO
import Foundation

/// Writes a synthetic scene as record files an instrument could have written (PRODML HDF5 or SEG-Y), split into
/// consecutive files: the input of the README example, of ingest round-trip tests and of ingest benchmarks.
public enum SyntheticRecordWriter {
    /// PRODML 2.0 HDF5 (float32), SEG-Y rev 2 of IEEE float32 samples, or SEG-Y rev 2 of int16 samples (format
    /// code 3, what many interrogators write: the scene times `int16Scale`, rounded; half the bytes of float32).
    public enum Format: Sendable { case prodml, segy, segyInt16 }

    /// int16 counts per unit of the scene (its peaks are about 2, so counts stay within ±32,767; beyond, clipped).
    public static let int16Scale: Float = 10_000

    /// One of the consecutive files: its name and the scene's samples it holds.
    public struct RecordFile: Sendable {
        public var name: String
        public var samples: Range<Int>
        public var startTimeNs: Int64
    }

    /// The consecutive files that cover the scene, in time order (`files` of them, the last possibly shorter).
    public static func plan(_ scene: SyntheticScene, as format: Format, files: Int) -> [RecordFile] {
        let total = scene.totalSamples
        let perFile = (total + files - 1) / files
        return stride(from: 0, to: total, by: perFile).map { lower in
            let startNs = scene.startTimeNs + Int64((Double(lower) / scene.samplingRateHz * 1e9).rounded())
            let stamp = UTCTime.iso8601(startNs).filter(\.isNumber).prefix(14)
            // Files shorter than a second would share a name: their milliseconds are added.
            let milliseconds = (startNs % 1_000_000_000) / 1_000_000
            let name = "synth_\(stamp.prefix(8))_\(stamp.dropFirst(8))"
                + (startNs % 1_000_000_000 == 0 ? "" : "_" + String(format: "%03d", Int(milliseconds)))
                + (format == .prodml ? ".h5" : ".sgy")
            return RecordFile(name: name, samples: lower..<min(lower + perFile, total), startTimeNs: startNs)
        }
    }

    /// Writes `files` consecutive files covering the scene and returns their names, in time order.
    @discardableResult
    public static func write(_ scene: SyntheticScene, as format: Format, files: Int, to location: LocalStorage)
        throws -> [String]
    {
        try plan(scene, as: format, files: files).map { file in
            try write(file, of: scene, as: format, to: location, path: file.name)
            return file.name
        }
    }

    /// Writes one file of the plan at `path` (atomically: it appears complete or not at all).
    public static func write(_ file: RecordFile, of scene: SyntheticScene, as format: Format,
                             to location: any StorageLocation, path: String) throws {
        let range = file.samples
        let metadata = RecordMetadata(
            format: "synthetic", channelCount: scene.channels, sampleCount: range.count,
            samplingRateHz: scene.samplingRateHz, startTimeNs: file.startTimeNs,
            channelPositions: scene.channelPositions, units: "strain rate (arbitrary units, synthetic)",
            gaugeLengthM: 2 * scene.channelSpacingM, vendor: "distswift synth", storedType: .float32)
        switch format {
        case .prodml:
            try PRODMLWriter.write(to: location, path: path, metadata: metadata) { part in
                scene.samples((range.lowerBound + part.lowerBound)..<(range.lowerBound + part.upperBound))
            }
        case .segy, .segyInt16:
            let int16 = format == .segyInt16
            let description = SEGYWriter.Description(
                samplingRateHz: scene.samplingRateHz, startTimeNs: file.startTimeNs,
                channelPositions: scene.channelPositions,
                units: int16 ? "strain rate × \(Int(int16Scale)) (int16 counts, synthetic)" : metadata.units,
                vendor: metadata.vendor, gaugeLengthM: metadata.gaugeLengthM,
                comments: ["SYNTHETIC RECORD, SEED \(scene.seed)"])
            let samples = scene.samples(range)
            if int16 {
                let counts = samples.values.map { Int16(max(-32767, min(32767, ($0 * int16Scale).rounded()))) }
                try SEGYWriter(format: .int16).write(
                    Array2D(rows: samples.rows, columns: samples.columns, values: counts), description,
                    to: location, path: path)
            } else {
                try SEGYWriter().write(samples, description, to: location, path: path)
            }
        }
    }
}
