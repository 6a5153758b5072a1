import DistSwiftIO
import DistSwiftNative

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

    /// A float32 chunk in a float64 graph along time by `CentringKernels.widened` (read once, written once; the
    /// same bits as `transform` on the widened rows); otherwise line by line.
    func compute<S: RealSample, D: RealSample>(_ data: Array2D<S>, as: D.Type, context: ChunkContext) -> Array2D<D> {
        centredAlongTime(data, as: D.self, .demean) ?? computeLines(data, as: D.self)
    }

    /// Along time in the values' own buffer by `CentringKernels` (float32 rows by its C kernel, float64 rows four
    /// at a time in Swift; the same bits as `transform` row by row); along distance as every along-dimension command.
    func computeInPlace<D: RealSample>(_ data: inout Array2D<D>, context: ChunkContext) throws {
        guard dimension == .time else {
            data = compute(data, as: D.self, context: context)
            return
        }
        guard !CentringKernels.centredInPlace(&data.values, columns: data.columns, .demean) else { return }  // float32
        CentringKernels.subtractRowMeansInPlace(&data.values, columns: data.columns)
    }
}

extension AlongDimensionCommand {
    /// Every line along time centred by C from float32 to a fresh float64 array (`CentringKernels.widened`), or nil
    /// when the lines run along distance or the precisions are another pair.
    func centredAlongTime<S: RealSample, D: RealSample>(_ data: Array2D<S>, as: D.Type,
                                                       _ centring: CentringKernels.RowCentring) -> Array2D<D>? {
        guard dimension == .time,
              let values = CentringKernels.widenedIfSingle(data.values, columns: data.columns, as: D.self, centring)
        else { return nil }
        return Array2D(rows: data.rows, columns: data.columns, values: values)
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
        var scratch = line.contains { $0.isNaN } ? line.withoutNaN : line  // one copy: the line is still needed
        let median = LineKernels.medianSelecting(&scratch)
        for k in line.indices { line[k] = T(Double(line[k]) - median) }
    }

    /// Along time the rows' medians by radix selection in C (`RowMedianKernels`: the same order statistics as
    /// `transform`'s quickselect, without its mispredicted comparisons); along distance as every along-dimension
    /// command.
    func compute<S: RealSample, D: RealSample>(_ data: Array2D<S>, as: D.Type, context: ChunkContext) -> Array2D<D> {
        guard dimension == .time else { return computeLines(data, as: D.self) }
        return Array2D(rows: data.rows, columns: data.columns,
                       values: RowMedianKernels.subtractingRowMedians(data.values, columns: data.columns, as: D.self))
    }

    func computeInPlace<D: RealSample>(_ data: inout Array2D<D>, context: ChunkContext) throws {
        guard dimension == .time else {
            data = computeLines(data, as: D.self)
            return
        }
        RowMedianKernels.subtractRowMediansInPlace(&data.values, columns: data.columns)
    }
}
