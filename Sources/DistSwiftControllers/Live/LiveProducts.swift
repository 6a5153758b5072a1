import DistSwiftCalc
import DistSwiftIO
import Foundation

/// The growing products of a watch, rewritten every report interval from the per-chunk outputs so far, each file
/// atomically (temporary name, then rename: a viewer never reads half a file):
/// - for each stacked folder (`--stack NoiseLog`): the stacked run in distpy's re-ingest layout in
///   `{FOLDER}_stacked/` (as `distswift stack` writes it), and `{FOLDER}_waterfall.png`, the first curve's
///   depth × time picture over the last `waterfallColumns` outputs.
public struct LiveProducts: Sendable {
    /// Per-chunk output folders (writers' `directory_out`) to stack.
    public var stackFolders: [String]
    public var waterfallColumns: Int

    public init(stackFolders: [String], waterfallColumns: Int = 600) {
        self.stackFolders = stackFolders
        self.waterfallColumns = waterfallColumns
    }

    /// Rewrites every product whose folder has outputs; returns each product's name with nil, or why it failed.
    func update(results: any StorageLocation) -> [(String, String?)] {
        stackFolders.compactMap { folder -> (String, String?)? in
            guard results.exists(folder) else { return nil }
            do {
                let outputs = try ChunkOutputFolder.read(location: results, folder: folder)
                guard !outputs.isEmpty else { return nil }
                let run = try StackedRun.stack(outputs)
                try StackedRunWriter.write(run, to: try results.sublocation(folder + "_stacked"))
                if let curve = run.arrays.first, curve.columns > 0 {
                    let first = max(0, curve.columns - waterfallColumns)
                    var recent = Array2D<Double>(rows: curve.rows, columns: curve.columns - first, repeating: .nan)
                    for r in 0..<curve.rows {
                        for c in first..<curve.columns { recent[r, c - first] = curve[r, c] }
                    }
                    let step = run.timesNs.count > 1
                        ? Double(run.timesNs[run.timesNs.count - 1] - run.timesNs[0]) / 1e9 / Double(run.timesNs.count - 1)
                        : 1
                    let png = try WaterfallImage.png(
                        values: recent, depthFirst: run.depth.first ?? 0, depthLast: run.depth.last ?? 0,
                        secondsPerColumn: step,
                        title: "\(folder) \(run.curves[0].mnemonic) from \(UTCTime.iso8601(run.timesNs[first]))")
                    try results.write(folder + "_waterfall.png", bytes: png)
                }
                return (folder + "_stacked", nil)
            } catch {
                return (folder + "_stacked", "\(error)")
            }
        }
    }
}
