import DistSwiftIO

/// `downsample`: every xsample-th channel and tsample-th sample, no anti-alias filter — put a `butter` lowpass
/// before it. The samples kept are those whose index in the recording (and channels whose index on the fibre) is a
/// multiple of the step, so every chunk keeps the global phase and chunked output is the decimated monolithic
/// record. Later commands, validation and writers see the new rate and channel spacing (distpy keeps the old rate,
/// a bug; docs/distpy-differences.md).
public struct DownsampleCommand: Command {
    public static let name = "downsample"
    public static let summary = "keep every xsample-th channel and tsample-th sample (no anti-alias filter)"
    public static let parameters = [
        ParameterSpec("xsample", .integer, default: .number(1), "channel step"),
        ParameterSpec("tsample", .integer, default: .number(1), "sample step"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries, .perChannel, .perSample]

    let xStep: Int
    let tStep: Int

    public init(_ p: ParameterValues) throws {
        xStep = p.integer("xsample")
        tStep = p.integer("tsample")
        guard xStep >= 1 else { throw ParameterProblem("xsample", "is \(xStep) but must be at least 1") }
        guard tStep >= 1 else { throw ParameterProblem("tsample", "is \(tStep) but must be at least 1") }
    }

    /// Which channels and samples survive depends on their index on the fibre and in the recording, which the
    /// axes carry, so channel blocks and halos keep the phase.
    public var channelContext: ChannelContext { .window(AxisContext(stride: xStep)) }
    public func timeContext(_ input: Axes) -> TimeContext { .window(AxisContext(stride: tStep)) }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }

    public func outputAxes(_ inputs: [Axes]) -> Axes {
        var axes = inputs[0]
        if axes.columns.dimension == .time {
            axes.columns = axes.columns.decimated(by: tStep).axis
            axes.samplingRateHz = axes.columns.rateHz
        } else {
            axes.columns = axes.columns.decimated(by: tStep).axis
        }
        axes.rows = axes.rows.decimated(by: xStep).axis
        return axes
    }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        guard case .real(let a) = inputs[0] else { throw CommandError(Self.name, "needs real values") }
        // The first kept row and column: where the global index is a multiple of the step (0 without axes).
        let axes = context.inputAxes.first
        let rowOffset = axes.map { $0.rows.decimated(by: xStep).offset } ?? 0
        let columnOffset = axes.map { $0.columns.decimated(by: tStep).offset } ?? 0
        let rows = Array(stride(from: rowOffset, to: a.rows, by: xStep))
        let columns = Array(stride(from: columnOffset, to: a.columns, by: tStep))
        let values = rows.flatMap { r in columns.map { a[r, $0] } }
        return .real(Array2D(rows: rows.count, columns: columns.count, values: values))
    }
}
