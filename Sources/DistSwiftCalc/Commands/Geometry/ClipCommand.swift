import DistSwiftIO
import DistSwiftNative

/// `clip`: the part of the chunk between two positions and two times, bounds included. distpy's slice is half-open
/// (it drops the xmax/tmax sample), uses sample indices as times and writes `{int(tmin)}.npy` itself (bug #24, #26);
/// here tmin/tmax are seconds from the chunk's start, both bounds are kept, and results are written by a
/// `write_npy` after it (named by chunk, like every output).
public struct ClipCommand: ReadNarrowingCommand {
    public static let name = "clip"
    public static let summary = "channels between xmin and xmax (m) and samples between tmin and tmax (s), inclusive"
    public static let details = """
        Each bound picks the nearest channel or sample (argmin |axis − bound|, as distpy); omitted bounds are the
        ends. double_ended 0 keeps the first half of the channels, 1 the second half reversed (a loop fibre folded
        back onto itself), before clipping. Per chunk along time (every chunk is clipped alike), whole fibre.
        As the chunk's only reader (uid 0), only the kept block is read from the store (not with double_ended 1).
        """
    public static let parameters = [
        ParameterSpec("xmin", .number, default: .null, unit: "m", "first position kept (default: first channel)"),
        ParameterSpec("xmax", .number, default: .null, unit: "m", "last position kept (default: last channel)"),
        ParameterSpec("tmin", .number, default: .null, unit: "s", "first time kept, from the chunk start"),
        ParameterSpec("tmax", .number, default: .null, unit: "s", "last time kept, from the chunk start"),
        ParameterSpec("double_ended", .integer, default: .number(-1),
                      "-1: the whole fibre; 0: its first half; 1: its second half, reversed"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let xmin, xmax, tmin, tmax: Double?
    let doubleEnded: Int

    public init(_ p: ParameterValues) throws {
        func optional(_ name: String) -> Double? {
            if case .number(let d)? = p.values[name] { return d }
            return nil
        }
        (xmin, xmax, tmin, tmax) = (optional("xmin"), optional("xmax"), optional("tmin"), optional("tmax"))
        doubleEnded = p.integer("double_ended")
        guard [-1, 0, 1].contains(doubleEnded) else {
            throw ParameterProblem("double_ended", "is \(doubleEnded) but must be -1, 0 or 1")
        }
        if let xmin, let xmax, xmin > xmax { throw ParameterProblem("xmax", "is \(xmax) but must be ≥ xmin (\(xmin))") }
        if let tmin, let tmax, tmin > tmax { throw ParameterProblem("tmax", "is \(tmax) but must be ≥ tmin (\(tmin))") }
        if let tmin, tmin < 0 { throw ParameterProblem("tmin", "is \(tmin) but times count from the chunk start (≥ 0)") }
    }

    public var channelContext: ChannelContext { .wholeFibre }
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { .timeSeries }

    /// The kept rows (in output order) and columns for these axes.
    func selection(_ axes: Axes) -> (rows: [Int], positions: [Double]?, columns: Range<Int>) {
        let positions = axes.rows.values ?? (0..<axes.rows.count).map(Double.init)
        var rows = Array(0..<axes.rows.count)
        if doubleEnded == 0 { rows = Array(rows.prefix(rows.count / 2)) }
        if doubleEnded == 1 { rows = Array(rows[(rows.count / 2)...].reversed()) }
        func nearest(_ target: Double?, in values: [Double], default d: Int) -> Int {
            guard let target, !values.isEmpty else { return d }
            return values.indices.min { abs(values[$0] - target) < abs(values[$1] - target) }!
        }
        let kept = rows.map { positions[$0] }
        let lo = nearest(xmin, in: kept, default: 0), hi = nearest(xmax, in: kept, default: kept.count - 1)
        rows = lo <= hi ? Array(rows[lo...hi]) : []
        let start = axes.columns.values?.first ?? 0
        let times = (axes.columns.values ?? (0..<axes.columns.count).map(Double.init)).map { $0 - start }
        let t0 = nearest(tmin, in: times, default: 0), t1 = nearest(tmax, in: times, default: times.count - 1)
        return (rows, axes.rows.values.map { p in rows.map { p[$0] } }, t0..<(max(t0, t1) + 1))
    }

    public func outputAxes(_ inputs: [Axes]) -> Axes {
        let (rows, positions, columns) = selection(inputs[0])
        var axes = inputs[0]
        axes.columns = axes.columns.slice(columns)
        if let positions {
            axes.rows = Axis(.distance, units: axes.rows.units, grid: .listed(positions), count: rows.count)
        } else {
            axes.rows = axes.rows.slice(0..<rows.count)
        }
        return axes
    }

    /// The kept channels and samples as one block (nil for the reversed second half of a loop).
    public func keptBlock(of input: Axes) -> KeptBlock? {
        guard doubleEnded != 1 else { return nil }
        let (rows, _, columns) = selection(input)
        return KeptBlock(rows: (rows.first ?? 0)..<((rows.last ?? -1) + 1), columns: columns)
    }

    public var acceptsPackedSignals: Bool { true }  // converts only the kept part of a float32 chunk
    /// A selection: in a float32 graph the kept float32 values as they are (exact).
    public var hasFloat32Kernel: Bool { true }
    public var keepsInputValues: Bool { true }  // a block of its input: float32 values stay float32 in any graph
    /// Kept rows are contiguous and in order unless the second half of a loop is reversed: then the block is moved
    /// to the front of the input's own buffer (`ElementwiseKernels.keepBlock`) instead of copied to a fresh one.
    public var worksInPlace: Bool { doubleEnded != 1 }

    private func keptPart(_ input: Signal, context: ChunkContext) -> (rows: [Int], columns: Range<Int>) {
        let axes = context.inputAxes.first ?? Axes.chunk(positions: context.channelPositions, segmentOriginNs: 0,
                                                          rateHz: context.samplingRateHz, firstSample: 0,
                                                          samples: input.columns, units: "")
        let (rows, _, columns) = selection(axes)
        return (rows, columns)
    }

    public func execute(owning inputs: inout [Signal], context: ChunkContext) throws -> Signal {
        guard doubleEnded != 1 else { return try execute(inputs, context: context) }
        let (rows, columns) = keptPart(inputs[0], context: context)
        let range = (rows.first ?? 0)..<((rows.last ?? -1) + 1)
        if returnsFloat32(context), var a = inputs[0].takeSingleReal() {
            ElementwiseKernels.keepBlock(&a.values, columns: a.columns, rows: range, columnRange: columns)
            return .singleReal(Array2D(rows: rows.count, columns: columns.count, values: a.values))
        }
        if !context.singlePrecision, var a = inputs[0].takeReal() {
            ElementwiseKernels.keepBlock(&a.values, columns: a.columns, rows: range, columnRange: columns)
            return .real(Array2D(rows: rows.count, columns: columns.count, values: a.values))
        }
        return try execute(inputs, context: context)
    }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let input = inputs[0]
        let (rows, columns) = keptPart(input, context: context)
        if returnsFloat32(context), case .singleReal(let a) = input {
            return .singleReal(Array2D(rows: rows.count, columns: columns.count, values: ElementwiseKernels.block(
                a.values, columns: a.columns, rows: rows, columnRange: columns, as: Float.self)))
        }
        func widenedBlock<T: BinaryFloatingPoint>(_ a: Array2D<T>) -> [Double] {
            ElementwiseKernels.block(a.values, columns: a.columns, rows: rows, columnRange: columns)
        }
        if case .singleReal(let a) = input {
            return .real(Array2D(rows: rows.count, columns: columns.count, values: widenedBlock(a)))
        }
        return .real(Array2D(rows: rows.count, columns: columns.count,
                             values: widenedBlock(try input.canonical().realValues(for: Self.name))))
    }
}
