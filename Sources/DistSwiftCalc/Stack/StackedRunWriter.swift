import DistSwiftIO

/// Writes a stack in distpy's re-ingest layout (what `readFBE` writes and its plots and UKGEOS second pass read), one
/// folder per curve, streaming: each output is read once and its column appended to every curve's file, so memory
/// stays one output whatever the number of chunks.
///
///     {mnemonic}/{t0}.npy             float64, channels × columns (depth × time), column-major (numpy's
///                                     fortran_order: the column of each chunk is contiguous, so it is appended)
///     {mnemonic}/time.npy             float64, the unix seconds of every column (a gap shows as a longer step)
///     {mnemonic}/measured_depth.npy   float64, the channel depths
///     gaps.json                       the gaps: the outputs either side and the steps missing
///
/// Every file is written atomically. A `{seconds}.npy` left in a curve folder by an earlier stack that started at
/// another time is removed, so each folder holds one array and the time axis that describes it.
public enum StackedRunWriter {
    /// The first column's time as distpy names the array (`str(int(time[0]))`).
    public static func arrayName(_ plan: StackPlan) -> String {
        "\(ChunkOutput.wholeSeconds(plan.timesNs[0])).npy"
    }

    public static func write(_ plan: StackPlan, reading read: (String) throws -> ChunkOutput,
                             to location: any StorageLocation) throws {
        let name = arrayName(plan)
        let folders = try plan.curves.map { try curveFolder($0.mnemonic) }
        for folder in folders where location.exists(folder) {
            for old in try location.list(folder) where !old.isFolder && old.name != name
                && ChunkName.startTimeNs(of: old.name) != nil {
                try location.remove(folder + "/" + old.name)
            }
        }
        let header = NPYHeader(elementType: .float64, byteOrder: .little, fortranOrder: true,
                               shape: [plan.depth.count, plan.files.count]).encoded()
        // One atomic writer per curve, opened one inside the other, then every output's columns appended in turn.
        var writers: [any SequentialWriter] = []
        func open(_ k: Int) throws {
            guard k < folders.count else {
                for file in plan.files {
                    let output = try read(file)
                    try plan.requireShape(of: output)
                    for (curve, writer) in zip(plan.curves, writers) {
                        try writer.write(plan.column(curve, of: output).inByteOrder(.little))
                    }
                }
                return
            }
            try location.writeAtomically("\(folders[k])/\(name)") { writer in
                try writer.write(header)
                writers.append(writer)
                try open(k + 1)
            }
        }
        try open(0)
        let times = plan.timesNs.map { Double($0) / 1e9 }
        for folder in folders {
            try NPYWriter.write(vector: times, to: location, path: "\(folder)/time.npy")
            try NPYWriter.write(vector: plan.depth, to: location, path: "\(folder)/measured_depth.npy")
        }
        try location.write("gaps.json", bytes: Array(#"{"step_seconds": \#(plan.stepSecondsJSON), "gaps": \#(plan.gapsJSON)}"#.utf8 + [10]))
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
