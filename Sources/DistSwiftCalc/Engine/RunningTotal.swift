/// A command whose output at a sample depends on every earlier sample of the recording segment — a cumulative
/// integral along time — and so on the chunks before this one. Halos cannot give that (they would have to reach
/// back to the start of the segment), and carrying state from chunk to chunk would make the run one sequential
/// stream. Instead `process` runs a two-pass scan: a totals pass runs the graph up to each such node on every chunk
/// (in parallel) and keeps a `RunningTotalSummary` per row of what the node receives; the exclusive prefix over the
/// earlier chunks of the segment (`RunningTotalScan`) is the offset each chunk's main pass starts from
/// (`ChunkContext.runningTotal`). Chunks stay independent tasks: the offsets are an input they read.
public protocol RunningTotalCommand: Command {
    /// True when this instance needs the earlier chunks' totals (false: it is defined per chunk).
    var needsRunningTotal: Bool { get }
    /// The totals pass: what elements `own` (the chunk's own samples) of each row of `input` add to the total.
    func runningTotalSummaries(_ input: DataArray, own: Range<Int>) throws -> [RunningTotalSummary?]
}

/// What a chunk contributes to the running total of one row: the total over its own samples, and its first and
/// last sample, so the step from one chunk's last sample to the next chunk's first is counted exactly once.
public struct RunningTotalSummary: Sendable, Equatable {
    public var total: Double
    public var first: Double
    public var last: Double
    /// Seconds between samples of the row (the trapezoid's step across the boundary).
    public var step: Double

    public init(total: Double, first: Double, last: Double, step: Double) {
        self.total = total
        self.first = first
        self.last = last
        self.step = step
    }
}

/// What a chunk's main pass needs for one running-total node: per row, the integral from the segment's first
/// sample to the chunk's first sample.
public struct RunningTotalOffsets: Sendable, Equatable {
    /// Per row key (the channel index in the store for rows that are channels, else the row index).
    public var offsets: [Double]

    public init(offsets: [Double]) { self.offsets = offsets }

    /// The key of each row of a value with these axes: channels by their index in the store, so channel blocks
    /// and channel halos find their own offsets.
    public static func rowKeys(_ rows: Axis) -> [Int] {
        rows.dimension == .distance ? (0..<rows.count).map(rows.baseIndex) : Array(0..<rows.count)
    }
}

/// What the engine hands a running-total command on one chunk: the offsets per row of its input, and which input
/// element is the chunk's first own sample (the input may carry a halo before it).
public struct RunningTotal: Sendable, Equatable {
    /// Per row of the input as it arrives.
    public var offsets: [Double]
    /// The input element at which the running total equals `offsets` (the chunk's first sample).
    public var anchor: Int

    public init(offsets: [Double], anchor: Int) {
        self.offsets = offsets
        self.anchor = anchor
    }
}

/// The exclusive prefix scan of the totals pass: fed the chunks in time order (each with its segment), it gives the
/// running total at each chunk's first sample. A new segment (a gap in the recording) starts again from 0, as the
/// monolithic integral of a record with a gap is two integrals. It holds one row of state, so a day of chunks
/// streams through it.
public struct RunningTotalScan: Sendable {
    private var segment: Int64?
    private var running: [Double] = []
    private var previousLast: [Double?] = []

    public init() {}

    /// The next chunk: its segment and per-row summaries (nil for a row with no samples of the node's grid in
    /// this chunk). Returns its offsets per row.
    public mutating func next(segment: Int64, rows: [RunningTotalSummary?]) -> [Double] {
        if segment != self.segment || running.count != rows.count {
            self.segment = segment
            running = [Double](repeating: 0, count: rows.count)
            previousLast = [Double?](repeating: nil, count: rows.count)
        }
        var offsets = running
        for (r, summary) in rows.enumerated() {
            guard let summary else { continue }
            // The trapezoid that bridges the previous chunk's last sample and this chunk's first.
            if let last = previousLast[r] { offsets[r] += (last + summary.first) * summary.step / 2 }
            running[r] = offsets[r] + summary.total
            previousLast[r] = summary.last
        }
        return offsets
    }

    /// Every chunk's offsets at once.
    public static func offsets(_ chunks: [(segment: Int64, rows: [RunningTotalSummary?])]) -> [[Double]] {
        var scan = RunningTotalScan()
        return chunks.map { scan.next(segment: $0.segment, rows: $0.rows) }
    }
}
