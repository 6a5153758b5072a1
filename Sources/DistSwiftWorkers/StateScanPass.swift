import DistSwiftCalc
import DistSwiftIO
import Dispatch
import Foundation
import Synchronization

/// The totals pass of `process` for IIR filters along time (`LinearStateScanCommand`, `plan.stateScanned`): the
/// graph up to each such node runs on every chunk (in parallel threads of the controller) and keeps the states the
/// chunk's zero-state passes end in and the chunk's transition matrices (`StateScanChunk`), one small file per chunk
/// and node. Then a forward scan in time order and a backward scan in reverse turn them into the states each
/// chunk's passes start from (`LinearStateScan`), again one small file per chunk and node, which each chunk's task
/// reads: chunks stay independent tasks (pool, retries, resume, `--shard`, Slurm arrays), and a rerun of the same
/// graph on the same store finds the files. Memory holds a batch of summaries and one chunk's states per node.
extension ProcessJob {
    private static let stateScanMarker = "state-scan-complete"

    private func stateScanPath(_ folder: String, node: GraphPlan.Node, _ kind: String, chunkAt index: Int) -> String {
        "\(folder)/scan-uid\(node.uid)/\(store.chunks[index].file).\(kind).f64"
    }

    /// Where chunk `index` sits in its recording segment.
    func segmentPosition(ofChunkAt index: Int) -> SegmentPosition {
        let placements = timeline.placements
        return SegmentPosition(first: placements[index].segmentStart == index,
                               last: index + 1 == placements.count
                                   || placements[index + 1].segmentStart != placements[index].segmentStart)
    }

    /// Runs the state scan unless its files exist (nothing to do for a plan without scanned nodes). Returns the
    /// seconds it took (0 when its files were there).
    @discardableResult
    public func prepareStateScan(threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws -> Double {
        let nodes = plan.stateScanNodes
        guard !nodes.isEmpty else { return 0 }
        let started = ContinuousClock.now
        let folder = try runningTotalsFolder()
        guard !results.exists(folder + "/" + Self.stateScanMarker) else { return 0 }
        var done: [GraphPlan.Node] = []
        for level in scanLevels(nodes) {
            try summarizeForScan(level, earlier: done, folder: folder, threads: threads)
            for node in level { try scan(node, folder: folder) }
            done += level
        }
        try results.write(folder + "/" + Self.stateScanMarker, bytes: Array("\(store.chunks.count) chunks\n".utf8))
        let (whole, fraction) = (ContinuousClock.now - started).components
        return Double(whole) + Double(fraction) * 1e-18
    }

    /// The scanned nodes grouped so that every node's scanned ancestors are in earlier groups (a chain of filters).
    private func scanLevels(_ nodes: [GraphPlan.Node]) -> [[GraphPlan.Node]] {
        var level: [Int: Int] = [:]
        for node in nodes {  // file order: ancestors come first
            level[node.index] = plan.ancestors(of: [node.index]).compactMap { level[$0] }.max().map { $0 + 1 } ?? 0
        }
        let count = (level.values.max() ?? -1) + 1
        return (0..<count).map { l in nodes.filter { level[$0.index] == l } }
    }

    /// The totals pass of one level: every chunk's `StateScanChunk` per node, written to its summary file.
    private func summarizeForScan(_ level: [GraphPlan.Node], earlier: [GraphPlan.Node], folder: String,
                                  threads: Int) throws {
        let failure = Mutex<(any Error)?>(nil)
        let next = Atomic<Int>(0)
        let count = store.chunks.count
        let targets = Set(level.map(\.index))
        // Filters reading the chunk itself from a float32 or int16 store get it as float32 whatever the graph's
        // precision: every value widens to the same double in the kernel, at half the memory of a float64 copy.
        let narrow = (store.dtype == .float32 || store.dtype == .int16) && level.allSatisfy { $0.inputs == [.chunk] }
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, count))) { _ in
            while failure.withLock({ $0 == nil }) {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < count else { return }
                do {
                    var (context, frame) = try chunkSetting(at: index)
                    context.segmentPosition = segmentPosition(ofChunkAt: index)
                    if context.segmentPosition == .whole {
                        // A segment of one chunk pads both its ends and carries no state: nothing to run.
                        for node in level {
                            try results.writeAtomically(stateScanPath(folder, node: node, "summary", chunkAt: index)) {
                                try $0.write(StateScanFile.encode(StateScanChunk(
                                    order: 1, transition: [], backwardGain: [], forwardEnds: [], backwardEnds: []),
                                                                  keys: []))
                            }
                        }
                        continue
                    }
                    let summaries = try runner.stateScanSummaries(
                        targets: targets, frame: frame, context: context,
                        stateScans: try readStateScan(earlier, folder: folder, chunkAt: index)) { rows in
                        try read(chunkAt: index, channels: rows, in: narrow ? .float32 : precision)
                    }
                    for node in level {
                        guard let summary = summaries[node.index] else { continue }
                        let (keys, chunk) = summary.chunk()
                        try results.writeAtomically(stateScanPath(folder, node: node, "summary", chunkAt: index)) {
                            try $0.write(StateScanFile.encode(chunk, keys: keys))
                        }
                    }
                } catch {
                    failure.withLock { $0 = $0 ?? StateScanError(chunk: store.chunks[index].file, cause: error) }
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }

    /// The scan of one node over every segment: forward in time order (the forward start of each chunk), then
    /// backward (the backward start at each chunk's last sample), one file per chunk with both.
    private func scan(_ node: GraphPlan.Node, folder: String) throws {
        let count = store.chunks.count
        var carried: (keys: [Int], states: [Double])? = nil
        for index in 0..<count {
            let position = segmentPosition(ofChunkAt: index)
            let (keys, chunk) = try readSummary(node, folder: folder, chunkAt: index)
            if !position.first, let carried, carried.keys != keys {
                throw StateScanError(chunk: store.chunks[index].file, cause: CommandError(
                    "state scan", "uid \(node.uid) \(node.name) filters other rows here than in the chunk before"))
            }
            let start = position.first ? nil : carried?.states
            try writeStart(StateScanStart(order: chunk.order, keys: keys, forward: start, backward: nil), node: node,
                           folder: folder, kind: "forward", chunkAt: index)
            carried = (keys, LinearStateScan.forwardNext(start: start, chunk: chunk))
        }
        var backward: [Double]? = nil
        for index in (0..<count).reversed() {
            let position = segmentPosition(ofChunkAt: index)
            let (keys, chunk) = try readSummary(node, folder: folder, chunkAt: index)
            let forward = try readStart(node, folder: folder, kind: "forward", chunkAt: index).forward
            let end = position.last ? nil : backward
            try writeStart(StateScanStart(order: chunk.order, keys: keys, forward: forward, backward: end), node: node,
                           folder: folder, kind: "start", chunkAt: index)
            let zeroPhase = !chunk.backwardEnds.isEmpty
            backward = zeroPhase && !position.first
                ? LinearStateScan.backwardStart(forwardStart: forward ?? [], end: end, chunk: chunk) : nil
        }
    }

    private func readSummary(_ node: GraphPlan.Node, folder: String,
                             chunkAt index: Int) throws -> (keys: [Int], chunk: StateScanChunk) {
        let path = stateScanPath(folder, node: node, "summary", chunkAt: index)
        return try StateScanFile.decodeChunk([Double](nativeBytes: try results.readAll(path)),
                                             where: results.address(of: path))
    }

    private func writeStart(_ start: StateScanStart, node: GraphPlan.Node, folder: String, kind: String,
                            chunkAt index: Int) throws {
        try results.writeAtomically(stateScanPath(folder, node: node, kind, chunkAt: index)) {
            try $0.write(StateScanFile.encode(start))
        }
    }

    private func readStart(_ node: GraphPlan.Node, folder: String, kind: String,
                           chunkAt index: Int) throws -> StateScanStart {
        let path = stateScanPath(folder, node: node, kind, chunkAt: index)
        guard results.exists(path) else {
            throw StoreError(location: results.address(of: path), problem: "is missing: the state scan of the "
                             + "graph's IIR filters (\(node.name), uid \(node.uid)) has not run for this graph and store",
                             fix: "run `distswift process` (it runs the state scan before the chunks)")
        }
        return try StateScanFile.decodeStart([Double](nativeBytes: try results.readAll(path)),
                                             where: results.address(of: path))
    }

    /// This chunk's filter states per scanned node, as the state scan wrote them (empty without scanned nodes).
    func stateScans(forChunkAt index: Int) throws -> [Int: StateScanStart] {
        let nodes = plan.stateScanNodes
        guard !nodes.isEmpty else { return [:] }
        return try readStateScan(nodes, folder: try runningTotalsFolder(), chunkAt: index)
    }

    private func readStateScan(_ nodes: [GraphPlan.Node], folder: String,
                               chunkAt index: Int) throws -> [Int: StateScanStart] {
        var result: [Int: StateScanStart] = [:]
        for node in nodes { result[node.index] = try readStart(node, folder: folder, kind: "start", chunkAt: index) }
        return result
    }
}

/// The state scan's small files, float64 in the machine's byte order (integers are exact in a double). A summary:
/// order d, rows, the lengths of A and B, whether backward states follow, the rows' keys, A, B, then per row its
/// forward and (zero-phase) backward end states. A start: d, rows, whether the forward and backward states are
/// given, the rows' keys, then the states present, rows × d each.
enum StateScanFile {
    static func encode(_ chunk: StateScanChunk, keys: [Int]) -> [Double] {
        let backward = chunk.backwardEnds.isEmpty ? 0 : 1
        return [Double(chunk.order), Double(keys.count), Double(chunk.transition.count),
                Double(chunk.backwardGain.count), Double(backward)] + keys.map(Double.init) + chunk.transition
            + chunk.backwardGain + chunk.forwardEnds.flatMap { $0 } + chunk.backwardEnds.flatMap { $0 }
    }

    static func decodeChunk(_ values: [Double], where address: String) throws -> (keys: [Int], chunk: StateScanChunk) {
        guard values.count >= 5 else { throw damaged(address) }
        let d = Int(values[0]), rows = Int(values[1]), a = Int(values[2]), b = Int(values[3])
        let backward = values[4] != 0
        guard d > 0, rows >= 0, values.count == 5 + rows + a + b + rows * d * (backward ? 2 : 1) else {
            throw damaged(address)
        }
        var at = 5
        func take(_ n: Int) -> [Double] {
            defer { at += n }
            return Array(values[at..<(at + n)])
        }
        let keys = take(rows).map { Int($0) }
        let transition = take(a), gain = take(b)
        let forward = (0..<rows).map { _ in take(d) }
        let backwardEnds = backward ? (0..<rows).map { _ in take(d) } : []
        return (keys, StateScanChunk(order: d, transition: transition, backwardGain: gain, forwardEnds: forward,
                                     backwardEnds: backwardEnds))
    }

    static func encode(_ start: StateScanStart) -> [Double] {
        [Double(start.order), Double(start.keys.count), start.forward == nil ? 0 : 1, start.backward == nil ? 0 : 1]
            + start.keys.map(Double.init) + (start.forward ?? []) + (start.backward ?? [])
    }

    static func decodeStart(_ values: [Double], where address: String) throws -> StateScanStart {
        guard values.count >= 4 else { throw damaged(address) }
        let d = Int(values[0]), rows = Int(values[1]), hasForward = values[2] != 0, hasBackward = values[3] != 0
        let width = rows * d
        guard d > 0, rows >= 0, values.count == 4 + rows + width * ((hasForward ? 1 : 0) + (hasBackward ? 1 : 0)) else {
            throw damaged(address)
        }
        let keys = values[4..<(4 + rows)].map { Int($0) }
        return StateScanStart(order: d, keys: keys,
                              forward: hasForward ? Array(values[(4 + rows)..<(4 + rows + width)]) : nil,
                              backward: hasBackward ? Array(values[(values.count - width)...]) : nil)
    }

    private static func damaged(_ address: String) -> StoreError {
        StoreError(location: address, problem: "is not a state-scan file of the expected size",
                   fix: "run process again with --force (the state scan is recomputed)")
    }
}

/// A chunk the state scan's totals pass could not run: no chunk of its segment can start from the right state.
public struct StateScanError: Error, CustomStringConvertible {
    public let chunk: String
    public let cause: any Error

    public var description: String {
        "the state scan (IIR filters continuous across chunks) failed on chunk \(chunk): \(cause); no chunk runs "
            + "until it succeeds (every chunk of its segment starts from the states it carries)"
    }
}
