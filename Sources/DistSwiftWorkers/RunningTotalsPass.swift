import DistSwiftCalc
import DistSwiftIO
import DistSwiftNative
import Dispatch
import Foundation
import Synchronization

/// The totals pass of `process` for graphs with a running total across chunks (`integrate` along time): before
/// the chunks run, the graph up to each such node runs on every chunk (in parallel threads of the controller) and
/// keeps what each chunk adds to the total per row; the exclusive prefix over the earlier chunks of each
/// recording segment is then written, one small file per chunk and node, under the results location. Each chunk's
/// task reads its files, so chunks stay independent tasks (pool, retries, resume, `--shard`, Slurm arrays): a
/// rerun finds the files of the same graph and store and does not recompute them. Chunks go through in batches,
/// so memory holds a batch of summaries and one row of running totals, whatever the number of chunks.
extension ProcessJob {
    /// Where the offsets of this graph on this store live: named by the job's fingerprint and the store's chunks,
    /// so another graph or a re-ingested store gets its own.
    func runningTotalsFolder() throws -> String {
        if let named = totalsFolder.withLock({ $0 }) { return named }
        var hash = ContentFingerprint()
        hash.add(try fingerprint())
        for chunk in store.chunks { hash.add("\(chunk.file) \(chunk.startTimeNs) \(chunk.samples)") }
        let named = ".running-totals/" + hash.hex
        totalsFolder.withLock { $0 = named }
        return named
    }

    private static let completeMarker = "complete"

    /// The file of node `node`'s offsets for chunk `index`.
    private func offsetsPath(_ folder: String, node: GraphPlan.Node, chunkAt index: Int) -> String {
        "\(folder)/uid\(node.uid)/\(store.chunks[index].file).f64"
    }

    /// Runs the totals pass unless its files exist (nothing to do for a graph without running totals). `threads`:
    /// chunks run at once.
    public func prepareRunningTotals(threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws {
        let nodes = plan.runningTotalNodes
        guard !nodes.isEmpty else { return }
        let folder = try runningTotalsFolder()
        guard !results.exists(folder + "/" + Self.completeMarker) else { return }
        let count = store.chunks.count
        let batch = max(1, threads) * 4
        var done: [GraphPlan.Node] = []
        // A running total downstream of another needs the other's offsets first: one pass per level.
        for level in runningTotalLevels(nodes) {
            var scans = [Int: RunningTotalScan](uniqueKeysWithValues: level.map { ($0.index, RunningTotalScan()) })
            for start in stride(from: 0, to: count, by: batch) {
                let indices = Array(start..<min(start + batch, count))
                let summaries = try summarizeChunks(indices, targets: Set(level.map(\.index)), earlier: done,
                                                    folder: folder, threads: threads)
                for (position, index) in indices.enumerated() {
                    for node in level {
                        let rows = summaries[position][node.index] ?? [:]
                        let width = (rows.keys.max() ?? -1) + 1
                        let offsets = scans[node.index]!.next(segment: timeline.placements[index].segmentOriginNs,
                                                              rows: (0..<width).map { rows[$0] ?? nil })
                        try results.writeAtomically(offsetsPath(folder, node: node, chunkAt: index)) {
                            try $0.write(offsets)
                        }
                    }
                }
            }
            done += level
        }
        try results.write(folder + "/" + Self.completeMarker, bytes: Array("\(count) chunks\n".utf8))
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

    /// The summaries of the nodes `targets` on the chunks `indices`, on `threads` threads; running totals of
    /// `earlier` levels (upstream of the targets) from their files.
    private func summarizeChunks(_ indices: [Int], targets: Set<Int>, earlier: [GraphPlan.Node], folder: String,
                                 threads: Int) throws -> [[Int: [Int: RunningTotalSummary?]]] {
        let found = Mutex([[Int: [Int: RunningTotalSummary?]]](repeating: [:], count: indices.count))
        let failure = Mutex<(any Error)?>(nil)
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, indices.count))) { _ in
            while failure.withLock({ $0 == nil }) {
                let position = next.add(1, ordering: .relaxed).oldValue
                guard position < indices.count else { return }
                let index = indices[position]
                do {
                    let (context, frame) = try chunkSetting(at: index)
                    let summaries = try runner.runningTotalSummaries(
                        targets: targets, frame: frame, context: context,
                        runningTotals: try readOffsets(earlier, folder: folder, chunkAt: index)) { rows in
                        try read(chunkAt: index, channels: rows)
                    }
                    found.withLock { $0[position] = summaries }
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
        return try readOffsets(nodes, folder: try runningTotalsFolder(), chunkAt: index)
    }

    private func readOffsets(_ nodes: [GraphPlan.Node], folder: String,
                             chunkAt index: Int) throws -> [Int: RunningTotalOffsets] {
        var result: [Int: RunningTotalOffsets] = [:]
        for node in nodes {
            let path = offsetsPath(folder, node: node, chunkAt: index)
            guard results.exists(path) else {
                throw StoreError(location: results.address(of: path), problem: "is missing: the totals pass of the "
                                 + "graph's running totals (integrate along time) has not run for this graph and store",
                                 fix: "run `distswift process` (it runs the totals pass before the chunks), or set "
                                 + "\"zero_at\": \"chunk\" on integrate (uid \(node.uid))")
            }
            // float64 values as the totals pass wrote them (the machine's byte order, trailing bytes ignored).
            result[node.index] = RunningTotalOffsets(offsets: [Double](nativeBytes: try results.readAll(path)))
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
