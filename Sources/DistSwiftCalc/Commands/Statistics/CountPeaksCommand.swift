import DistSwiftIO

/// `count_peaks`: the number of peaks per channel found by scipy.signal.find_peaks_cwt(row, widths=arange(sta, lta,
/// 5)) (distpy's `extra_numpy.count_peaks`), channels × 1. A statistic of the chunk.
public struct CountPeaksCommand: Command {
    public static let name = "count_peaks"
    public static let summary = "number of CWT peaks per channel (find_peaks_cwt, Ricker widths sta, sta+5, … < lta)"
    public static let details = """
        Per chunk: each channel's chunk is transformed with zero padding beyond its ends, as scipy's 'same'
        convolution. The transforms go through FFTs, so a maximum that ties to rounding (1e-15) may differ from
        scipy's direct sums.
        """
    public static let parameters = [
        ParameterSpec("sta", .integer, default: .number(50), unit: "samples", "smallest wavelet width"),
        ParameterSpec("lta", .integer, default: .number(200), unit: "samples", "widths stop below this"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let finder: RidgePeakFinder

    public init(_ p: ParameterValues) throws {
        let sta = try p.windowLength("sta"), lta = p.integer("lta")
        guard lta > sta else {
            throw ParameterProblem("lta", "is \(lta) but must exceed sta (\(sta)): the widths are sta, sta+5, … < lta",
                                   fix: "e.g. sta 50, lta 200")
        }
        finder = RidgePeakFinder(widths: stride(from: sta, to: lta, by: 5).map(Double.init))
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { .perChannel }
    public func outputAxes(_ inputs: [Axes]) -> Axes {
        inputs[0].replacingColumns(.labelled(.statistic, [Self.name])).unitless
    }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let x = try inputs[0].realValues(for: Self.name)
        let counts = finder.counts(x, backend: context.backend)
        return .real(Array2D(rows: x.rows, columns: 1, values: counts.map(Double.init)))
    }
}
