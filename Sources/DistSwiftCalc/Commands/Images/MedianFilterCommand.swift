import DistSwiftIO

/// `median_filter`: scipy.ndimage.median_filter(x, size=distance) — the median of a distance × distance window
/// (channels × samples), mode 'reflect'; for an even window the upper of the two middle values, as scipy.
public struct MedianFilterCommand: Command {
    public static let name = "median_filter"
    public static let summary = "median of a distance × distance window (channels × samples), scipy.ndimage"
    public static let details = """
        The window reads distance/2 samples and channels around each value from adjacent chunks and blocks, so
        chunked runs equal one long record; 'reflect' applies at the record's ends. Each window's values are
        kept sorted as it slides along time (one removal and one insertion per channel row of the window).
        """
    public static let parameters = [
        ParameterSpec("distance", .integer, default: .number(3), unit: "samples and channels", "window size"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let size: Int

    public init(_ p: ParameterValues) throws { size = try p.windowLength("distance") }

    var context: AxisContext { AxisContext(before: size / 2, after: size - 1 - size / 2) }
    public func timeContext(_ input: Axes) -> TimeContext { .window(context) }
    public var channelContext: ChannelContext { .window(context) }
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        .real(Self.median(try inputs[0].realValues(for: Self.name), size: size))
    }

    /// scipy.ndimage.median_filter(x, size) with mode 'reflect'.
    static func median(_ x: Array2D<Double>, size: Int) -> Array2D<Double> {
        let rows = x.rows, columns = x.columns, half = size / 2, mode = EdgeMode.reflect
        var out = [Double](repeating: 0, count: rows * columns)
        var window: [Double] = []
        window.reserveCapacity(size * size)
        for i in 0..<rows {
            let sourceRows = (0..<size).map { mode.index(i + $0 - half, rows)! }
            // The sorted window for column 0, then one column out and one in per step.
            window.removeAll(keepingCapacity: true)
            for r in sourceRows {
                for b in 0..<size { window.append(x.values[r * columns + mode.index(b - half, columns)!]) }
            }
            window.sort()
            for j in 0..<columns {
                if j > 0 {
                    let leaving = mode.index(j - 1 - half, columns)!, entering = mode.index(j + size - 1 - half, columns)!
                    for r in sourceRows {
                        Self.remove(x.values[r * columns + leaving], from: &window)
                        Self.insert(x.values[r * columns + entering], into: &window)
                    }
                }
                out[i * columns + j] = window[window.count / 2]
            }
        }
        return Array2D(rows: rows, columns: columns, values: out)
    }

    /// Binary search in the sorted window.
    static func position(of value: Double, in window: [Double]) -> Int {
        var lo = 0, hi = window.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if window[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    static func remove(_ value: Double, from window: inout [Double]) {
        let i = position(of: value, in: window)
        if i < window.count && window[i] == value { window.remove(at: i) }
    }

    static func insert(_ value: Double, into window: inout [Double]) {
        window.insert(value, at: position(of: value, in: window))
    }
}
