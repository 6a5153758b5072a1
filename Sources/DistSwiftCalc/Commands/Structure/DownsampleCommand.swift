import DistSwiftIO

/// `downsample`: every xsample-th channel and tsample-th sample (numpy `x[::xs, ::ts]`), no anti-alias filter —
/// put a `butter` lowpass before it. The chunk's sampling rate seen by later commands is not changed (as in distpy).
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

    /// Which channels survive depends on their index in the whole chunk, so channel blocks only work for step 1.
    public var channelLocal: Bool { xStep == 1 }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        guard case .real(let a) = inputs[0] else { throw CommandError(Self.name, "needs real values") }
        let rows = Array(stride(from: 0, to: a.rows, by: xStep))
        let columns = Array(stride(from: 0, to: a.columns, by: tStep))
        let values = rows.flatMap { r in columns.map { a[r, $0] } }
        return .real(Array2D(rows: rows.count, columns: columns.count, values: values))
    }
}
