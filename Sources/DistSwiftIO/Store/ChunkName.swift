/// Chunk file names, as distpy names them: `{unix_seconds}.npy`, the UTC second of the chunk's first sample.
///
/// When chunks are shorter than a second (or do not start on distinct seconds), the name carries the nanoseconds
/// too, `{unix_seconds}.{nanoseconds:09}.npy`, so names stay unique and sort in time order. distpy itself cannot read
/// such stores (it parses names as integers), and cannot produce them.
public enum ChunkName {
    public static let reservedFiles: Set<String> = ["measured_depth.npy", "time.npy"]

    public static func fileName(startTimeNs: Int64, chunkSeconds: Double) -> String {
        let seconds = UTCTime.floorDiv(startTimeNs, UTCTime.nanosecondsPerSecond)
        if chunkSeconds >= 1 && chunkSeconds == chunkSeconds.rounded() {
            return "\(seconds).npy"
        }
        let nanos = startTimeNs - seconds * UTCTime.nanosecondsPerSecond
        let digits = String(nanos)
        return "\(seconds)." + String(repeating: "0", count: 9 - digits.count) + digits + ".npy"
    }

    /// The start time a chunk name stands for (to the nanosecond for long names), or nil when `name` is not a chunk.
    public static func startTimeNs(of name: String) -> Int64? {
        guard name.hasSuffix(".npy"), !reservedFiles.contains(name) else { return nil }
        let stem = name.dropLast(4)
        let parts = stem.split(separator: ".", omittingEmptySubsequences: false)
        guard let seconds = Int64(parts[0]), parts.count <= 2 else { return nil }
        var nanos: Int64 = 0
        if parts.count == 2 {
            guard parts[1].count == 9, let n = Int64(parts[1]), n >= 0 else { return nil }
            nanos = n
        }
        return seconds * UTCTime.nanosecondsPerSecond + nanos
    }
}
