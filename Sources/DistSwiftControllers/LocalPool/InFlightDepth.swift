/// How many tasks a worker holds at once when `--batch` is not given — the pool's counterpart of Python's
/// `Pool.map` chunk size, chosen again before every hand-out:
///
///     depth = clamp(min(1 + ⌈0.05 s / t̄⌉, ⌊pending / (4 × workers)⌋), 1, 64)
///
/// - `t̄` is the mean time of the tasks finished so far (until the first one finishes, depth is 1). A worker that
///   holds its next task while running one never waits for the controller between tasks; for short tasks, enough
///   are queued to cover about 50 ms of work, so the pipe round trip is never more than a few per cent of it.
/// - `pending / (4 × workers)` is `Pool.map`'s own rule: at least four hand-outs per worker stay in the queue, so
///   tasks queued behind a slow one do not leave the other workers idle at the end of the run.
public enum InFlightDepth {
    public static let queuedWorkSeconds = 0.05
    public static let maximum = 64

    public static func automatic(meanTaskSeconds: Double?, pendingTasks: Int, workers: Int) -> Int {
        guard let mean = meanTaskSeconds else { return 1 }
        let byTime = mean > 0 ? 1 + Int((queuedWorkSeconds / mean).rounded(.up)) : maximum
        let byTail = pendingTasks / (4 * max(1, workers))
        return min(max(1, min(byTime, byTail)), maximum)
    }
}
