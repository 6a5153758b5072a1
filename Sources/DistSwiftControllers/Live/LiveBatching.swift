/// How the watch groups what is ready into pool tasks (`LiveTask` with several items): a burst of small files is
/// ingested, and its chunks processed, a batch per task, so the round trip through the pool (a message, an answer,
/// the scheduler's and the statistics' bookkeeping on both sides) is paid per batch rather than twice per file.
///
/// A batch is made of what is there when the watch looks, never by waiting for more: one file ready is one task
/// at once. What is ready is spread over the workers first (no worker idles while another holds a batch), and a
/// batch holds at most `largest` items, so a worker's answers — which wait for its group commit — come at least
/// every few milliseconds of small-file work.
public enum LiveBatching {
    public static let largest = 16

    public static func batches(_ items: [String], workers: Int) -> [[String]] {
        guard !items.isEmpty else { return [] }
        let perWorker = (items.count + max(1, workers) - 1) / max(1, workers)
        let size = min(largest, max(1, perWorker))
        return stride(from: 0, to: items.count, by: size).map { Array(items[$0..<min($0 + size, items.count)]) }
    }
}
