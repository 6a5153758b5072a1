import DistSwiftIO

/// A DASCore-style command that transforms every line along one dimension on its own (each channel along time,
/// or each time sample along the fibre) with the line as a whole: defined per chunk along time (as DASCore's
/// method on a patch the size of the chunk), and pointwise in time with the whole fibre along distance.
protocol AlongDimensionCommand: Command {
    var dimension: DataDimension { get }
    /// Transforms one line in place.
    func transform(_ line: inout ArraySlice<Double>)
}

extension AlongDimensionCommand {
    public static var accepts: Set<SignalKind> { [.timeSeries] }
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public func timeContext(_ input: Axes) -> TimeContext { DimensionContext(dimension: dimension).time(window: nil) }
    public var channelContext: ChannelContext { DimensionContext(dimension: dimension).channels() }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let data = try inputs[0].realValues(for: Self.name)
        // Lines along distance are columns: transposed into rows first so every line is contiguous.
        let lines = dimension == .time ? data : data.transposedValues()
        var values = lines.values
        for r in 0..<lines.rows { transform(&values[(r * lines.columns)..<((r + 1) * lines.columns)]) }
        let out = Array2D(rows: lines.rows, columns: lines.columns, values: values)
        return .real(dimension == .time ? out : out.transposedValues())
    }
}

extension ArraySlice where Element == Double {
    /// The values of a line that are not NaN (DASCore's nan-functions skip NaN; infinities count).
    var withoutNaN: [Double] { filter { !$0.isNaN } }

    /// The mean of the values that are not NaN (numpy's nanmean; NaN when there are none).
    var meanWithoutNaN: Double {
        var sum = 0.0, count = 0
        for x in self where !x.isNaN { sum += x; count += 1 }
        return count > 0 ? sum / Double(count) : .nan
    }
}
