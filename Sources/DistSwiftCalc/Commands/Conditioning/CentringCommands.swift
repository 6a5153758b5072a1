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

    func transform<T: BinaryFloatingPoint>(_ line: inout [T]) {
        let mean = line.meanWithoutNaN
        for k in line.indices { line[k] = T(Double(line[k]) - mean) }
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

    func transform<T: BinaryFloatingPoint>(_ line: inout [T]) {
        let median = Self.median(line.withoutNaN)
        for k in line.indices { line[k] = T(Double(line[k]) - median) }
    }

    /// numpy's median: the middle value, or the mean of the two middle ones; NaN when empty. Selection (Hoare's
    /// quickselect), not a full sort: the lower half is left below the middle, so its largest is the other middle.
    static func median<T: BinaryFloatingPoint>(_ values: [T]) -> Double {
        guard !values.isEmpty else { return .nan }
        var v = values
        let mid = v.count / 2
        var lo = 0, hi = v.count - 1
        while lo < hi {
            let pivot = v[(lo + hi) / 2]
            var i = lo, j = hi
            while i <= j {
                while v[i] < pivot { i += 1 }
                while v[j] > pivot { j -= 1 }
                if i <= j { v.swapAt(i, j); i += 1; j -= 1 }
            }
            if mid <= j { hi = j } else if mid >= i { lo = i } else { break }
        }
        guard v.count % 2 == 0 else { return Double(v[mid]) }
        return (Double(v[0..<mid].max()!) + Double(v[mid])) / 2
    }
}
