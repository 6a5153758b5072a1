import DistSwiftWorkers
import Foundation

/// The numbers that say whether a watch keeps up, over rolling windows so that they stay meaningful (and their
/// memory bounded) after months: latency from a file's arrival to its chunk's outputs (median, 99th percentile,
/// over the last `latencyWindow` chunks), the real-time factor (data seconds processed per wall second over the
/// last `rateWindowSeconds`), the pool's capacity as a multiple of real time (data seconds per second of worker
/// time, times the workers: how fast it could go), and what each worker did lately.
public struct LiveStatistics: Sendable {
    public struct WorkerActivity: Codable, Sendable, Equatable {
        public var worker: Int
        public var tasks: Int
        public var busySeconds: Double
        /// Busy share of the rate window.
        public var recentUtilisation: Double
        public var lastTask: String?
        public var lastPid: Int32?
    }

    public static let latencyWindow = 1000
    public static let rateWindowSeconds = 60.0
    public static let recentTries = 500

    private var latencies: [Double] = []
    private var latencyHead = 0
    /// (end, data seconds) of the chunks done in the rate window.
    private var done: [(endNs: Int64, dataSeconds: Double)] = []
    /// The last tries of every kind, for per-worker activity and the rolling timeline.
    public private(set) var recent: [TaskAttempt] = []
    /// The data seconds each of `recent` processed (0 for ingest tries).
    private var recentData: [Double] = []
    private var workers: [Int: WorkerActivity] = [:]
    public let startedNs: Int64
    public private(set) var chunksProcessed = 0
    public private(set) var provisionalProcessed = 0
    public private(set) var filesIngested = 0
    public private(set) var bytesIngested = 0
    public private(set) var dataSecondsProcessed = 0.0
    public private(set) var lastLatency: Double?

    public init(startedNs: Int64) {
        self.startedNs = startedNs
    }

    /// A task that ingested `files` files.
    public mutating func ingested(_ attempt: TaskAttempt, files: Int = 1) {
        filesIngested += files
        bytesIngested += attempt.bytes
        tried(attempt, dataSeconds: 0)
    }

    public mutating func processed(_ attempt: TaskAttempt, dataSeconds: Double, latency: Double?, provisional: Bool) {
        processed(attempt, chunks: [(dataSeconds, latency)], provisional: provisional)
    }

    /// A task that processed several chunks: each its data seconds and latency, the task's worker time once.
    public mutating func processed(_ attempt: TaskAttempt, chunks: [(dataSeconds: Double, latency: Double?)],
                                   provisional: Bool) {
        var taskData = 0.0
        for (dataSeconds, latency) in chunks {
            if provisional { provisionalProcessed += 1 } else { chunksProcessed += 1 }
            taskData += dataSeconds
            if let latency {
                lastLatency = latency
                if latencies.count < Self.latencyWindow {
                    latencies.append(latency)
                } else {
                    latencies[latencyHead] = latency
                    latencyHead = (latencyHead + 1) % Self.latencyWindow
                }
            }
        }
        dataSecondsProcessed += taskData
        done.append((attempt.endNs, taskData))
        tried(attempt, dataSeconds: taskData)
    }

    /// Any try, failed ones included (they took worker time too).
    public mutating func tried(_ attempt: TaskAttempt, dataSeconds: Double = 0) {
        recent.append(attempt)
        recentData.append(dataSeconds)
        if recent.count > 2 * Self.recentTries {
            recent.removeFirst(recent.count - Self.recentTries)
            recentData.removeFirst(recentData.count - Self.recentTries)
        }
        guard let worker = attempt.worker else { return }
        var activity = workers[worker] ?? WorkerActivity(worker: worker, tasks: 0, busySeconds: 0,
                                                          recentUtilisation: 0)
        activity.tasks += 1
        activity.busySeconds += attempt.seconds
        activity.lastTask = attempt.id
        activity.lastPid = attempt.pid
        workers[worker] = activity
    }

    /// The latency quantile `q` (0…1) over the window, nil before the first chunk.
    public func latency(quantile q: Double) -> Double? {
        guard !latencies.isEmpty else { return nil }
        let sorted = latencies.sorted()
        return sorted[min(sorted.count - 1, Int((q * Double(sorted.count - 1)).rounded()))]
    }

    /// Data seconds processed per wall second over the rate window (or since the start, when shorter).
    public mutating func realTimeFactor(nowNs: Int64) -> Double {
        let windowStart = nowNs - Int64(Self.rateWindowSeconds * 1e9)
        done.removeAll { $0.endNs < windowStart }
        let span = min(Self.rateWindowSeconds, Double(nowNs - startedNs) / 1e9)
        return span > 0 ? done.reduce(0) { $0 + $1.dataSeconds } / span : 0
    }

    /// How many times real time the pool could process at: data seconds per worker-second over the recent tries,
    /// times the workers. Above 1 the watch can keep up; the headroom is the ratio to the input's rate.
    public func capacity(workers count: Int) -> Double? {
        let busy = recent.suffix(Self.recentTries).reduce(0) { $0 + $1.seconds }
        let data = recentData.suffix(Self.recentTries).reduce(0, +)
        guard busy > 0, data > 0 else { return nil }
        return data / busy * Double(count)
    }

    /// Each worker's totals and its busy share of the rate window.
    public func workerActivity(nowNs: Int64) -> [WorkerActivity] {
        let windowStart = nowNs - Int64(Self.rateWindowSeconds * 1e9)
        let span = min(Self.rateWindowSeconds, max(1e-9, Double(nowNs - startedNs) / 1e9))
        return workers.values.sorted { $0.worker < $1.worker }.map { activity in
            var activity = activity
            let busy = recent.filter { $0.worker == activity.worker }.reduce(0.0) { total, t in
                total + max(0, Double(t.endNs - max(t.startNs, windowStart)) / 1e9)
            }
            activity.recentUtilisation = min(1, busy / span)
            return activity
        }
    }
}
