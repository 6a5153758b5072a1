import DistSwiftIO
import DistSwiftNative
import Foundation

/// Sample moments of the finite values of a line (scipy's nan_policy 'omit').
private func moments(_ values: [Double]) -> (n: Double, m2: Double, m3: Double, m4: Double) {
    let finite = values.filter { !$0.isNaN }
    let n = Double(finite.count)
    let mean = finite.reduce(0, +) / n
    var m2 = 0.0, m3 = 0.0, m4 = 0.0
    for v in finite {
        let d = v - mean, d2 = d * d
        m2 += d2
        m3 += d2 * d
        m4 += d2 * d2
    }
    return (n, m2 / n, m3 / n, m4 / n)
}

/// `kurtosis`: scipy.stats.kurtosis(x, axis, bias=False, nan_policy='omit') — Fisher's (excess) kurtosis with the
/// small-sample correction, NaNs ignored.
public struct KurtosisCommand: AxisReductionCommand {
    public static let name = "kurtosis"
    public static let summary = "excess kurtosis (Fisher, unbiased) along time (axis 1) or channels (axis 0)"
    public static let details = """
        G2 = ((n+1)·g2 + 6)·(n−1)/((n−2)(n−3)), g2 = m4/m2² − 3 over the finite values. A statistic of the chunk:
        channels × 1 (distpy returned a 1-D array), or 1 × samples along channels.
        """
    public let reduction: AxisReduction
    public init(_ p: ParameterValues) throws {
        reduction = AxisReduction(axis: p.axis("axis")) { values in
            let (n, m2, _, m4) = moments(values)
            let g2 = m4 / (m2 * m2) - 3
            return ((n + 1) * g2 + 6) * (n - 1) / ((n - 2) * (n - 3))
        }
    }
    public static let keepsUnits = false
}

/// `skewness`: scipy.stats.skew(x, axis, bias=False, nan_policy='omit').
public struct SkewnessCommand: AxisReductionCommand {
    public static let name = "skewness"
    public static let summary = "skewness (unbiased) along time (axis 1) or channels (axis 0)"
    public static let details = """
        G1 = g1·√(n(n−1))/(n−2), g1 = m3/m2^1.5 over the finite values. A statistic of the chunk: channels × 1.
        """
    public let reduction: AxisReduction
    public init(_ p: ParameterValues) throws {
        reduction = AxisReduction(axis: p.axis("axis")) { values in
            let (n, m2, m3, _) = moments(values)
            return m3 / (m2 * m2.squareRoot()) * (n * (n - 1)).squareRoot() / (n - 2)
        }
    }
    public static let keepsUnits = false
}

/// `geometric_mean`: scipy.stats.gmean — exp(mean(log x)); NaN when a value is negative, as in distpy.
public struct GeometricMeanCommand: AxisReductionCommand {
    public static let name = "geometric_mean"
    public static let summary = "geometric mean exp(mean(log x)) along time (axis 1) or channels (axis 0)"
    public static let details = """
        exp(mean(log x)): 0 when a value is 0, NaN when one is negative. In a float32 graph the logarithms of the
        float32 values are summed as the logarithm of their products (exponents exactly, mantissas multiplied in
        float64) and the mean is rounded to float32: within an ulp of scipy's float64 gmean of the same values.
        """
    public let reduction: AxisReduction
    public init(_ p: ParameterValues) throws {
        reduction = AxisReduction(axis: p.axis("axis")) { values in
            Foundation.exp(values.reduce(0) { $0 + Foundation.log($1) } / Double(values.count))
        }
    }

    /// A float32 graph hands it float32 values (a log per value was what made it slower than numpy's vectorised
    /// float32 log); a float64 graph gets its float64 result from the widened values, the same bits as before.
    public var hasFloat32Kernel: Bool { true }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        guard context.singlePrecision, case .singleReal(let x) = inputs[0] else {
            return try reduction.apply(inputs[0].canonical(), command: Self.name)
        }
        if reduction.axis == 1 {
            let sums = LogSumKernels.rowSums(x.values, rows: x.rows, columns: x.columns)
            return .singleReal(Array2D(rows: x.rows, columns: 1,
                                       values: sums.map { Float(Foundation.exp($0 / Double(x.columns))) }))
        }
        let sums = LogSumKernels.columnSums(x.values, rows: x.rows, columns: x.columns)
        return .singleReal(Array2D(rows: 1, columns: x.columns,
                                   values: sums.map { Float(Foundation.exp($0 / Double(x.rows))) }))
    }
}

/// `harmonic_mean`: scipy.stats.hmean — n / Σ(1/x). distpy raised on negative data; here the result is then NaN
/// (and 0 when a value is 0, as scipy).
public struct HarmonicMeanCommand: AxisReductionCommand {
    public static let name = "harmonic_mean"
    public static let summary = "harmonic mean n/Σ(1/x) along time (axis 1) or channels (axis 0)"
    public let reduction: AxisReduction
    public init(_ p: ParameterValues) throws {
        reduction = AxisReduction(axis: p.axis("axis")) { values in
            if values.contains(where: { $0 < 0 }) { return .nan }
            if values.contains(0) { return 0 }
            return Double(values.count) / values.reduce(0) { $0 + 1 / $1 }
        }
    }

    /// A float32 graph hands it float32 values, summed in one pass as they are read (`HarmonicMeanKernels`); a
    /// float64 graph keeps the reduction above, the same bits as before.
    public var hasFloat32Kernel: Bool { true }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        guard context.singlePrecision, case .singleReal(let x) = inputs[0] else {
            return try reduction.apply(inputs[0].canonical(), command: Self.name)
        }
        if reduction.axis == 1 {
            return .singleReal(Array2D(rows: x.rows, columns: 1, values: HarmonicMeanKernels.rows(
                x.values, rows: x.rows, columns: x.columns).map { Float($0) }))
        }
        return .singleReal(Array2D(rows: 1, columns: x.columns, values: HarmonicMeanKernels.columns(
            x.values, rows: x.rows, columns: x.columns).map { Float($0) }))
    }
}
