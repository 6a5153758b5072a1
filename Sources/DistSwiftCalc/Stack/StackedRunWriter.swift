import DistSwiftIO

/// Writes a stacked run in distpy's re-ingest layout (what `readFBE` writes and its plots and UKGEOS second pass
/// read), one folder per curve:
///
///     {mnemonic}/{t0}.npy             float64, channels × columns (depth × time); t0 = the first column's UTC second
///     {mnemonic}/time.npy             float64, the unix seconds of every column
///     {mnemonic}/measured_depth.npy   float64, the channel depths
///
/// Every file is written atomically. A `{seconds}.npy` left in a curve folder by an earlier stack that started at
/// another time is removed, so each folder holds one array and the time axis that describes it.
public enum StackedRunWriter {
    /// The first column's time as distpy names the array (`str(int(time[0]))`).
    public static func arrayName(_ run: StackedRun) -> String {
        "\(ChunkOutput.wholeSeconds(run.timesNs[0])).npy"
    }

    public static func write(_ run: StackedRun, to location: any StorageLocation) throws {
        let name = arrayName(run)
        let times = run.timesNs.map { Double($0) / 1e9 }
        for (curve, array) in zip(run.curves, run.arrays) {
            let folder = try curveFolder(curve.mnemonic)
            if location.exists(folder) {
                for old in try location.list(folder) where !old.isFolder && old.name != name
                    && ChunkName.startTimeNs(of: old.name) != nil {
                    try location.remove(folder + "/" + old.name)
                }
            }
            try NPYWriter.write(array, to: location, path: "\(folder)/\(name)")
            try NPYWriter.write(vector: times, to: location, path: "\(folder)/time.npy")
            try NPYWriter.write(vector: run.depth, to: location, path: "\(folder)/measured_depth.npy")
        }
    }

    /// A curve's folder: its mnemonic, refused when it cannot be one folder name.
    static func curveFolder(_ mnemonic: String) throws -> String {
        guard !mnemonic.isEmpty, !mnemonic.hasPrefix("."), !mnemonic.contains("/"), !mnemonic.contains("\\") else {
            throw StackError("the curve name '\(mnemonic)' cannot be a folder name",
                             fix: "name the curves (write_witsml labels) without '/' and not starting with '.'")
        }
        return mnemonic
    }
}
