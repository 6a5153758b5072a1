import DistSwiftIO
import DistSwiftNative

/// `normalize`: DASCore's `patch.normalize(dim, norm)`: each line divided by its l1 or l2 norm or its largest
/// magnitude, or every sample by its own magnitude ("bit": the sign).
public struct NormalizeCommand: AlongDimensionCommand {
    public static let name = "normalize"
    public static let summary = "DASCore's normalize: divide each line along a dim by its l1/l2/max norm, or to ±1"
    public static let details = """
        DASCore: patch.normalize(dim="time", norm="l2"). NaN values are skipped in the norm and stay NaN; a line
        of zeros (a zero norm) is returned unscaled, as DASCore does. Along time it is defined per chunk (each
        channel's norm over the chunk); along distance over the whole fibre. "bit" is pointwise (one-bit
        normalisation: −1, 0 or +1). The result has no units.
        """
    public static let parameters = [
        DimensionKeyword.namedParameter(),
        ParameterSpec("norm", .choice(["l1", "l2", "max", "bit"]), default: .string("l2"),
                      "what each sample is divided by: the line's l1 or l2 norm, its largest |value|, or |sample|"),
    ]

    let dimension: DataDimension
    let norm: String

    public init(_ p: ParameterValues) throws {
        dimension = DimensionKeyword.named(p)
        norm = p.string("norm")
    }

    public func outputAxes(_ inputs: [Axes]) -> Axes { inputs[0].unitless }

    func transform<T: BinaryFloatingPoint>(_ line: inout [T]) {
        var divisor = 0.0
        switch norm {
        case "bit":
            for k in line.indices where line[k] != 0 && !line[k].isNaN { line[k] = line[k] > 0 ? 1 : -1 }
            return
        case "l1": for x in line where !x.isNaN { divisor += abs(Double(x)) }
        case "max": for x in line where !x.isNaN { divisor = max(divisor, abs(Double(x))) }
        default:
            for x in line where !x.isNaN { divisor += Double(x) * Double(x) }
            divisor = divisor.squareRoot()
        }
        let scale = 1 / (divisor == 0 ? 1 : divisor)
        for k in line.indices { line[k] = T(Double(line[k]) * scale) }
    }

    /// The l2 norm of a float32 chunk in a float64 graph along time by `CentringKernels.widened` (read once,
    /// written once; the same bits as `transform` on the widened rows); otherwise line by line.
    func compute<S: RealSample, D: RealSample>(_ data: Array2D<S>, as: D.Type, context: ChunkContext) -> Array2D<D> {
        (norm == "l2" ? centredAlongTime(data, as: D.self, .l2Normalize) : nil) ?? computeLines(data, as: D.self)
    }

    /// The l2 norm along time in the values' own buffer by `CentringKernels` (float32 rows by its C kernel, float64
    /// rows four at a time in Swift; the same bits as `transform` row by row); the other norms and along distance
    /// as every along-dimension command.
    func computeInPlace<D: RealSample>(_ data: inout Array2D<D>, context: ChunkContext) throws {
        guard dimension == .time, norm == "l2" else {
            if dimension == .time {
                LineKernels.transformRowsInPlace(&data.values, columns: data.columns) { transform(&$1) }
            } else {
                data = compute(data, as: D.self, context: context)
            }
            return
        }
        guard !CentringKernels.centredInPlace(&data.values, columns: data.columns, .l2Normalize) else { return }
        CentringKernels.scaleRowsByL2NormInPlace(&data.values, columns: data.columns)
    }
}

/// `standardize`: DASCore's `patch.standardize(dim)`: (x − mean) / std of each line (population std, NaN skipped).
public struct StandardizeCommand: AlongDimensionCommand {
    public static let name = "standardize"
    public static let summary = "DASCore's standardize: (x − mean)/std of each line along a dim (NaN skipped)"
    public static let details = """
        DASCore: patch.standardize(dim="time") (numpy.nanmean, numpy.nanstd with ddof 0). Along time it is
        defined per chunk (each channel's statistics over the chunk); along distance over the whole fibre. A
        constant line divides by a zero std, giving NaN (0/0) as DASCore's. The result has no units.
        """
    public static let parameters = [DimensionKeyword.namedParameter()]

    let dimension: DataDimension

    public init(_ p: ParameterValues) throws { dimension = DimensionKeyword.named(p) }

    public func outputAxes(_ inputs: [Axes]) -> Axes { inputs[0].unitless }

    func transform<T: BinaryFloatingPoint>(_ line: inout [T]) {
        let mean = line.meanWithoutNaN
        var squares = 0.0, count = 0
        for x in line where !x.isNaN { squares += (Double(x) - mean) * (Double(x) - mean); count += 1 }
        let std = (squares / Double(count)).squareRoot()
        for k in line.indices { line[k] = T((Double(line[k]) - mean) / std) }
    }

    /// A float32 chunk in a float64 graph along time by `CentringKernels.widened` (read once, written once; the
    /// same bits as `transform` on the widened rows); otherwise line by line.
    func compute<S: RealSample, D: RealSample>(_ data: Array2D<S>, as: D.Type, context: ChunkContext) -> Array2D<D> {
        centredAlongTime(data, as: D.self, .standardize) ?? computeLines(data, as: D.self)
    }

    /// Along time in the values' own buffer by `CentringKernels` (float32 rows by its C kernel; the same bits as
    /// `transform` row by row).
    func computeInPlace<D: RealSample>(_ data: inout Array2D<D>, context: ChunkContext) throws {
        guard dimension == .time else {
            data = compute(data, as: D.self, context: context)
            return
        }
        guard !CentringKernels.centredInPlace(&data.values, columns: data.columns, .standardize) else { return }
        CentringKernels.standardizeRowsInPlace(&data.values, columns: data.columns)
    }
}
