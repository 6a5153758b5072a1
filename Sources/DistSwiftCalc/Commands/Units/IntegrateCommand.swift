import DistSwiftIO
import DistSwiftNative

/// `integrate`: DASCore's `patch.integrate(dim, definite=False)`: the cumulative trapezoidal integral along a
/// dimension (0 at the first sample), or with `definite` the total, one value per line. Along time the cumulative
/// integral runs on across chunks (a `RunningTotalCommand`) unless `zero_at` is "chunk".
public struct IntegrateCommand: RunningTotalCommand {
    public static let name = "integrate"
    public static let summary = "DASCore's integrate: cumulative (or definite) trapezoidal integral along a dim"
    public static let details = """
        DASCore: patch.integrate(dim="time", definite=false): out[0] = 0, out[k] = Σ_{i<k} (x[i] + x[i+1])·dx/2
        (numpy's trapezoid). With definite the dimension collapses to one value, the integral over the line
        (the time axis becomes one statistic, as DASCore collapses it). Units follow the physics: multiplied by
        s along time, m along distance (strain rate in 1/s becomes strain, written "1"; velocity m/s becomes
        m); unrecorded units stay unrecorded, unreadable ones are a validation error.
        Along time it is continuous by default ("zero_at": "segment"): the integral starts at 0 at the first
        sample of the contiguous recording segment, so chunked output is the integral of the whole record. `process`
        gets there with a two-pass scan: a totals pass runs the graph up to this command on every chunk (in
        parallel) and keeps each chunk's per-row trapezoid total and end samples; each chunk's main pass then
        starts from the sum over the earlier chunks of its segment (their totals and the trapezoids that bridge
        them). A gap in the recording starts a new segment and a new integral at 0. "zero_at": "chunk" restarts at
        0 at every chunk's first sample (the integral of the chunk, as DASCore's of a patch of the chunk's length).
        `definite` is always per chunk (the chunk's total). `watch` has no totals pass and refuses it (use
        "zero_at": "chunk" there). Along distance the whole fibre is integrated (no channel blocks).
        """
    public static let parameters = [
        DimensionKeyword.namedParameter(),
        ParameterSpec("definite", .boolean, default: .bool(false),
                      "true: the integral over the whole line (one value); false: cumulative, same length"),
        ParameterSpec("zero_at", .choice(["segment", "chunk"]), default: .string("segment"),
                      "where the cumulative integral along time is 0: \"segment\" (the recording segment's first "
                      + "sample: continuous across chunks) or \"chunk\" (every chunk's first sample)"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let dimension: DataDimension
    let definite: Bool
    let zeroAtChunk: Bool

    public init(_ p: ParameterValues) throws {
        dimension = DimensionKeyword.named(p)
        definite = p.flag("definite")
        zeroAtChunk = p.string("zero_at") == "chunk"
    }

    /// Cumulative along time from the segment's start: needs the earlier chunks' totals.
    public var needsRunningTotal: Bool { dimension == .time && !definite && !zeroAtChunk }

    public func check(_ context: GraphContext) -> [ParameterProblem] {
        UnitsAlongDimension.problems(context.units, command: Self.name)
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind {
        definite && dimension == .time ? .perChannel : inputs[0]
    }

    /// Continuous: pointwise (each sample is the running total there; the halo's samples too, so later windowed
    /// commands read across the boundary); otherwise the chunk as a whole.
    public func timeContext(_ input: Axes) -> TimeContext {
        needsRunningTotal ? .pointwise : DimensionContext(dimension: dimension).time(window: nil)
    }
    public var channelContext: ChannelContext { DimensionContext(dimension: dimension).channels() }

    public func outputAxes(_ inputs: [Axes]) -> Axes {
        var axes = inputs[0].withUnits(UnitsAlongDimension.following(inputs[0].units, along: dimension, power: 1))
        if definite {
            let collapsed = dimension == .time ? Axis.labelled(.statistic, ["integral"])
                : Axis.labelled(.aggregate, ["integral"], units: "m")
            axes = axes.replacing(dimension, with: collapsed)
        }
        return axes
    }

    /// The running integral reads a float32 chunk as it is (no float64 copy first).
    public var acceptsPackedSignals: Bool { true }
    /// The running integral is computed in its float64 input's buffer when the engine hands it over.
    public var worksInPlace: Bool { needsRunningTotal }

    public func execute(owning inputs: inout [Signal], context: ChunkContext) throws -> Signal {
        guard needsRunningTotal, var data = inputs[0].takeReal() else { return try execute(inputs, context: context) }
        let (total, half) = try runningSetting(rows: data.rows, context: context)
        guard data.columns > 0 else { return .real(data) }
        CalculusRowKernels.runningTrapezoidInPlace(&data.values, columns: data.columns, offsets: total.offsets,
                                                   anchor: min(max(total.anchor, 0), data.columns - 1), half: half)
        return .real(data)
    }

    /// Where the running total starts (the totals pass's offsets, or 0 at the chunk) and half the spacing.
    private func runningSetting(rows: Int, context: ChunkContext) throws -> (RunningTotal, Double) {
        let total = context.runningTotal ?? RunningTotal(offsets: [Double](repeating: 0, count: rows), anchor: 0)
        return (total, try spacing(context) / 2)
    }

    private func spacing(_ context: ChunkContext) throws -> Double {
        try context.spacing(along: dimension, command: Self.name)
    }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        if needsRunningTotal, case .singleReal(let single) = inputs[0] {
            let (total, half) = try runningSetting(rows: single.rows, context: context)
            return .real(Self.runningIntegral(single, from: total, half: half))
        }
        let data = try inputs[0].canonical().realValues(for: Self.name)
        let half = try spacing(context) / 2
        if needsRunningTotal {
            let (total, _) = try runningSetting(rows: data.rows, context: context)
            return .real(Self.runningIntegral(data, from: total, half: half))
        }
        return .real(data.mappingLines(along: dimension) { line in
            var total = 0.0, previous = line.first ?? 0
            var out = [Double]()
            out.reserveCapacity(definite ? 1 : line.count)
            if !definite { out.append(0) }
            for x in line.dropFirst() {
                total += (previous + x) * half
                previous = x
                if !definite { out.append(total) }
            }
            if definite { out.append(total) }
            return line.isEmpty ? [] : out
        })
    }

    /// The cumulative trapezoid of each row, equal to `total.offsets[row]` at element `total.anchor` (the chunk's
    /// first sample) and run forwards and backwards from there (the halo before the chunk lies before it).
    static func runningIntegral<S: BinaryFloatingPoint>(_ data: Array2D<S>, from total: RunningTotal, half: Double)
        -> Array2D<Double>
    {
        let n = data.columns
        guard n > 0 else { return Array2D(rows: data.rows, columns: 0, values: []) }
        return Array2D(rows: data.rows, columns: n,
                       values: CalculusRowKernels.runningTrapezoid(data.values, columns: n, offsets: total.offsets,
                                                                   anchor: min(max(total.anchor, 0), n - 1), half: half))
    }

    public func runningTotalSummaries(_ input: DataArray, own: Range<Int>) throws -> [RunningTotalSummary?] {
        guard let step = input.axes.columns.step else {
            throw CommandError(Self.name, "needs an evenly sampled time axis for a running integral")
        }
        return Self.summaries(try input.values.realValues(for: Self.name), own: own, step: step)
    }

    /// What the chunk's own samples (`own`, elements of each row) add to the running total: the totals pass.
    static func summaries(_ data: Array2D<Double>, own: Range<Int>, step: Double) -> [RunningTotalSummary?] {
        (0..<data.rows).map { r in
            guard !own.isEmpty else { return nil }
            let line = data.row(r), start = line.startIndex
            var total = 0.0
            for k in own.dropFirst() { total += (line[start + k - 1] + line[start + k]) * step / 2 }
            return RunningTotalSummary(total: total, first: line[start + own.lowerBound],
                                       last: line[start + own.upperBound - 1], step: step)
        }
    }
}
