import DistSwiftIO
import DistSwiftNative

/// `pad`: DASCore's `patch.pad(time=(before, after), constant_values=0)`: constant values added before and after
/// along a dimension, the coordinates extended at the same spacing.
public struct PadCommand: InPlacePrecisionCommand {
    public static let name = "pad"
    public static let summary = "DASCore's pad: constant values before/after along time or distance, axes extended"
    public static let details = """
        DASCore: patch.pad(time=(0.01, 0.02), constant_values=0, samples=false). The value is one length for both
        ends or a pair [before, after], in the coordinate's unit (s, m; rounded up to whole samples as DASCore's
        get_sample_count) or in samples with "samples": true; "fft" pads the end to the next fast FFT length
        (2·3·5·7·11-smooth, as scipy.fft.next_fast_len), "correlate" to the next fast length ≥ 2n − 1. The axes grow at
        the same spacing (DASCore's expand_coords): time.npy holds times before and after the chunk. Defined per
        chunk along time (every chunk is padded); along distance the fibre's ends are padded (no channel blocks).
        """
    public static let parameters = DimensionKeyword.keyedParameters(
        "the padding: one length, a pair [before, after], \"fft\" or \"correlate\"") + [
        ParameterSpec("constant_values", .number, default: .number(0), "the value padded with"),
        ParameterSpec("samples", .boolean, default: .bool(false), "true: the lengths are numbers of samples"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    enum Amount: Equatable {
        case lengths(Double, Double)
        case fastLength(correlate: Bool)
    }

    let dimension: DataDimension
    let amount: Amount
    let value: Double
    let samples: Bool

    /// The padded values are the input's and the constant: exact in float32 when the constant is (0, 1.5, …; not
    /// 0.1), so float32 values stay float32 in a float64 graph then.
    public var keepsInputValues: Bool { Double(Float(value)) == value }

    public init(_ p: ParameterValues) throws {
        let (dimension, raw) = try DimensionKeyword.keyed(p, command: Self.name, example: #"{"time": [0.01, 0.02]}"#)
        self.dimension = dimension
        value = p.number("constant_values")
        samples = p.flag("samples")
        if case .string(let s) = raw {
            guard s == "fft" || s == "correlate" else {
                throw ParameterProblem(dimension.rawValue, "is \"\(s)\" but the text forms are \"fft\" and \"correlate\"",
                                       fix: "give a length, a pair [before, after], \"fft\" or \"correlate\"")
            }
            amount = .fastLength(correlate: s == "correlate")
        } else {
            let (before, after) = try DimensionKeyword.pair(raw, key: dimension, what: "the padding before and after",
                                                            single: true)
            let b = before ?? 0, a = after ?? 0
            guard b >= 0, a >= 0 else {
                throw ParameterProblem(dimension.rawValue, "contains a negative padding", fix: "give lengths ≥ 0")
            }
            if samples, b != b.rounded() || a != a.rounded() {
                throw ParameterProblem(dimension.rawValue, "is not a whole number of samples",
                                       fix: "give whole numbers with \"samples\": true, or lengths without it")
            }
            amount = .lengths(b, a)
        }
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public func timeContext(_ input: Axes) -> TimeContext { DimensionContext(dimension: dimension).time(window: nil) }
    public var channelContext: ChannelContext { DimensionContext(dimension: dimension).channels() }

    /// Samples added before and after a line of `n` at spacing `step`.
    func padding(_ n: Int, step: Double?) -> (Int, Int) {
        switch amount {
        case .fastLength(let correlate):
            return (0, FastLength.next(correlate ? 2 * n - 1 : n) - n)
        case .lengths(let b, let a):
            if samples { return (Int(b), Int(a)) }
            guard let step, step != 0 else { return (0, 0) }
            // DASCore's get_sample_count: ceil(length / step), with a tolerance for lengths on a sample.
            func count(_ l: Double) -> Int { Int((l / abs(step) - 1e-9).rounded(.up)) }
            return (count(b), count(a))
        }
    }

    public func outputAxes(_ inputs: [Axes]) -> Axes {
        let axes = inputs[0], axis = axes.axis(dimension)
        let (before, after) = padding(axis.count, step: axes.spacing(dimension))
        return axes.replacing(dimension, with: axis.extended(before: before, after: after))
    }

    /// The padded values, each written once in the output's precision (a float32 chunk widened as it is read in a
    /// float64 graph; float32 in a float32 graph, as numpy's pad keeps the dtype).
    func compute<S: RealSample, D: RealSample>(_ data: Array2D<S>, as: D.Type, context: ChunkContext) throws
        -> Array2D<D>
    {
        let (before, after) = try amounts(rows: data.rows, columns: data.columns, context: context)
        let time = dimension == .time
        let values = LineKernels.padded(data.values, columns: data.columns, rowsBefore: time ? 0 : before,
                                        rowsAfter: time ? 0 : after, columnsBefore: time ? before : 0,
                                        columnsAfter: time ? after : 0, value: D(value))
        return Array2D(rows: data.rows + (time ? 0 : before + after), columns: data.columns + (time ? before + after : 0),
                       values: values)
    }

    /// Nothing to do when nothing is padded ("fft" on a length that is already a fast one): the values are
    /// passed on as they are; otherwise `compute` (the output is larger than the buffer).
    func computeInPlace<D: RealSample>(_ data: inout Array2D<D>, context: ChunkContext) throws {
        let (before, after) = try amounts(rows: data.rows, columns: data.columns, context: context)
        guard before > 0 || after > 0 else { return }
        data = try compute(data, as: D.self, context: context)
    }

    /// Values added before and after along the dimension.
    private func amounts(rows: Int, columns: Int, context: ChunkContext) throws -> (Int, Int) {
        let n = dimension == .time ? columns : rows
        let step = context.inputAxes.first?.spacing(dimension) ?? (dimension == .time ? 1 / context.samplingRateHz : nil)
        if case .lengths = amount, !samples, step == nil {
            throw CommandError(Self.name, "needs evenly spaced \(dimension.rawValue) coordinates for lengths; "
                               + "give \"samples\": true")
        }
        return padding(n, step: step)
    }
}

extension Axis {
    /// The axis with `before` and `after` elements added at its spacing (time: earlier and later samples;
    /// listed coordinates: extrapolated at the first step).
    func extended(before: Int, after: Int) -> Axis {
        guard before > 0 || after > 0 else { return self }
        switch grid {
        case .time:
            var axis = self
            axis.first -= before
            axis.count += before + after
            return axis
        case .listed:
            let values = self.values ?? []
            let step = self.step ?? 1
            let start = values.first ?? 0
            let all = (0..<(count + before + after)).map { k -> Double in
                let i = k - before
                return i >= 0 && i < values.count ? values[i] : start + Double(i) * step
            }
            return Axis(dimension, units: units, grid: .listed(all), count: all.count)
        case .labels(let labels):
            return Axis.labelled(dimension, Array(repeating: "", count: before) + labels.suffix(count)
                                 + Array(repeating: "", count: after), units: units)
        }
    }
}

/// scipy.fft.next_fast_len (DASCore calls it for complex transforms): the smallest 11-smooth number ≥ n.
enum FastLength {
    static func next(_ n: Int) -> Int {
        var m = max(n, 1)
        while true {
            var r = m
            for p in [2, 3, 5, 7, 11] { while r % p == 0 { r /= p } }
            if r == 1 { return m }
            m += 1
        }
    }
}
