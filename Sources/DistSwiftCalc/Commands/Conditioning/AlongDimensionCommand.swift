import DistSwiftIO
import DistSwiftNative

/// A DASCore-style command that transforms every line along one dimension on its own (each channel along time,
/// or each time sample along the fibre) with the line as a whole: defined per chunk along time (as DASCore's
/// method on a patch the size of the chunk), and pointwise in time with the whole fibre along distance.
///
/// The transform is written once for both precisions: statistics are summed in float64 and each value is computed
/// in float64 and rounded once to the line's precision, so the float64 instance is the float64 result and the
/// float32 one (a float32 graph, `hasFloat32Kernel`) differs from it only by that rounding. A float32 chunk in a
/// float64 graph is widened a row at a time as it is transformed (`LineKernels`), never copied whole. Lines along
/// time are transformed in the input's own buffer when the engine hands it over (`InPlacePrecisionCommand`).
protocol AlongDimensionCommand: InPlacePrecisionCommand {
    var dimension: DataDimension { get }
    /// Transforms one line in place.
    func transform<T: BinaryFloatingPoint>(_ line: inout [T])
}

extension AlongDimensionCommand {
    public static var accepts: Set<SignalKind> { [.timeSeries] }
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public func timeContext(_ input: Axes) -> TimeContext { DimensionContext(dimension: dimension).time(window: nil) }
    public var channelContext: ChannelContext { DimensionContext(dimension: dimension).channels() }

    /// Every line transformed in precision `D`. Lines along distance are columns: transposed into rows first so
    /// every line is contiguous.
    func compute<S: RealSample, D: RealSample>(_ data: Array2D<S>, as: D.Type, context: ChunkContext) -> Array2D<D> {
        computeLines(data, as: D.self)
    }

    /// `compute` by `transform` line by line (a command with a faster kernel along time still uses it along
    /// distance).
    func computeLines<S: RealSample, D: RealSample>(_ data: Array2D<S>, as: D.Type) -> Array2D<D> {
        if dimension == .time {
            return Array2D(rows: data.rows, columns: data.columns,
                           values: LineKernels.transformingRows(data.values, columns: data.columns) { transform(&$1) })
        }
        let rows = Transpose.transposed(data.values, rows: data.rows, columns: data.columns)
        let done: [D] = LineKernels.transformingRows(rows, columns: data.rows) { transform(&$1) }
        return Array2D(rows: data.rows, columns: data.columns,
                       values: Transpose.transposed(done, rows: data.columns, columns: data.rows))
    }

    /// `compute` in the values' own buffer along time (the lines are rows); along distance the lines are transposed
    /// into a scratch as `compute` does, and the result is a fresh array.
    func computeInPlace<D: RealSample>(_ data: inout Array2D<D>, context: ChunkContext) throws {
        guard dimension == .time else {
            data = try compute(data, as: D.self, context: context)
            return
        }
        LineKernels.transformRowsInPlace(&data.values, columns: data.columns) { transform(&$1) }
    }
}

extension Array where Element: BinaryFloatingPoint {
    /// The values of a line that are not NaN (DASCore's nan-functions skip NaN; infinities count).
    var withoutNaN: [Element] { filter { !$0.isNaN } }

    /// The mean of the values that are not NaN, summed in float64 (numpy's nanmean; NaN when there are none).
    var meanWithoutNaN: Double {
        var sum = 0.0, count = 0
        for x in self where !x.isNaN { sum += Double(x); count += 1 }
        return count > 0 ? sum / Double(count) : .nan
    }
}
