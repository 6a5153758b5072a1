import DistSwiftIO
import DistSwiftNative
import Foundation

/// `savgol_filter`: DASCore's `patch.savgol_filter(time=…, polyorder=…)` — scipy.signal.savgol_filter: each
/// sample replaced by the value at its position of the least-squares polynomial through its window.
public struct SavgolFilterCommand: PrecisionGenericCommand {
    public static let name = "savgol_filter"
    public static let summary = "DASCore's savgol_filter: Savitzky–Golay smoothing along time or distance"
    public static let details = """
        DASCore: patch.savgol_filter(time=0.011, polyorder=3, samples=false, mode="interp") —
        scipy.signal.savgol_filter(x, window, polyorder, mode) along one dimension; the window in s or m is
        rounded up to whole samples (DASCore's get_sample_count), or a count with "samples": true; it must be odd
        and longer than polyorder. mode "interp" fits the polynomial to the first and last windows for the edge
        samples; "mirror", "nearest", "constant" extend the line as scipy.ndimage. One dimension per entry: DASCore
        accepts several but filters each from the original data, so only the last one counts (its bug); chain two
        entries instead. Continuous along time (half the window from each neighbouring chunk; the record's ends
        get the mode); along distance the whole fibre.
        """
    public static let parameters = DimensionKeyword.keyedParameters("the window length (s, m, or samples; odd)") + [
        ParameterSpec("polyorder", .integer, default: nil, "order of the fitted polynomial (less than the window)"),
        ParameterSpec("samples", .boolean, default: .bool(false), "true: the window is a number of samples"),
        ParameterSpec("mode", .choice(["interp", "mirror", "nearest", "constant"]), default: .string("interp"),
                      "edge handling at the record's ends (scipy's savgol modes)"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let window: DimensionWindow
    let polyorder: Int
    let mode: String

    public init(_ p: ParameterValues) throws {
        let (dimension, value) = try DimensionKeyword.keyed(p, command: Self.name, example: #"{"time": 11, "samples": true}"#)
        window = try DimensionWindow(dimension, value, inSamples: p.flag("samples"), what: "the window length")
        polyorder = p.integer("polyorder")
        mode = p.string("mode")
        guard polyorder >= 0 else { throw ParameterProblem("polyorder", "is \(polyorder) but must be 0 or more", fix: "use e.g. 3") }
        if window.inSamples { try Self.validate(Int(window.length), polyorder: polyorder, key: dimension.rawValue) }
    }

    static func validate(_ n: Int, polyorder: Int, key: String) throws {
        guard n % 2 == 1 else {
            throw ParameterProblem(key, "gives a window of \(n) samples but it must be odd", fix: "use \(n + 1)")
        }
        guard n > polyorder else {
            throw ParameterProblem("polyorder", "is \(polyorder) but must be less than the window (\(n) samples)",
                                   fix: "use a longer window or a lower order")
        }
    }

    var dimension: DataDimension { window.dimension }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public func timeContext(_ input: Axes) -> TimeContext {
        guard dimension == .time else { return .pointwise }
        guard let n = window.samples(input) else { return .perChunk }
        return .window(.symmetric(n / 2))
    }
    public var channelContext: ChannelContext { DimensionContext(dimension: dimension).channels() }

    /// Filters in the output's precision: a float32 chunk is read directly (float64 results bit for bit those of a
    /// float64 copy) or, in a float32 graph, filtered in float32 with the weights rounded to float32.
    func compute<S: RealSample, D: RealSample>(_ x: Array2D<S>, as: D.Type, context: ChunkContext) throws
        -> Array2D<D>
    {
        let n = try window.samples(context, command: Self.name)
        do { try Self.validate(n, polyorder: polyorder, key: dimension.rawValue) } catch let p as ParameterProblem {
            throw CommandError(Self.name, "\(p.base.where ?? "") \(p.problem)")
        }
        let lines = dimension == .time ? x
            : Array2D(rows: x.columns, columns: x.rows, values: Transpose.transposed(x.values, rows: x.rows, columns: x.columns))
        guard lines.columns >= n || mode != "interp" else {
            throw CommandError(Self.name, "mode interp needs at least the window (\(n)) samples along "
                               + "\(dimension.rawValue); got \(lines.columns)")
        }
        let projection = PolynomialProjection(window: n, order: polyorder)
        let half = n / 2, count = lines.columns
        let centre = projection.row(half), weights = centre.map { D($0) }
        // Inside: the centre row's weights over the window, no edge to handle (C, SIMD lanes, no per-row copies).
        var out = RowFIRKernels.correlatedInterior(lines.values, columns: count, weights: centre, first: half,
                                                   as: D.self)
        let edge = EdgeMode(rawValue: mode)
        let fits = mode == "interp" ? (0..<n).map { projection.row($0).map { D($0) } } : []
        let source = lines.values
        for r in 0..<lines.rows {
            let base = r * count
            for j in Array(0..<min(half, count)) + Array(max(half, count - half)..<count) {
                var sum = D(0)
                if mode == "interp" {
                    // The polynomial through the first (last) window, evaluated at this sample.
                    let start = j < half ? 0 : count - n
                    let row = fits[j - start]
                    for k in 0..<n { sum += row[k] * D(source[base + start + k]) }
                } else {
                    for k in 0..<n {
                        let i = j - half + k
                        if i >= 0 && i < count { sum += weights[k] * D(source[base + i]) } else if let m = edge?.index(i, count) {
                            sum += weights[k] * D(source[base + m])
                        }
                    }
                }
                out[base + j] = sum
            }
        }
        let result = Array2D(rows: lines.rows, columns: lines.columns, values: out)
        return dimension == .time ? result
            : Array2D(rows: x.rows, columns: x.columns, values: Transpose.transposed(out, rows: lines.rows, columns: lines.columns))
    }
}

/// The least-squares polynomial fit of a window as a matrix: row p gives the fitted value at position p as weights
/// of the window's samples, P = A (AᵀA)⁻¹ Aᵀ with A[k][j] = (k − centre)^j (centred for conditioning).
struct PolynomialProjection {
    let window: Int
    let matrix: [[Double]]

    init(window n: Int, order: Int) {
        self.window = n
        let m = order + 1, centre = Double(n - 1) / 2
        let a = (0..<n).map { k in (0..<m).map { pow(Double(k) - centre, Double($0)) } }
        // Normal matrix and its inverse by Gauss–Jordan (m is small: the order plus one).
        var normal = (0..<m).map { i in (0..<m).map { j in (0..<n).reduce(0.0) { $0 + a[$1][i] * a[$1][j] } } }
        var inverse = (0..<m).map { i in (0..<m).map { $0 == i ? 1.0 : 0.0 } }
        for col in 0..<m {
            let pivot = (col..<m).max { abs(normal[$0][col]) < abs(normal[$1][col]) }!
            normal.swapAt(col, pivot)
            inverse.swapAt(col, pivot)
            let d = normal[col][col]
            for j in 0..<m { normal[col][j] /= d; inverse[col][j] /= d }
            for row in 0..<m where row != col {
                let f = normal[row][col]
                if f == 0 { continue }
                for j in 0..<m { normal[row][j] -= f * normal[col][j]; inverse[row][j] -= f * inverse[col][j] }
            }
        }
        // P[p][k] = Σ_ij a[p][i] inv[i][j] a[k][j]
        let left = a.map { row in (0..<m).map { j in (0..<m).reduce(0.0) { $0 + row[$1] * inverse[$1][j] } } }
        matrix = (0..<n).map { p in (0..<n).map { k in (0..<m).reduce(0.0) { $0 + left[p][$1] * a[k][$1] } } }
    }

    func row(_ p: Int) -> [Double] { matrix[p] }
}
