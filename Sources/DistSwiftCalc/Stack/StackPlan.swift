import DistSwiftIO

/// What a stack of per-chunk outputs will hold, worked out by reading the outputs one at a time and keeping only
/// their names and times: the chunks in time order, the shared depths and curves (checked for every output), and
/// the gaps in the record. Memory is one output plus a name and a time per chunk, whatever the number of chunks.
///
/// Gaps are recorded, not filled: when two consecutive outputs are more than 1.5 × the median step apart, the gap
/// is listed (and time.npy shows it: its columns keep their true times), and no NaN column is invented — a day of
/// 1-s logs with an hour missing does not grow by 3600 empty columns.
public struct StackPlan: Sendable {
    /// One hole in the record: the outputs either side of it.
    public struct Gap: Sendable, Equatable {
        public let before: String
        public let after: String
        public let beforeTimeNs: Int64
        public let afterTimeNs: Int64
        /// Whole median steps missing between them.
        public let missingSteps: Int
    }

    public let depth: [Double]
    public let depthUnit: String
    public let curves: [WITSMLCurve]
    /// Output files in time order, and the start time of each (UTC ns).
    public let files: [String]
    public let timesNs: [Int64]
    public let gaps: [Gap]
    /// The median time between consecutive outputs (seconds; the lower middle one for an even count), nil with fewer
    /// than two.
    public let stepSeconds: Double?

    /// Scans `outputs` (any order; each is read, checked against the first and dropped).
    public static func scan(_ files: [String], read: (String) throws -> ChunkOutput) throws -> StackPlan {
        var first: ChunkOutput?
        var entries: [(file: String, address: String, time: Int64)] = []
        for file in files {
            let output = try read(file)
            if let first { try check(output, against: first) } else { first = output }
            entries.append((file, output.address, output.startTimeNs))
        }
        guard let first else {
            throw StackError("there are no per-chunk outputs to stack", fix: "run distswift process first")
        }
        entries.sort { $0.time < $1.time }
        for (a, b) in zip(entries, entries.dropFirst()) where a.time == b.time {
            throw StackError("\(a.address) and \(b.address) are both outputs of the chunk at "
                             + UTCTime.iso8601(a.time), fix: "remove one of them")
        }
        // The median step (the lower middle one for an even count: a gap is never taken as the normal step).
        let steps = zip(entries, entries.dropFirst()).map { $1.time - $0.time }.sorted()
        let medianStep: Int64? = steps.isEmpty ? nil : steps[(steps.count - 1) / 2]
        var gaps: [Gap] = []
        if let step = medianStep, step > 0 {
            for (a, b) in zip(entries, entries.dropFirst()) where Double(b.time - a.time) > 1.5 * Double(step) {
                let missing = Int(((Double(b.time - a.time) / Double(step)) - 1).rounded())
                gaps.append(Gap(before: a.file, after: b.file, beforeTimeNs: a.time, afterTimeNs: b.time,
                                missingSteps: max(missing, 1)))
            }
        }
        return StackPlan(depth: first.depth, depthUnit: first.depthUnit, curves: first.curves,
                         files: entries.map(\.file), timesNs: entries.map(\.time), gaps: gaps,
                         stepSeconds: medianStep.map { Double($0) / 1e9 })
    }

    /// The same depths and the same curves (by mnemonic, in any order) as the first output.
    static func check(_ output: ChunkOutput, against first: ChunkOutput) throws {
        guard output.depth.count == first.depth.count,
              zip(output.depth, first.depth).allSatisfy({ abs($0 - $1) <= 1e-9 * max(1, abs($1)) })
        else {
            let detail = output.depth.count == first.depth.count
                ? "different depths"
                : "\(output.depth.count) depths against \(first.depth.count)"
            throw StackError("\(output.address) and \(first.address) have \(detail)",
                             fix: "stack outputs of one fibre and one channel selection only")
        }
        guard Set(output.curves.map(\.mnemonic)) == Set(first.curves.map(\.mnemonic)),
              output.curves.count == first.curves.count else {
            throw StackError("\(output.address) has the curves \(output.curves.map(\.mnemonic)) but "
                             + "\(first.address) has \(first.curves.map(\.mnemonic))",
                             fix: "stack the outputs of one graph's writer only")
        }
    }

    /// The gaps as a JSON list: `[{"before": file, "after": file, "before_utc": …, "after_utc": …,
    /// "missing_steps": n}, …]` (before: the last output ahead of the gap; after: the first one past it).
    public var gapsJSON: String {
        "[" + gaps.map { gap in
            #"{"before": "\#(gap.before)", "after": "\#(gap.after)", "before_utc": "\#(UTCTime.iso8601(gap.beforeTimeNs))", "#
                + #""after_utc": "\#(UTCTime.iso8601(gap.afterTimeNs))", "missing_steps": \#(gap.missingSteps)}"#
        }.joined(separator: ", ") + "]"
    }

    var stepSecondsJSON: String { stepSeconds.map { "\($0)" } ?? "null" }

    /// An output read again after the scan still has the plan's channels and curves (it may have been rewritten).
    func requireShape(of output: ChunkOutput) throws {
        guard output.depth.count == depth.count, Set(output.curves.map(\.mnemonic)) == Set(curves.map(\.mnemonic)) else {
            throw StackError("\(output.address) changed while it was stacked (other channels or curves)",
                             fix: "stack again once the run that writes the folder has finished")
        }
    }

    /// Column `curve` of an output as one value per channel (curves matched by mnemonic).
    func column(_ curve: WITSMLCurve, of output: ChunkOutput) -> [Double] {
        let c = output.curves.firstIndex { $0.mnemonic == curve.mnemonic }!
        return (0..<output.values.rows).map { output.values[$0, c] }
    }
}
