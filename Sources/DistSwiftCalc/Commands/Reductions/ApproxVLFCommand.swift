import Foundation
import DistSwiftIO

/// `approx_vlf`: distpy's very-low-frequency estimate — a Gaussian-weighted time average per channel (weights
/// exp(−(t − n/2)² / (2·3·10⁶)), normalised to sum 1), then a 3-point median filter along channels (zero padded at
/// the ends, as scipy.signal.medfilt). Output channels × 1 (distpy: a 1-D array).
public struct ApproxVLFCommand: Command {
    public static let name = "approx_vlf"
    public static let summary = "Gaussian-weighted time average per channel, then a 3-channel median (channels × 1)"
    public static let parameters: [ParameterSpec] = []
    public static let accepts: Set<SignalKind> = [.timeSeries]

    static let variance = 3_000_000.0

    public init(_ p: ParameterValues) throws {}

    /// The median runs across neighbouring channels.
    public var channelContext: ChannelContext { .wholeFibre }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { .perChannel }
    public func outputAxes(_ inputs: [Axes]) -> Axes { inputs[0].replacingColumns(.labelled(.statistic, [Self.name])) }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        guard case .real(let a) = inputs[0] else { throw CommandError(Self.name, "needs real values") }
        let n = a.columns
        var weights = (0..<n).map { t -> Double in
            let d = Double(t) - 0.5 * Double(n)
            return Foundation.exp(-(d * d) / (2 * Self.variance))
        }
        let total = weights.reduce(0, +)
        weights = weights.map { $0 / total }
        let averages = (0..<a.rows).map { r in zip(a.row(r), weights).reduce(0) { $0 + $1.0 * $1.1 } }
        let filtered = averages.indices.map { i -> Double in
            let window = [i > 0 ? averages[i - 1] : 0, averages[i], i + 1 < averages.count ? averages[i + 1] : 0]
            return window.sorted()[1]
        }
        return .real(Array2D(rows: a.rows, columns: 1, values: filtered))
    }
}
