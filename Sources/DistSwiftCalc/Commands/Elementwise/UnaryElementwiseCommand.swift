/// A command without parameters that maps every element on its own (abs, real, angle, conj, the pass-throughs):
/// any input kind, the same kind out, pointwise in time.
public protocol UnaryElementwiseCommand: Command {
    init()
}

extension UnaryElementwiseCommand {
    public static var parameters: [ParameterSpec] { [] }
    public static var accepts: Set<SignalKind> { Set(SignalKind.allCases) }
    public init(_ p: ParameterValues) throws { self.init() }
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public func timeContext(_ input: Axes) -> TimeContext { .pointwise }
}
