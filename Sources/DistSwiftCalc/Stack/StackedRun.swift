import DistSwiftIO

/// The per-chunk outputs of a run stacked into continuous arrays, one per curve: channels × columns, one column per
/// chunk in time order (distpy's `readFBE` layout, depth × time), with a time per column.
///
/// Gaps are kept, not closed: when two consecutive chunks are more than 1.5 × the median step apart, the missing
/// columns are filled with NaN at the median step (`filled[i]` marks them), so the time axis stays even, a plot
/// shows the hole where it is, and no value is invented. (The alternative, one block per continuous run, would
/// change the folder layout whenever data are missing.) The columns either side of a gap keep their true times.
public struct StackedRun: Sendable {
    /// One hole in the record: the outputs either side of it and the number of NaN columns put in between.
    public struct Gap: Sendable, Equatable {
        public let before: String
        public let after: String
        public let beforeTimeNs: Int64
        public let afterTimeNs: Int64
        public let filledColumns: Int
    }

    public let depth: [Double]
    public let depthUnit: String
    public let curves: [WITSMLCurve]
    /// One channels × columns array per curve, in `curves` order.
    public let arrays: [Array2D<Double>]
    /// The start time of each column (UTC nanoseconds).
    public let timesNs: [Int64]
    /// True for the NaN columns that stand for missing chunks.
    public let filled: [Bool]
    public let gaps: [Gap]
    /// The median time between consecutive outputs (seconds; the lower middle one for an even count), nil with fewer
    /// than two.
    public let stepSeconds: Double?
    /// How many outputs were stacked.
    public let outputCount: Int

    /// Stacks `outputs` (any order): sorted by start time (not by name), checked for the same depths and the same
    /// curves (matched by mnemonic, so a file may order its columns differently), gaps filled with NaN.
    public static func stack(_ outputs: [ChunkOutput]) throws -> StackedRun {
        guard let first = outputs.min(by: { $0.startTimeNs < $1.startTimeNs }) else {
            throw StackError("there are no per-chunk outputs to stack", fix: "run distswift process first")
        }
        let sorted = outputs.sorted { $0.startTimeNs < $1.startTimeNs }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.startTimeNs == b.startTimeNs {
            throw StackError("\(a.address) and \(b.address) are both outputs of the chunk at "
                             + UTCTime.iso8601(a.startTimeNs), fix: "remove one of them")
        }
        let curves = first.curves
        let mnemonics = curves.map(\.mnemonic)
        for output in sorted {
            guard output.depth.count == first.depth.count,
                  zip(output.depth, first.depth).allSatisfy({ abs($0 - $1) <= 1e-9 * max(1, abs($1)) })
            else {
                let detail = output.depth.count == first.depth.count
                    ? "different depths"
                    : "\(output.depth.count) depths against \(first.depth.count)"
                throw StackError("\(output.address) and \(first.address) have \(detail)",
                                 fix: "stack outputs of one fibre and one channel selection only")
            }
            guard Set(output.curves.map(\.mnemonic)) == Set(mnemonics), output.curves.count == curves.count else {
                throw StackError("\(output.address) has the curves \(output.curves.map(\.mnemonic)) but "
                                 + "\(first.address) has \(mnemonics)",
                                 fix: "stack the outputs of one graph's writer only")
            }
        }

        // The median step (the lower middle one for an even count: a gap is never taken as the normal step), and
        // the columns each gap needs.
        let steps = zip(sorted, sorted.dropFirst()).map { $1.startTimeNs - $0.startTimeNs }.sorted()
        let medianStep: Int64? = steps.isEmpty ? nil : steps[(steps.count - 1) / 2]
        var timesNs: [Int64] = []
        var filled: [Bool] = []
        var gaps: [Gap] = []
        var sourceColumn: [Int?] = []
        for (i, output) in sorted.enumerated() {
            if i > 0, let step = medianStep {
                let previous = sorted[i - 1]
                let delta = output.startTimeNs - previous.startTimeNs
                if Double(delta) > 1.5 * Double(step) {
                    // Missing columns at the median step, stopping half a step short of the next output.
                    var t = previous.startTimeNs + step
                    var count = 0
                    while output.startTimeNs - t > step / 2 {
                        timesNs.append(t)
                        filled.append(true)
                        sourceColumn.append(nil)
                        t += step
                        count += 1
                    }
                    gaps.append(Gap(before: previous.file, after: output.file, beforeTimeNs: previous.startTimeNs,
                                    afterTimeNs: output.startTimeNs, filledColumns: count))
                }
            }
            timesNs.append(output.startTimeNs)
            filled.append(false)
            sourceColumn.append(i)
        }

        let rows = first.depth.count, columns = timesNs.count
        var arrays: [Array2D<Double>] = []
        for curve in curves {
            var array = Array2D<Double>(rows: rows, columns: columns, repeating: .nan)
            for (column, source) in sourceColumn.enumerated() {
                guard let source else { continue }
                let output = sorted[source]
                let c = output.curves.firstIndex { $0.mnemonic == curve.mnemonic }!
                for r in 0..<rows { array[r, column] = output.values[r, c] }
            }
            arrays.append(array)
        }
        return StackedRun(depth: first.depth, depthUnit: first.depthUnit, curves: curves, arrays: arrays,
                          timesNs: timesNs, filled: filled, gaps: gaps,
                          stepSeconds: medianStep.map { Double($0) / 1e9 }, outputCount: sorted.count)
    }
}

/// A folder that cannot be stacked: what is wrong (naming the files) and the fix.
public struct StackError: ProblemKind {
    public let base: Problem

    public init(_ problem: String, fix: String) {
        base = Problem(where: nil, problem, fix: fix)
    }
}
