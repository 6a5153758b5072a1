import DistSwiftIO
import Foundation

/// `gaussian`: scipy.ndimage.gaussian_filter(x, [xsigma, tsigma], order=[xorder, torder], mode, truncate 4): a
/// Gaussian of xsigma channels and tsigma samples, or its derivative of the given order along each axis. distpy's
/// default orders are 5 — a fifth derivative, not a blur (its bug #15); the defaults here are 0.
public struct GaussianCommand: Command {
    public static let name = "gaussian"
    public static let summary = "Gaussian smoothing (or derivative) with xsigma channels and tsigma samples"
    public static let details = """
        Separable: kernels of radius int(4·sigma + 0.5) along each axis, as scipy (sigma 0 skips the axis). The
        kernels read that many neighbouring samples and channels (from adjacent chunks and blocks); `mode` applies
        at the ends of the record. distpy defaulted xorder = torder = 5 (bug #15). DASCore's gaussian_filter
        (sigma by dimension, in s/m or samples) is `gaussian_filter`.
        """
    public static let parameters = [
        ParameterSpec("xsigma", .number, default: .number(1), unit: "channels", "standard deviation along channels"),
        ParameterSpec("tsigma", .number, default: .number(1), unit: "samples", "standard deviation along time"),
        ParameterSpec("xorder", .integer, default: .number(0), "derivative order along channels (0: smoothing)"),
        ParameterSpec("torder", .integer, default: .number(0), "derivative order along time (0: smoothing)"),
        ParameterSpec("mode", EdgeMode.parameterKind, default: .string("constant"), "edge mode at the record's ends"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let alongChannels: ImageCorrelation?
    let alongTime: ImageCorrelation?

    public init(_ p: ParameterValues) throws {
        let mode = EdgeMode(rawValue: p.string("mode"))!
        func kernel(_ sigmaName: String, _ orderName: String, column: Bool) throws -> ImageCorrelation? {
            let sigma = p.number(sigmaName), order = p.integer(orderName)
            guard sigma >= 0 else { throw ParameterProblem(sigmaName, "is \(sigma) but must be 0 or more") }
            guard order >= 0 else { throw ParameterProblem(orderName, "is \(order) but must be 0 or more") }
            guard sigma > 1e-15 else { return nil }
            let weights = Array(Self.kernel(sigma: sigma, order: order).reversed())
            return ImageCorrelation(kernel: Array2D(rows: column ? 1 : weights.count, columns: column ? weights.count : 1,
                                                    values: weights), mode: mode)
        }
        alongChannels = try kernel("xsigma", "xorder", column: false)
        alongTime = try kernel("tsigma", "torder", column: true)
    }

    /// scipy's `_gaussian_kernel1d`: the normalised Gaussian on −r…r, times the polynomial of its order-th derivative.
    /// scipy.ndimage's `_gaussian_kernel1d` of radius int(truncate·sigma + 0.5).
    static func kernel(sigma: Double, order: Int, truncate: Double = 4) -> [Double] {
        let radius = Int(truncate * sigma + 0.5)
        let x = (-radius...radius).map(Double.init)
        let s2 = sigma * sigma
        var phi = x.map { exp(-0.5 / s2 * $0 * $0) }
        let total = phi.reduce(0, +)
        phi = phi.map { $0 / total }
        guard order > 0 else { return phi }
        // q ← (D + P)·q, order times: D the derivative of the polynomial, P the factor −x/σ² of the Gaussian's.
        var q = [Double](repeating: 0, count: order + 1)
        q[0] = 1
        for _ in 0..<order {
            var next = [Double](repeating: 0, count: order + 1)
            for i in 0...order {
                let derivative: Double = i < order ? Double(i + 1) * q[i + 1] : 0
                let factor: Double = i > 0 ? q[i - 1] / s2 : 0
                next[i] = derivative - factor
            }
            q = next
        }
        return zip(x, phi).map { xi, p -> Double in
            var polynomial = 0.0
            for power in 0...order { polynomial += q[power] * pow(xi, Double(power)) }
            return polynomial * p
        }
    }

    public func timeContext(_ input: Axes) -> TimeContext { .window(alongTime?.timeContext ?? .pointwise) }
    public var channelContext: ChannelContext { .window(alongChannels?.channelContext ?? .pointwise) }
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        var x = try inputs[0].realValues(for: Self.name)
        if let alongChannels { x = alongChannels.apply(x) }
        if let alongTime { x = alongTime.apply(x) }
        return .real(x)
    }
}
