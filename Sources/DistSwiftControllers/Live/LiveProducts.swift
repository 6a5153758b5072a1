import DistSwiftCalc
import DistSwiftIO
import Foundation
import Synchronization

/// The growing products of a watch, rewritten every report interval from the per-chunk outputs so far, each file
/// atomically (temporary name, then rename: a viewer never reads half a file):
/// - for each stacked folder (`--stack NoiseLog`): the stacked run in distpy's re-ingest layout in
///   `{FOLDER}_stacked/` (as `distswift stack` writes it), and `{FOLDER}_waterfall.png`, the first curve's
///   depth × time picture over the last `waterfallColumns` outputs; with `prodml`, also `{FOLDER}_fbe.h5`, the
///   stacked curves as one PRODML 2.0 FBE file (as `distswift stack --prodml` writes it);
/// - for each picks folder (`--picks picks`, a `write_picks` folder): `{FOLDER}_picks.csv` and `.xml`, every pick
///   so far (`LivePicksTable`).
/// With a period (`--roll-products`), each stacked folder is kept per period instead (`LiveRolledStack`), so a watch
/// of months rebuilds only the periods that changed.
public struct LiveProducts: Sendable {
    /// Per-chunk output folders (writers' `directory_out`) to stack.
    public var stackFolders: [String]
    public var waterfallColumns: Int
    /// Also keep each stacked folder as a growing PRODML FBE file.
    public var prodml: Bool
    /// One stacked folder (and PRODML file) per period of this length, or nil for one over the whole record.
    public let period: LiveProductPeriod?
    let picksTables: [LivePicksTable]
    let rolledStacks: [LiveRolledStack]

    public init(stackFolders: [String], prodml: Bool = false, pickFolders: [String] = [], waterfallColumns: Int = 600,
                period: LiveProductPeriod? = nil) {
        self.stackFolders = stackFolders
        self.prodml = prodml
        self.period = period
        picksTables = pickFolders.map(LivePicksTable.init)
        rolledStacks = period.map { period in stackFolders.map { LiveRolledStack(folder: $0, period: period) } } ?? []
        self.waterfallColumns = waterfallColumns
    }

    var isEmpty: Bool { stackFolders.isEmpty && picksTables.isEmpty }

    /// Refuses a picks folder that no `write_picks` of the graph writes (a typo would leave the table missing for
    /// good, silently).
    func check(against graph: GraphDocument) throws {
        let written = graph.entries.compactMap { entry -> String? in
            guard entry.name == "write_picks", case .string(let folder)? = entry.fields["directory_out"] else { return nil }
            return folder
        }
        for table in picksTables where !written.contains(table.folder) {
            throw ConfigError(file: graph.file, key: "command_list",
                              problem: "has no write_picks with \"directory_out\": \"\(table.folder)\", the folder --picks names",
                              fix: written.isEmpty ? "add a write_picks command (after trigger), or leave out --picks"
                                  : "give --picks one of the graph's write_picks folders: " + written.joined(separator: ", "))
        }
    }

    /// Rewrites every product whose folder has outputs; returns each product's name with nil, or why it failed.
    func update(results: any StorageLocation) -> [(String, String?)] {
        let picks = picksTables.compactMap { table -> (String, String?)? in
            do {
                return try table.update(results: results) ? (table.csvName, nil) : nil
            } catch {
                return (table.csvName, "\(error)")
            }
        }
        if !rolledStacks.isEmpty {
            return picks + rolledStacks.flatMap { stack in
                stack.update(results: results, prodml: prodml, waterfallColumns: waterfallColumns) { recent, read in
                    try drawWaterfall(folder: stack.folder, files: recent, read: read, results: results)
                }
            }
        }
        return picks + stackFolders.flatMap { folder -> [(String, String?)] in
            guard results.exists(folder) else { return [] }
            do {
                // Streamed as `distswift stack` writes it (one output in memory at a time); the waterfall stacks
                // only the last outputs it shows.
                let listing = try ChunkOutputFolder(location: results, folder: folder)
                guard !listing.files.isEmpty else { return [] }
                let plan = try StackPlan.scan(listing.files, read: listing.read)
                try StackedRunWriter.write(plan, reading: listing.read, to: try results.sublocation(folder + "_stacked"))
                try drawWaterfall(folder: folder, files: Array(plan.files.suffix(waterfallColumns)), read: listing.read,
                                  results: results)
                guard prodml else { return [(folder + "_stacked", nil)] }
                // The PRODML writer takes whole arrays: the stack is held in memory while it is written.
                do {
                    try StackedRun.stack(files: plan.files, read: listing.read)
                        .writePRODML(to: results, path: folder + "_fbe.h5")
                    return [(folder + "_stacked", nil), (folder + "_fbe.h5", nil)]
                } catch {
                    return [(folder + "_stacked", nil), (folder + "_fbe.h5", "\(error)")]
                }
            } catch {
                return [(folder + "_stacked", "\(error)")]
            }
        }
    }

    /// `{folder}_waterfall.png`: the first curve of the outputs `files` (the last ones), depth × time.
    private func drawWaterfall(folder: String, files: [String], read: (String) throws -> ChunkOutput,
                               results: any StorageLocation) throws {
        let recent = try StackedRun.stack(files: files, read: read)
        guard let curve = recent.arrays.first, curve.columns > 0 else { return }
        let times = recent.timesNs
        let step = times.count > 1 ? Double(times[times.count - 1] - times[0]) / 1e9 / Double(times.count - 1) : 1
        let png = try WaterfallImage.png(
            values: curve, depthFirst: recent.depth.first ?? 0, depthLast: recent.depth.last ?? 0,
            secondsPerColumn: step, title: "\(folder) \(recent.curves[0].mnemonic) from \(UTCTime.iso8601(times[0]))")
        try results.write(folder + "_waterfall.png", bytes: png)
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
        guard !products.isEmpty else { return false }
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
