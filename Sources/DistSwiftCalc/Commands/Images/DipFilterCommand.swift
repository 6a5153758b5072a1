import DistSwiftIO
import Foundation

/// `dip_filter`: removes events along one apparent velocity. A kernel of shape [channels, samples] holds Gaussian
/// weights exp(−d²/bandwidth²) of each pixel's time distance d (samples) from the line t = −xo·dx/(v·dt) through
/// its centre, normalised to sum 1, negated, and 1 added at the centre; the data are convolved with it (mode
/// 'nearest'): each value minus the weighted mean along the dip. distpy ignores its `bandwidth` and `shape`
/// parameters and measures the distance in seconds with a 0.1 s width, so for DAS rates its filter is a plain
/// "minus the 9 × 9 mean" (bug #18); here both parameters apply, in samples.
public struct DipFilterCommand: Command {
    public static let name = "dip_filter"
    public static let summary = "subtract the Gaussian-weighted mean along the dip of one apparent velocity"
    public static let details = """
        dx from the channel spacing, dt from the rate. The kernel reads shape/2 neighbouring samples and channels
        (adjacent chunks and blocks), so chunked runs equal one long record; 'nearest' applies at the ends.
        """
    public static let parameters = [
        ParameterSpec("velocity", .number, default: .number(100), unit: "m/s", "apparent velocity to remove"),
        ParameterSpec("bandwidth", .number, default: .number(1), unit: "samples", "Gaussian width around the dip line"),
        ParameterSpec("shape", .numberList, default: .array([.number(9), .number(9)]),
                      "kernel size [channels, samples], odd numbers"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let velocity: Double
    let bandwidth: Double
    let height: Int
    let width: Int

    public init(_ p: ParameterValues) throws {
        velocity = p.number("velocity")
        bandwidth = p.number("bandwidth")
        let shape = p.numbers("shape")
        guard velocity != 0 else { throw ParameterProblem("velocity", "must not be 0", fix: "e.g. 1500 (m/s)") }
        guard bandwidth > 0 else { throw ParameterProblem("bandwidth", "is \(bandwidth) but must be positive") }
        guard shape.count == 2, shape.allSatisfy({ $0 >= 1 && $0 == $0.rounded() && Int($0) % 2 == 1 }) else {
            throw ParameterProblem("shape", "must be two odd whole numbers [channels, samples]", fix: "e.g. [9, 9]")
        }
        (height, width) = (Int(shape[0]), Int(shape[1]))
    }

    var timeWindow: AxisContext { .symmetric(width / 2) }
    var channelWindow: AxisContext { .symmetric(height / 2) }
    public func timeContext(_ input: Axes) -> TimeContext { .window(timeWindow) }
    public var channelContext: ChannelContext { .window(channelWindow) }
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }

    /// The kernel for channel spacing dx (m) and sample interval dt (s).
    func kernel(dx: Double, dt: Double) -> Array2D<Double> {
        var w = [Double](repeating: 0, count: height * width)
        for a in 0..<height {
            for b in 0..<width {
                let xo = Double(a - height / 2), t = Double(b - width / 2)
                let d = t + xo * dx / (velocity * dt)
                w[a * width + b] = exp(-d * d / (bandwidth * bandwidth))
            }
        }
        let total = w.reduce(0, +)
        w = w.map { -$0 / total }
        w[(height / 2) * width + width / 2] += 1
        return Array2D(rows: height, columns: width, values: w)
    }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let x = try inputs[0].realValues(for: Self.name)
        let positions = context.channelPositions
        let dx = positions.count > 1 ? abs(positions[1] - positions[0]) : 1
        let filter = ImageCorrelation.convolution(kernel(dx: dx, dt: 1 / context.samplingRateHz), mode: .nearest)
        return .real(filter.apply(x))
    }
}
