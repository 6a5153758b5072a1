import DistSwiftIO

/// `demean`: DASCore's `patch.demean(dim)`: each line less its mean (NaN skipped, as numpy's nanmean).
public struct DemeanCommand: AlongDimensionCommand {
    public static let name = "demean"
    public static let summary = "DASCore's demean: subtract each line's mean along a dim (NaN skipped)"
    public static let details = """
        DASCore: patch.demean(dim="time") (numpy.nanmean). Along time it is defined per chunk (each channel's mean
        over the chunk); along distance each time sample less its mean over the whole fibre — the common-mode
        noise removal (no channel blocks).
        """
    public static let parameters = [DimensionKeyword.namedParameter()]

    let dimension: DataDimension

    public init(_ p: ParameterValues) throws { dimension = DimensionKeyword.named(p) }

    func transform(_ line: ArraySlice<Double>) -> [Double] {
        var sum = 0.0, count = 0
        for x in line where !x.isNaN { sum += x; count += 1 }
        let mean = count > 0 ? sum / Double(count) : .nan
        return line.map { $0 - mean }
    }
}

/// `demedian`: DASCore's `patch.demedian(dim)`: each line less its median (NaN skipped, as numpy's nanmedian).
public struct DemedianCommand: AlongDimensionCommand {
    public static let name = "demedian"
    public static let summary = "DASCore's demedian: subtract each line's median along a dim (NaN skipped)"
    public static let details = """
        DASCore: patch.demedian(dim="time") (numpy.nanmedian; the mean of the two middle values for an even count).
        Along time it is defined per chunk; along distance each time sample less its median over the whole fibre
        (robust common-mode removal, no channel blocks).
        """
    public static let parameters = [DimensionKeyword.namedParameter()]

    let dimension: DataDimension

    public init(_ p: ParameterValues) throws { dimension = DimensionKeyword.named(p) }

    func transform(_ line: ArraySlice<Double>) -> [Double] {
        let median = Self.median(line.withoutNaN)
        return line.map { $0 - median }
    }

    /// numpy's median: the middle value, or the mean of the two middle ones; NaN when empty.
    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}
