import DistSwiftIO
import DistSwiftNative

/// The IIR filters' side of the state scan (`LinearStateScanCommand`): the lanes kernel run from given states with
/// the record's padding only at a segment's ends, and the totals pass's zero-state runs and unit-state probes.
/// `zeroPhase` false is sosfilt: one forward pass from rest at the segment's start, no padding.
extension SecondOrderSections {
    /// The rows of `x` filtered as one stretch of a longer recording: the forward pass from `start.forward` (nil:
    /// the segment's start: padded, steady-state start; causal: from rest), the backward pass from
    /// `start.backward` (nil: the segment's end, padded). Without `start` the chunk is the whole record.
    func filterRows<T: LaneSample>(_ x: Array2D<T>, padType: PadType, zeroPhase: Bool, start: StateScanStart?,
                                   command: String) throws -> [T] {
        var states = SOSLanes.States(forwardStart: start?.forward, backwardStart: start?.backward)
        return try run(x, padType: padType, zeroPhase: zeroPhase, position: SegmentPosition(
            first: start?.forward == nil, last: start?.backward == nil), states: &states, wantsEnds: false,
                       keepsOutput: true, command: command)
    }

    /// The totals pass on one chunk's rows: each row's end states from zero starts (the segment's padding at its
    /// ends), and A and B from `order` probe rows of zeros started from unit states.
    func stateScanChunk<T: LaneSample>(_ x: Array2D<T>, padType: PadType, zeroPhase: Bool, position: SegmentPosition,
                                       command: String) throws -> StateScanChunk {
        let d = 2 * sections.count
        func zeros(_ rows: Int) -> [Double] { [Double](repeating: 0, count: rows * d) }
        var own = SOSLanes.States(forwardStart: position.first && zeroPhase ? nil : zeros(x.rows),
                                  backwardStart: position.last ? nil : zeros(x.rows))
        _ = try run(x, padType: padType, zeroPhase: zeroPhase, position: position, states: &own, wantsEnds: true,
                    keepsOutput: false, command: command)
        var chunk = StateScanChunk(order: d, transition: [], backwardGain: [], forwardEnds: rowsOf(own.forwardEnd, d),
                                   backwardEnds: zeroPhase ? rowsOf(own.backwardEnd, d) : [])
        guard !position.first else { return chunk }  // the segment's first chunk starts from its padding
        var identity = zeros(d)
        for j in 0..<d { identity[j * d + j] = 1 }
        var probe = SOSLanes.States(forwardStart: identity, backwardStart: position.last ? nil : zeros(d))
        _ = try run(Array2D(rows: d, columns: x.columns, values: [Double](repeating: 0, count: d * x.columns)),
                    padType: padType, zeroPhase: zeroPhase, position: SegmentPosition(first: false, last: position.last),
                    states: &probe, wantsEnds: true, keepsOutput: false, command: command)
        chunk.transition = probe.forwardEnd
        chunk.backwardGain = zeroPhase ? probe.backwardEnd : []
        return chunk
    }

    private func run<T: LaneSample>(_ x: Array2D<T>, padType: PadType, zeroPhase: Bool, position: SegmentPosition,
                                    states: inout SOSLanes.States, wantsEnds: Bool, keepsOutput: Bool,
                                    command: String) throws -> [T] {
        guard sections.count <= SOSLanes.maxSectionsWithStates else {
            throw CommandError(command, "has \(sections.count) second-order sections; the state scan takes at most "
                               + "\(SOSLanes.maxSectionsWithStates)")
        }
        guard x.columns >= 1 else { return [] }
        let pad = zeroPhase ? defaultPadLength : 0
        let before = position.first ? pad : 0, after = position.last ? pad : 0
        guard (before == 0 && after == 0) || x.columns > pad else {
            throw CommandError(command, "a chunk at the \(position.first ? "start" : "end") of a recording segment has "
                               + "\(x.columns) samples, but the record's edge padding needs more than padlen = "
                               + "\(pad); use longer chunks")
        }
        if !zeroPhase && states.forwardStart == nil {
            states.forwardStart = [Double](repeating: 0, count: x.rows * 2 * sections.count)  // sosfilt: from rest
        }
        return SOSLanes.filterRows(x.values, rows: x.rows, columns: x.columns, before: before, after: after,
                                   padding: padType.lanePadding, passes: zeroPhase ? 2 : 1,
                                   coefficients: laneCoefficients, initialConditions: laneInitialConditions,
                                   states: &states, wantsEnds: wantsEnds, keepsOutput: keepsOutput)
    }

    private func rowsOf(_ flat: [Double], _ d: Int) -> [[Double]] {
        stride(from: 0, to: flat.count, by: d).map { Array(flat[$0..<($0 + d)]) }
    }
}

extension SecondOrderSections {
    /// `signal`'s rows filtered along them (`filterRows`): in float32 when the graph is (`single`) and the rows are
    /// float32 (the lanes kernel widens them and rounds the result), else in float64.
    func filteredRows(_ signal: Signal, padType: PadType, zeroPhase: Bool, start: StateScanStart?, single: Bool,
                      command: String) throws -> Signal {
        if single, case .singleReal(let rows) = signal {
            return .singleReal(Array2D(rows: rows.rows, columns: rows.columns, values: try filterRows(
                rows, padType: padType, zeroPhase: zeroPhase, start: start, command: command)))
        }
        let rows = try signal.canonical().realValues(for: command)
        return .real(Array2D(rows: rows.rows, columns: rows.columns, values: try filterRows(
            rows, padType: padType, zeroPhase: zeroPhase, start: start, command: command)))
    }

    /// The totals pass on `signal`'s rows (float32 rows are widened exactly, as the main pass widens them).
    func stateScanChunk(_ signal: Signal, padType: PadType, zeroPhase: Bool, position: SegmentPosition,
                        command: String) throws -> StateScanChunk {
        if case .singleReal(let rows) = signal {
            return try stateScanChunk(rows, padType: padType, zeroPhase: zeroPhase, position: position, command: command)
        }
        return try stateScanChunk(try signal.canonical().realValues(for: command), padType: padType,
                                  zeroPhase: zeroPhase, position: position, command: command)
    }
}
