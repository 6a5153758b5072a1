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
/// changed while it was down. Rebuilding the newest period as it grows, the outputs it already held (same name,
/// size and change stamp) are read back from the stack's own columns (`StackedRunColumns`), not parsed again, so an
/// update costs about the new outputs, not the period; the waterfall reads its columns the same way.
final class LiveRolledStack: Sendable {
    let folder: String
    let period: LiveProductPeriod
    /// The fingerprint each period's product was last built from.
    private let built = Mutex<[String: String]>([:])
    /// For the periods built by this watch that the waterfall still shows: the plan each was written from, and the
    /// version (size and change stamp) of each of its outputs then.
    private let recent = Mutex<[String: BuiltPeriod]>([:])

    struct BuiltPeriod: Sendable {
        let plan: StackPlan
        let versions: [String: String]
    }

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
                drawWaterfall: ([String], (String) throws -> ChunkOutput) throws -> Void) -> [(String, String?)] {
        guard results.exists(folder) else { return [] }
        let listing: ChunkOutputFolder
        do {
            listing = try ChunkOutputFolder(location: results, folder: folder)
        } catch {
            return [(stackedFolder, "\(error)")]
        }
        var byPeriod: [String: [StorageEntry]] = [:]
        var timeOf: [String: Int64] = [:]
        var labelOf: [String: String] = [:]
        var outcome: [(String, String?)] = []
        for entry in listing.entries {
            // Per-chunk outputs are named after their chunk; a file that is not is timed by its contents.
            guard let time = ChunkOutput.nameTimeNs(entry.name) ?? (try? listing.read(entry.name).startTimeNs) else {
                outcome.append((stackedFolder, "\(listing.path(entry.name)) has no time to file it under a period"))
                continue
            }
            let label = period.label(of: time)
            byPeriod[label, default: []].append(entry)
            timeOf[entry.name] = time
            labelOf[entry.name] = label
        }
        let versions = Dictionary(listing.entries.map { ($0.name, Self.version($0)) }, uniquingKeysWith: { a, _ in a })
        var known = built.withLock { $0 }
        var plans = recent.withLock { $0 }
        // Each period's stack opened at most once per update, before it is rewritten (the open files stay readable).
        var opened: [String: StackedRunColumns] = [:]
        // Only on a local disk: an open file there keeps the old arrays while they are replaced; an object store's
        // reader would fetch the new object by its key.
        let reusable = results.localPath(of: "") != nil
        func columns(_ label: String) -> StackedRunColumns? {
            if let open = opened[label] { return open }
            guard reusable, let plan = plans[label]?.plan,
                  let open = try? StackedRunColumns(plan: plan, location: results.sublocation(stackedFolder + "/" + label))
            else { return nil }
            opened[label] = open
            return open
        }
        // An output from its period's stack when it is there unchanged, else from its file.
        func read(_ name: String) throws -> ChunkOutput {
            if let label = labelOf[name], plans[label]?.versions[name] == versions[name], versions[name] != nil,
               let stack = columns(label), stack.contains(name) {
                return try stack.output(name, address: results.address(of: listing.path(name)))
            }
            return try listing.read(name)
        }
        for (label, entries) in byPeriod.sorted(by: { $0.key < $1.key }) {
            let fingerprint = Self.fingerprint(entries)
            guard known[label] != fingerprint else { continue }
            let stackPath = stackedFolder + "/" + label
            if known[label] == nil, Self.recordedFingerprint(results, stackPath) == fingerprint,
               !prodml || results.exists(prodmlFolder + "/" + label + ".h5") {
                known[label] = fingerprint  // built by an earlier watch from the same outputs
                continue
            }
            // The stack's own columns serve only while the period still starts with the same output: a new first
            // output renames the arrays, which the writer then removes.
            let first = entries.compactMap { timeOf[$0.name] }.min()
            if let plan = plans[label]?.plan, plan.timesNs.first == first {
                _ = columns(label)
            } else {
                plans[label] = nil
            }
            do {
                let files = entries.map(\.name)
                let plan = try StackPlan.scan(files, read: read)
                try StackedRunWriter.write(plan, reading: read, to: try results.sublocation(stackPath))
                outcome.append((stackPath, nil))
                if prodml {
                    let path = prodmlFolder + "/" + label + ".h5"
                    do {
                        try StackedRun.stack(files: plan.files, read: read).writePRODML(to: results, path: path)
                        outcome.append((path, nil))
                    } catch {
                        outcome.append((path, "\(error)"))
                        plans[label] = nil
                        opened[label] = nil
                        continue  // not recorded as built: tried again at the next update
                    }
                }
                try results.write(stackPath + "/" + Self.inputsFile, bytes: Array(
                    #"{"outputs": \#(files.count), "fingerprint": "\#(fingerprint)"}"#.utf8 + [10]))
                known[label] = fingerprint
                plans[label] = BuiltPeriod(plan: plan, versions: versions.filter { labelOf[$0.key] == label })
            } catch {
                outcome.append((stackPath, "\(error)"))
                plans[label] = nil
            }
            opened[label] = nil  // rewritten: opened again (the new arrays) when the waterfall needs them
        }
        built.withLock { $0 = known }
        let shown = timeOf.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.suffix(waterfallColumns).map(\.key)
        // Plans are kept for the periods the waterfall shows (and later ones), not for the whole record.
        if let oldest = shown.first.flatMap({ labelOf[$0] }) {
            plans = plans.filter { $0.key >= oldest }
        }
        recent.withLock { $0 = plans }
        guard !outcome.isEmpty, !shown.isEmpty else { return outcome }
        do {
            try drawWaterfall(shown, read)
        } catch {
            outcome.append((folder + "_waterfall.png", "\(error)"))
        }
        return outcome
    }

    /// An output's version as a listing shows it: its size and change stamp.
    static func version(_ entry: StorageEntry) -> String { "\(entry.size)|\(entry.changeStamp ?? "")" }

    /// Names, sizes and change stamps of a period's outputs, in name order.
    static func fingerprint(_ entries: [StorageEntry]) -> String {
        var fingerprint = ContentFingerprint()
        for entry in entries.sorted(by: { $0.name < $1.name }) {
            fingerprint.add(entry.name + "|" + version(entry))
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
