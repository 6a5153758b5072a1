import DistSwiftCalc
import DistSwiftIO
import Foundation
import Synchronization

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
                // Streamed as `distswift stack` writes it (one output in memory at a time); the waterfall stacks
                // only the last outputs it shows.
                let listing = try ChunkOutputFolder(location: results, folder: folder)
                guard !listing.files.isEmpty else { return nil }
                let plan = try StackPlan.scan(listing.files, read: listing.read)
                try StackedRunWriter.write(plan, reading: listing.read, to: try results.sublocation(folder + "_stacked"))
                let recent = try StackedRun.stack(files: Array(plan.files.suffix(waterfallColumns)), read: listing.read)
                if let curve = recent.arrays.first, curve.columns > 0 {
                    let times = recent.timesNs
                    let step = times.count > 1 ? Double(times[times.count - 1] - times[0]) / 1e9 / Double(times.count - 1) : 1
                    let png = try WaterfallImage.png(
                        values: curve, depthFirst: recent.depth.first ?? 0, depthLast: recent.depth.last ?? 0,
                        secondsPerColumn: step,
                        title: "\(folder) \(recent.curves[0].mnemonic) from \(UTCTime.iso8601(times[0]))")
                    try results.write(folder + "_waterfall.png", bytes: png)
                }
                return (folder + "_stacked", nil)
            } catch {
                return (folder + "_stacked", "\(error)")
            }
        }
    }
}

/// Rewrites the products off the watch's event loop, one update at a time: stacking re-reads every output and each
/// file is synced, which can take seconds — time in which files must still be taken and chunks handed out.
final class LiveProductUpdater: Sendable {
    private struct State {
        var running = false
        var finished: [(String, String?)] = []
    }

    private let products: LiveProducts
    private let results: any StorageLocation
    private let state = Mutex(State())

    init(products: LiveProducts, results: any StorageLocation) {
        self.products = products
        self.results = results
    }

    /// Starts an update unless one is running; returns whether it started.
    @discardableResult
    func startIfIdle() -> Bool {
        guard !products.stackFolders.isEmpty else { return false }
        let start = state.withLock { state -> Bool in
            guard !state.running else { return false }
            state.running = true
            return true
        }
        guard start else { return false }
        Thread.detachNewThread { [self] in
            let outcome = products.update(results: results)
            state.withLock { state in
                state.finished += outcome
                state.running = false
            }
        }
        return true
    }

    /// Runs an update to its end in this thread (the watch's last report).
    func updateNow() -> [(String, String?)] {
        while state.withLock({ $0.running }) { Thread.sleep(forTimeInterval: 0.05) }
        return takeFinished() + products.update(results: results)
    }

    /// The products rewritten (or failed) since the last call.
    func takeFinished() -> [(String, String?)] {
        state.withLock { state in
            defer { state.finished = [] }
            return state.finished
        }
    }
}
