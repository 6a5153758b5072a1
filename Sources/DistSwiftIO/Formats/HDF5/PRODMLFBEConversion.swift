import Foundation

/// Converts a PRODML FBE file into per-chunk band arrays, one folder per band in the layout `write_npy` writes
/// (so `distswift stack` and `distswift plot` read each band folder as a writer's `directory_out`):
///
///     {band}/{chunk}.npy          float64, loci × the chunk's times (the file's float32 values, exact)
///     {band}/time/{chunk}.npy     datetime64[ns], UTC, one per column (FbeDataTime, µs, × 1000)
///     {band}/measured_depth.npy   the loci's depths
///     bands.json                  source file and group, and per band: folder, name, unit, start/end frequency (Hz)
///
/// Chunks: one FBE time each (distpy's layout of band energies: one value per depth per chunk), or with
/// `chunkSeconds` every time within `chunkSeconds` of a chunk's first. Chunk names carry the first time to the
/// nanosecond (`{unix_seconds}.{nanoseconds}.npy`), so stacks are timed exactly. Every file is written atomically;
/// bands.json last, so a folder with it is complete.
public enum PRODMLFBEConversion {
    public struct Summary: Sendable {
        public let bandFolders: [String]
        public let chunks: Int
    }

    public static func convert(_ fbe: PRODMLFBEFile, to location: any StorageLocation, chunkSeconds: Double?) throws
        -> Summary
    {
        if let chunkSeconds, !(chunkSeconds > 0 && chunkSeconds.isFinite) {
            throw RecordError(file: fbe.path, problem: "--chunk-seconds is \(chunkSeconds)",
                              fix: "give a positive number of seconds")
        }
        let chunks = chunkRanges(fbe.timesNs, chunkSeconds: chunkSeconds)
        let folders = folderNames(fbe.bands.map(\.name))
        for (m, folder) in folders.enumerated() {
            try NPYWriter.write(vector: fbe.depths, to: location, path: folder + "/measured_depth.npy")
            for range in chunks {
                let name = ChunkName.fileName(startTimeNs: fbe.timesNs[range.lowerBound], chunkSeconds: 0.5)
                let values = try fbe.values(band: m, times: range)
                try NPYWriter.write(Array2D(rows: values.rows, columns: values.columns,
                                            values: values.values.map(Double.init)),
                                    to: location, path: "\(folder)/\(name)")
                try NPYWriter.write(timesNs: Array(fbe.timesNs[range]), to: location, path: "\(folder)/time/\(name)")
            }
        }
        let record: [String: Any] = [
            "source": fbe.path, "group": fbe.group, "depth_unit": fbe.depthUnit,
            "bands": zip(fbe.bands, folders).map { band, folder -> [String: Any] in
                ["folder": folder, "name": band.name, "unit": band.unit ?? NSNull(),
                 "start_frequency_hz": band.startFrequencyHz.isFinite ? band.startFrequencyHz : NSNull(),
                 "end_frequency_hz": band.endFrequencyHz.isFinite ? band.endFrequencyHz : NSNull()]
            },
        ]
        let json = try JSONSerialization.data(withJSONObject: record, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        try location.write("bands.json", bytes: Array(json))
        return Summary(bandFolders: folders, chunks: chunks.count)
    }

    /// The time index ranges of the chunks.
    static func chunkRanges(_ timesNs: [Int64], chunkSeconds: Double?) -> [Range<Int>] {
        guard let chunkSeconds else { return timesNs.indices.map { $0..<($0 + 1) } }
        let length = Int64((chunkSeconds * 1e9).rounded())
        var ranges: [Range<Int>] = []
        var start = 0
        for i in timesNs.indices.dropFirst() where timesNs[i] - timesNs[start] >= length {
            ranges.append(start..<i)
            start = i
        }
        ranges.append(start..<timesNs.count)
        return ranges
    }

    /// Folder names from band names: letters, digits, '-', '_' and '.' kept, the rest '_'; repeats numbered.
    static func folderNames(_ names: [String]) -> [String] {
        var used: Set<String> = []
        return names.enumerated().map { m, name in
            let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
            var folder = String(name.map { allowed.contains($0) ? $0 : "_" })
            if folder.isEmpty || folder.hasPrefix(".") { folder = "band\(m)" }
            if used.contains(folder) { folder += "_\(m)" }
            used.insert(folder)
            return folder
        }
    }
}
