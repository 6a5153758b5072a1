import DistSwiftIO

/// `deconvolve`: in·conj(g0) / (g0·conj(g0) + tolerance), the regularised spectral division of distpy's
/// `extra_numpy.deconvolve`, meant for Fourier-domain inputs (numpy broadcasting of the shapes).
public struct DeconvolveCommand: Command {
    public static let name = "deconvolve"
    public static let summary = "in·conj(g0) / (|g0|² + tolerance): regularised division by gather_uids[0]"
    public static let parameters = [
        ParameterSpec("tolerance", .number, default: .number(1e-6), "added to |g0|² (keeps the division finite)"),
    ]
    public static let gather = GatherRule.required
    public static let accepts = SignalKind.twoDimensional

    let tolerance: Double

    public init(_ p: ParameterValues) throws {
        tolerance = p.number("tolerance")
        guard tolerance >= 0 else {
            throw ParameterProblem("tolerance", "is \(tolerance) but must be 0 or more", fix: "e.g. 1e-6")
        }
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public var acceptsPackedSignals: Bool { true }  // `Broadcast.combine` reads float32 chunks directly
    public func outputAxes(_ inputs: [Axes]) -> Axes { Broadcast.axes(inputs) }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        guard inputs.count == 2 else { throw CommandError(Self.name, "needs exactly one gather_uids input") }
        let tolerance = self.tolerance
        return try Broadcast.combine(inputs[0], inputs[1], command: Self.name, realStaysReal: false) { a, b, c, d in
            let denominator = c * c + d * d + tolerance
            return ((a * c + b * d) / denominator, (b * c - a * d) / denominator)
        }
    }
}
