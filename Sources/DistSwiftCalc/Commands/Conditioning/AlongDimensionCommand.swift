import DistSwiftIO

/// A DASCore-style command that transforms every line along one dimension on its own (each channel along time,
/// or each time sample along the fibre) with the line as a whole: defined per chunk along time (as DASCore's
/// method on a patch the size of the chunk), and pointwise in time with the whole fibre along distance.
protocol AlongDimensionCommand: Command {
    var dimension: DataDimension { get }
    /// The line transformed; same length.
    func transform(_ line: ArraySlice<Double>) -> [Double]
}

extension AlongDimensionCommand {
    public static var accepts: Set<SignalKind> { [.timeSeries] }
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public func timeContext(_ input: Axes) -> TimeContext { DimensionContext(dimension: dimension).time(window: nil) }
    public var channelContext: ChannelContext { DimensionContext(dimension: dimension).channels() }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        .real(try inputs[0].realValues(for: Self.name).mappingLines(along: dimension, transform))
    }
}

/// The values of a line that are not NaN (DASCore's nan-functions skip NaN; infinities count).
extension ArraySlice where Element == Double {
    var withoutNaN: [Double] { filter { !$0.isNaN } }
}
