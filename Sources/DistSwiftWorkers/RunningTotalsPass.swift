import DistSwiftCalc
import DistSwiftIO
import Dispatch
import Foundation
import Synchronization

/// The totals pass of `process` for graphs with a running total across chunks (`integrate` along time): before
/// the chunks run, the graph up to each such node runs on every chunk (in parallel threads of the controller) and
/// keeps what each chunk adds to the total per row; the exclusive prefix over the earlier chunks of each
/// recording segment is then written, one small file per chunk, under the results location. Each chunk's task
/// reads its file, so chunks stay independent tasks (pool, retries, resume, `--shard`, Slurm arrays): a rerun
/// finds the files of the same graph and store and does not recompute them.
extension ProcessJob {
    /// Where the offsets of this graph on this store live: named by the job's fingerprint and the store's chunks,
    /// so another graph or a re-ingested store gets its own.
    func runningTotalsFolder() throws -> String {
        var hash = ContentFingerprint()
        hash.add(try fingerprint())
        for chunk in store.chunks { hash.add("\(chunk.file) \(chunk.startTimeNs) \(chunk.samples)") }
        return ".running-totals/" + hash.hex
    }

    private static let completeMarker = "complete"

    /// Runs the totals pass unless its files exist (nothing to do for a graph without running totals). `threads`:
    /// chunks run at once.
    public func prepareRunningTotals(threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws {
        let nodes = plan.runningTotalNodes
        guard !nodes.isEmpty else { return }
        let folder = try runningTotalsFolder()
        guard !results.exists(folder + "/" + Self.completeMarker) else { return }
        var offsets = [[Int: RunningTotalOffsets]](repeating: [:], count: store.chunks.count)
        // A running total downstream of another needs the other's offsets first: one pass per level.
        for level in runningTotalLevels(nodes) {
            let summaries = try summarizeChunks(targets: Set(level.map(\.index)), offsets: offsets, threads: threads)
            for node in level {
                let rows = summaries.map { $0[node.index] ?? [:] }
                let width = rows.map { ($0.keys.max() ?? -1) + 1 }.max() ?? 0
                let scanned = RunningTotalScan.offsets(rows.enumerated().map { index, row in
                    (segment: timeline.placements[index].segmentOriginNs,
                     rows: (0..<width).map { row[$0] ?? nil })
                })
                for (index, chunkOffsets) in scanned.enumerated() {
                    offsets[index][node.index] = RunningTotalOffsets(offsets: chunkOffsets)
                }
            }
        }
        for (index, chunk) in store.chunks.enumerated() {
            let values = nodes.flatMap { node -> [Double] in
                let row = offsets[index][node.index]?.offsets ?? []
                return [Double(row.count)] + row
            }
            try results.writeAtomically(folder + "/" + chunk.file + ".f64") { try $0.write(values) }
        }
        try results.write(folder + "/" + Self.completeMarker, bytes: Array("\(store.chunks.count) chunks\n".utf8))
    }

    /// The running-total nodes grouped so that every node's running-total ancestors are in earlier groups.
    private func runningTotalLevels(_ nodes: [GraphPlan.Node]) -> [[GraphPlan.Node]] {
        var level: [Int: Int] = [:]
        for node in nodes {  // file order: ancestors come first
            let above = plan.ancestors(of: [node.index]).compactMap { level[$0] }.max()
            level[node.index] = above.map { $0 + 1 } ?? 0
        }
        let count = (level.values.max() ?? -1) + 1
        return (0..<count).map { l in nodes.filter { level[$0.index] == l } }
    }

    /// Each chunk's summaries of the nodes `targets`, chunks on `threads` threads.
    private func summarizeChunks(targets: Set<Int>, offsets: [[Int: RunningTotalOffsets]],
                                 threads: Int) throws -> [[Int: [Int: RunningTotalSummary?]]] {
        let count = store.chunks.count
        let found = Mutex([[Int: [Int: RunningTotalSummary?]]](repeating: [:], count: count))
        let failure = Mutex<(any Error)?>(nil)
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, count))) { _ in
            while failure.withLock({ $0 == nil }) {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < count else { return }
                do {
                    let (context, frame) = try chunkSetting(at: index)
                    let summaries = try runner.runningTotalSummaries(
                        targets: targets, frame: frame, context: context, runningTotals: offsets[index]) { rows in
                        try read(chunkAt: index, channels: rows)
                    }
                    found.withLock { $0[index] = summaries }
                } catch {
                    failure.withLock { $0 = $0 ?? RunningTotalsError(chunk: store.chunks[index].file, cause: error) }
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        return found.withLock { $0 }
    }

    /// This chunk's offsets, as the totals pass wrote them (empty for a graph without running totals).
    func runningTotals(forChunkAt index: Int) throws -> [Int: RunningTotalOffsets] {
        let nodes = plan.runningTotalNodes
        guard !nodes.isEmpty else { return [:] }
        let path = try runningTotalsFolder() + "/" + store.chunks[index].file + ".f64"
        guard results.exists(path) else {
            throw StoreError(location: results.address(of: path), problem: "is missing: the totals pass of the "
                             + "graph's running totals (integrate along time) has not run for this graph and store",
                             fix: "run `distswift process` (it runs the totals pass before the chunks), or set "
                             + "\"zero_at\": \"chunk\" on integrate")
        }
        let bytes = try results.readAll(path)
        let values = bytes.withUnsafeBytes { raw in
            (0..<(raw.count / 8)).map { raw.loadUnaligned(fromByteOffset: $0 * 8, as: Double.self) }
        }
        var result: [Int: RunningTotalOffsets] = [:]
        var position = 0
        for node in nodes {
            guard position < values.count else { break }
            let n = Int(values[position])
            guard position + 1 + n <= values.count else { break }
            result[node.index] = RunningTotalOffsets(offsets: Array(values[(position + 1)..<(position + 1 + n)]))
            position += 1 + n
        }
        guard result.count == nodes.count else {
            throw StoreError(location: results.address(of: path), problem: "is truncated",
                             fix: "remove \(results.address(of: try runningTotalsFolder())) and run process again")
        }
        return result
    }
}

/// A chunk the totals pass could not run: no chunk can start from the right total after it.
public struct RunningTotalsError: Error, CustomStringConvertible {
    public let chunk: String
    public let cause: any Error

    public var description: String {
        "the totals pass (running totals of integrate along time) failed on chunk \(chunk): \(cause); no chunk "
            + "runs until it succeeds (every later chunk of its segment starts from its total)"
    }
}
