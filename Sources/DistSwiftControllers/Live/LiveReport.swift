import DistSwiftIO
import DistSwiftWorkers
import Foundation

/// `run.json` of a watch: the state now, rewritten atomically every few seconds (a viewer never reads half a
/// file), with rolling windows instead of every task, so it stays the same size after months (a batch run's
/// report lists every task and try). The status page serves the same numbers.
public struct LiveReport: Codable, Sendable, Equatable {
    public struct Files: Codable, Sendable, Equatable {
        public var ingested: Int
        public var rejected: Int
        /// Complete, waiting for or in an ingest.
        public var waiting: Int
        /// Seen, not yet complete (growing, or settling).
        public var settling: Int
    }

    public struct Chunks: Codable, Sendable, Equatable {
        public var processed: Int
        /// Processed before the chunk after them arrived (their time halo stops at their end); done again then.
        public var provisional: Int
        /// Processed again by this watch because a file arrived late beside them (their halo had stopped at a gap).
        public var redone: Int
        public var failed: Int
        /// Handed to the pool, not yet done.
        public var queued: Int
        /// The newest chunks, waiting for the chunk after them (the graph reads a halo from it).
        public var waitingForNeighbour: Int
    }

    public struct Latency: Codable, Sendable, Equatable {
        public var medianSeconds: Double?
        public var p99Seconds: Double?
        public var lastSeconds: Double?
        /// Chunks the quantiles are over (the last ones).
        public var window: Int
    }

    /// A chunk processed again because a file arrived after it was processed.
    public struct Redo: Codable, Sendable, Equatable {
        public var chunk: String
        public var lateFile: String
        public var at: String
    }

    public struct Failure: Codable, Sendable, Equatable {
        public var task: String
        public var error: String
        public var at: String
    }

    public var job = "watch"
    public var fingerprint: String
    public var version: String
    public var startedAt: String
    public var updatedAt: String
    public var updatedAtNs: Int64
    public var input: String
    public var store: String
    /// "inotify on …" or "polling every … s".
    public var watching: String
    public var workers: Int
    public var files: Files
    public var chunks: Chunks
    public var latency: Latency
    /// Data seconds processed per wall second over the last minute.
    public var realTimeFactor: Double
    /// How many times real time the pool could go, from its recent worker time.
    public var capacityRealTimeFactor: Double?
    public var dataSecondsProcessed: Double
    /// When the first file of this watch arrived and when its last chunk's outputs were in place (UTC ns): a
    /// burst of files over this span gives the rate a backlog is caught up at.
    public var firstArrivalNs: Int64?
    public var lastOutputNs: Int64?
    /// Seconds the oldest unfinished file or chunk has waited since its arrival (0 when nothing waits).
    public var lagSeconds: Double
    /// True when the lag passes the watch's limit: it has fallen behind the interrogator and is catching up.
    public var behind: Bool
    public var workerActivity: [LiveStatistics.WorkerActivity]
    /// The last failures (rejected files, failed chunks), newest last.
    public var failures: [Failure]
    /// The last chunks processed again for a late file, newest last.
    public var redone: [Redo]
    /// Growing products and when each was last rewritten (the newest `productsKept`: products rolled by the hour
    /// would otherwise add a line per period for as long as the watch runs).
    public var products: [String: String]

    static let productsKept = 200

    /// Drops the products rewritten longest ago beyond `productsKept` (ISO 8601 UTC times sort as text, to the second).
    static func keepNewestProducts(_ products: inout [String: String]) {
        guard products.count > productsKept else { return }
        for (name, _) in products.sorted(by: { ($0.value, $0.key) < ($1.value, $1.key) }).prefix(products.count - productsKept) {
            products[name] = nil
        }
    }
    public var journalLines: Int
    /// Names of taken files the watch holds in memory (bounded by the files in the input location, not its history).
    public var takenNamesHeld: Int
    /// The watch process's resident memory (its workers not counted); nil where /proc is not there.
    public var controllerMemoryBytes: Int?
    /// Chunk records the watch holds in memory: its window of the store (the chunks not done yet, the recent past
    /// and their halo neighbours), not the whole store.
    public var storeChunksHeld: Int?
    /// The store's manifest: the log new files are appended to, the chunks it lists, and the snapshots written
    /// by this watch (its first, a migration, compactions).
    public var manifestLog: String?
    public var manifestLogChunks: Int?
    public var manifestSnapshots: Int?

    public static let fileName = "run.json"
    public static let keptFailures = 50

    public func write(to location: any StorageLocation) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try location.write(Self.fileName, bytes: Array(try encoder.encode(self)))
    }

    /// The one line the watch prints every few seconds.
    public var progressLine: String {
        func seconds(_ s: Double?) -> String { s.map { String(format: "%.2f s", $0) } ?? "-" }
        var parts = ["watch: \(files.ingested) files, \(chunks.processed) chunks done"]
        parts.append("backlog \(files.waiting) files, \(chunks.queued) chunks"
                     + (chunks.waitingForNeighbour > 0 ? " (+\(chunks.waitingForNeighbour) awaiting its neighbour)" : ""))
        parts.append("latency median \(seconds(latency.medianSeconds)), p99 \(seconds(latency.p99Seconds))")
        parts.append(String(format: "%.2f× real time", realTimeFactor)
                     + (capacityRealTimeFactor.map { String(format: " (capacity %.1f×)", $0) } ?? ""))
        if files.rejected + chunks.failed > 0 { parts.append("\(files.rejected) files rejected, \(chunks.failed) chunks failed") }
        parts.append(behind ? String(format: "BEHIND by %.1f s, catching up (every file is kept)", lagSeconds)
                     : "keeping up")
        return parts.joined(separator: " | ")
    }
}
