import DistSwiftCalc
import DistSwiftIO
import DistSwiftWorkers
import Foundation
import Synchronization

/// One stacked folder of a watch rolled by period (`--roll-products`): `{FOLDER}_stacked/{period}/` (distpy's
/// re-ingest layout, as `distswift stack` writes it, for the outputs whose chunks start in that period) and, with
/// PRODML, `{FOLDER}_fbe/{period}.h5`. An update lists the output folder once and rebuilds only the periods whose
/// outputs changed — a new output, a provisional chunk redone, a late file's chunk long ago — so its reads are
/// bounded by the changed periods, not by the months behind them.
///
/// A period's outputs are summarised by a fingerprint of their names, sizes and change stamps, kept in memory and
/// written beside the stack (`inputs.json`, last, after the stack itself): a restarted watch rebuilds only what
/// changed while it was down.
final class LiveRolledStack: Sendable {
    let folder: String
    let period: LiveProductPeriod
    /// The fingerprint each period's product was last built from.
    private let built = Mutex<[String: String]>([:])

    static let inputsFile = "inputs.json"

    init(folder: String, period: LiveProductPeriod) {
        self.folder = folder
        self.period = period
    }

    var stackedFolder: String { folder + "_stacked" }
    var prodmlFolder: String { folder + "_fbe" }

    /// Rebuilds the changed periods' products, and the waterfall over the last `waterfallColumns` outputs when any
    /// did; returns each product rewritten with nil, or why it failed.
    func update(results: any StorageLocation, prodml: Bool, waterfallColumns: Int,
                drawWaterfall: ([String], ChunkOutputFolder) throws -> Void) -> [(String, String?)] {
        guard results.exists(folder) else { return [] }
        let listing: ChunkOutputFolder
        do {
            listing = try ChunkOutputFolder(location: results, folder: folder)
        } catch {
            return [(stackedFolder, "\(error)")]
        }
        var byPeriod: [String: [StorageEntry]] = [:]
        var timed: [(name: String, timeNs: Int64)] = []
        var outcome: [(String, String?)] = []
        for entry in listing.entries {
            // Per-chunk outputs are named after their chunk; a file that is not is timed by its contents.
            guard let time = ChunkOutput.nameTimeNs(entry.name) ?? (try? listing.read(entry.name).startTimeNs) else {
                outcome.append((stackedFolder, "\(listing.path(entry.name)) has no time to file it under a period"))
                continue
            }
            byPeriod[period.label(of: time), default: []].append(entry)
            timed.append((entry.name, time))
        }
        var known = built.withLock { $0 }
        for (label, entries) in byPeriod.sorted(by: { $0.key < $1.key }) {
            let fingerprint = Self.fingerprint(entries)
            guard known[label] != fingerprint else { continue }
            let stackPath = stackedFolder + "/" + label
            if known[label] == nil, Self.recordedFingerprint(results, stackPath) == fingerprint,
               !prodml || results.exists(prodmlFolder + "/" + label + ".h5") {
                known[label] = fingerprint  // built by an earlier watch from the same outputs
                continue
            }
            do {
                let files = entries.map(\.name)
                let plan = try StackPlan.scan(files, read: listing.read)
                try StackedRunWriter.write(plan, reading: listing.read, to: try results.sublocation(stackPath))
                outcome.append((stackPath, nil))
                if prodml {
                    let path = prodmlFolder + "/" + label + ".h5"
                    do {
                        try StackedRun.stack(files: plan.files, read: listing.read).writePRODML(to: results, path: path)
                        outcome.append((path, nil))
                    } catch {
                        outcome.append((path, "\(error)"))
                        continue  // not recorded as built: tried again at the next update
                    }
                }
                try results.write(stackPath + "/" + Self.inputsFile, bytes: Array(
                    #"{"outputs": \#(files.count), "fingerprint": "\#(fingerprint)"}"#.utf8 + [10]))
                known[label] = fingerprint
            } catch {
                outcome.append((stackPath, "\(error)"))
            }
        }
        let changed = !outcome.isEmpty
        built.withLock { $0 = known }
        guard changed, !timed.isEmpty else { return outcome }
        let recent = timed.sorted { $0.timeNs < $1.timeNs }.suffix(waterfallColumns).map(\.name)
        do {
            try drawWaterfall(recent, listing)
        } catch {
            outcome.append((folder + "_waterfall.png", "\(error)"))
        }
        return outcome
    }

    /// Names, sizes and change stamps of a period's outputs, in name order.
    static func fingerprint(_ entries: [StorageEntry]) -> String {
        var fingerprint = ContentFingerprint()
        for entry in entries.sorted(by: { $0.name < $1.name }) {
            fingerprint.add("\(entry.name)|\(entry.size)|\(entry.changeStamp ?? "")")
        }
        return fingerprint.hex
    }

    /// The fingerprint an earlier build wrote beside a period's stack, if any.
    static func recordedFingerprint(_ results: any StorageLocation, _ stackPath: String) -> String? {
        guard let bytes = try? results.readAll(stackPath + "/" + inputsFile),
              let json = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { return nil }
        return json["fingerprint"] as? String
    }
}
