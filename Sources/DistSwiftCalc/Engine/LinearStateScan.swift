/// A command whose output along time is a linear recurrence with a small state — an IIR filter run forward (sosfilt)
/// or forward and backward (sosfiltfilt) — and so depends on every sample of the recording segment before the chunk
/// (and, zero-phase, after it). A halo reaches only as far as the impulse response has decayed to a tolerance, and
/// for a narrow band at a high rate that is many chunks on each side. `process` instead runs an exact two-pass
/// state scan, as it does for running totals (`RunningTotalCommand`): a totals pass runs the graph up to each such
/// node on every chunk (in parallel) and keeps per row the states that the chunk's zero-state passes end in
/// (`StateScanChunk`); since the recurrence is linear, the state a chunk's forward pass starts from is the previous
/// chunk's end state carried through the chunk (`LinearStateScan`), and the same holds backwards. Each chunk's main
/// pass then starts from those states (`ChunkContext.stateScan`) with no halo, and chunked output equals the
/// monolithic run to rounding. `watch` runs no totals pass: its plans keep the halo (`GraphPlan.usingStateScan`).
public protocol LinearStateScanCommand: Command {
    /// True when this instance filters along time (a scan is possible); false along distance.
    var scansTime: Bool { get }
    /// The totals pass on one chunk: `input` is the chunk's own samples (the engine trims it), `position` where the
    /// chunk sits in its recording segment (its ends get the record's edge padding).
    func stateScanChunk(_ input: DataArray, position: SegmentPosition, context: ChunkContext) throws -> StateScanChunk
}

/// Where a chunk sits in its recording segment (a gap in the recording starts a new segment): its first chunk is
/// padded at the start, its last at the end, as a filter run over the whole segment pads the record's ends.
public struct SegmentPosition: Sendable, Equatable {
    public var first: Bool
    public var last: Bool

    public init(first: Bool, last: Bool) {
        self.first = first
        self.last = last
    }

    /// A chunk that is a whole recording (tests, `watch`, commands run outside `process`).
    public static let whole = SegmentPosition(first: true, last: true)
}

/// What one chunk contributes to the state scan of one node. States have `order` values per row (two delays per
/// second-order section). Matrices are stored by columns: column j is the response to a unit state j.
public struct StateScanChunk: Sendable, Equatable {
    public var order: Int
    /// A: the forward state after the chunk from a unit start state and zero input (empty for a segment's first
    /// chunk, which starts from the record's padding instead). The backward pass carries a state across the chunk
    /// by the same matrix (the recurrence is the same, run the other way).
    public var transition: [Double]
    /// B: the backward pass's state at the chunk's start caused by a unit forward start state (zero-phase, not a
    /// segment's first chunk; for its last chunk, through the record-end padding and steady-state start).
    public var backwardGain: [Double]
    /// Per row of the input: the forward end state from a zero start (a segment's first chunk: from the padding).
    public var forwardEnds: [[Double]]
    /// Per row, zero-phase: the backward pass's state at the chunk's start, run from a zero state over the zero-start
    /// forward output (a segment's last chunk: from its padding and steady-state start). Empty when causal.
    public var backwardEnds: [[Double]]

    public init(order: Int, transition: [Double], backwardGain: [Double], forwardEnds: [[Double]],
                backwardEnds: [[Double]]) {
        self.order = order
        self.transition = transition
        self.backwardGain = backwardGain
        self.forwardEnds = forwardEnds
        self.backwardEnds = backwardEnds
    }
}

/// Where a chunk's passes start, per row: the forward pass's state at its first sample (nil: the segment's start,
/// padded as the record's) and the backward pass's at its last (nil: the segment's end). Per row key
/// (`RunningTotalOffsets.rowKeys`) as the scan stores it, or per row of the input as the command receives it.
public struct StateScanStart: Sendable, Equatable {
    public var order: Int
    /// The key of each row (ascending; after a channel step only some channels are rows).
    public var keys: [Int]
    /// Rows × order values, row by row.
    public var forward: [Double]?
    public var backward: [Double]?

    public init(order: Int, keys: [Int], forward: [Double]?, backward: [Double]?) {
        self.order = order
        self.keys = keys
        self.forward = forward
        self.backward = backward
    }

    /// The same for the rows with keys `wanted` (a channel block's rows, by their index in the store).
    public func selecting(_ wanted: [Int]) throws -> StateScanStart {
        guard forward != nil || backward != nil else { return self }  // a segment's only chunk: nothing to look up
        let position = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let rows = try wanted.map { key -> Int in
            guard let row = position[key] else {
                throw CommandError("state scan", "row \(key) has no filter state from the totals pass (it saw "
                                   + "\(keys.count) rows); run process again with --force")
            }
            return row
        }
        func pick(_ values: [Double]?) -> [Double]? {
            values.map { values in rows.flatMap { values[($0 * order)..<(($0 + 1) * order)] } }
        }
        return StateScanStart(order: order, keys: wanted, forward: pick(forward), backward: pick(backward))
    }
}

/// The scan itself, per row: d×d matrices by columns applied to state vectors. Exact linear algebra on the
/// totals pass's states; the controller streams chunks through it in time order (forward) and back (backward).
public enum LinearStateScan {
    /// M·s + extra (M by columns, d×d).
    static func apply(_ columns: [Double], _ s: ArraySlice<Double>, plus extra: ArraySlice<Double>) -> [Double] {
        let d = s.count
        var out = Array(extra)
        for (j, value) in s.enumerated() where value != 0 {
            let column = j * d
            for i in 0..<d { out[i] += columns[column + i] * value }
        }
        return out
    }

    /// The forward state at the next chunk's first sample, per row (rows × d): `chunk`'s forward end from zero plus
    /// its transition applied to where it started (`start` nil: the segment's first chunk, whose end is its own).
    public static func forwardNext(start: [Double]?, chunk: StateScanChunk) -> [Double] {
        let d = chunk.order
        return chunk.forwardEnds.enumerated().flatMap { r, end -> [Double] in
            guard let start else { return end }
            return apply(chunk.transition, start[(r * d)..<((r + 1) * d)], plus: end[...])
        }
    }

    /// The backward state at `chunk`'s first sample (what the previous chunk's backward pass starts from), per row:
    /// the backward end from zero, plus the forward start's effect through B, plus (not the segment's last chunk)
    /// `end`, the backward state at its last sample, carried through the chunk.
    public static func backwardStart(forwardStart: [Double], end: [Double]?, chunk: StateScanChunk) -> [Double] {
        let d = chunk.order
        return chunk.backwardEnds.enumerated().flatMap { r, own -> [Double] in
            let rows = (r * d)..<((r + 1) * d)
            var value = apply(chunk.backwardGain, forwardStart[rows], plus: own[...])
            if let end { value = apply(chunk.transition, end[rows], plus: value[...]) }
            return value
        }
    }
}

/// A chunk's `StateScanChunk`s of one node gathered over its channel blocks, rows by row key.
public struct StateScanSummary: Sendable, Equatable {
    public var order: Int
    public var transition: [Double]
    public var backwardGain: [Double]
    /// Per row key: forward end and backward end states from zero starts (`StateScanChunk`).
    public var rows: [Int: (forward: [Double], backward: [Double])] = [:]

    public init(_ chunk: StateScanChunk) {
        order = chunk.order
        transition = chunk.transition
        backwardGain = chunk.backwardGain
    }

    /// Adds the rows of one block's chunk (`keys`: the rows' keys; `within`: the block's own channels, so the
    /// channel halo's rows are left to their own blocks).
    public mutating func add(_ chunk: StateScanChunk, keys: [Int], within block: Range<Int>?) {
        for (r, key) in keys.enumerated() where block?.contains(key) ?? true {
            rows[key] = (chunk.forwardEnds[r], chunk.backwardEnds.isEmpty ? [] : chunk.backwardEnds[r])
        }
    }

    /// As one chunk's contribution, rows in ascending key order, and those keys.
    public func chunk() -> (keys: [Int], chunk: StateScanChunk) {
        let keys = rows.keys.sorted()
        let backward = keys.compactMap { rows[$0]!.backward.isEmpty ? nil : rows[$0]!.backward }
        return (keys, StateScanChunk(order: order, transition: transition, backwardGain: backwardGain,
                                     forwardEnds: keys.map { rows[$0]!.forward }, backwardEnds: backward))
    }

    public static func == (a: StateScanSummary, b: StateScanSummary) -> Bool {
        a.chunk() == b.chunk()
    }
}
