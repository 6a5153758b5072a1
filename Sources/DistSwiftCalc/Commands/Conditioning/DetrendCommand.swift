import DistSwiftIO

/// `detrend`: DASCore's `patch.detrend(dim, type)`, i.e. `scipy.signal.detrend(data, axis, type)`: the
/// least-squares line (or the mean) of each line along the dimension is subtracted.
public struct DetrendCommand: AlongDimensionCommand {
    public static let name = "detrend"
    public static let summary = "DASCore's detrend: subtract each channel's least-squares line (or mean) along a dim"
    public static let details = """
        DASCore: patch.detrend(dim="time", type="linear") (scipy.signal.detrend). Along time it is defined per
        chunk: the trend of each channel over the chunk (as DASCore's on a patch of the chunk's length), so
        neighbouring chunks get different lines. Along distance every time sample is detrended over the whole
        fibre (no channel blocks). NaN values make their line NaN, as scipy's.
        """
    public static let parameters = [
        DimensionKeyword.namedParameter(),
        ParameterSpec("type", .choice(["linear", "constant"]), default: .string("linear"),
                      "\"linear\": subtract the least-squares line; \"constant\": subtract the mean"),
    ]

    let dimension: DataDimension
    let linear: Bool

    public init(_ p: ParameterValues) throws {
        dimension = DimensionKeyword.named(p)
        linear = p.string("type") == "linear"
    }

    func transform<T: BinaryFloatingPoint>(_ line: inout [T]) {
        LineTrend.remove(&line[...], linear: linear)
    }
}
