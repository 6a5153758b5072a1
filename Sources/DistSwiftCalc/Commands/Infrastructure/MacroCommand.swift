import DistSwiftIO

/// `macro`: distpy's chain of array operations in one command (`extra_numpy.macro_factory`): abs, normalize (L2
/// along axis, zero norms kept), gaussian_filter (sigma, both axes, mode reflect), gradient (spacing `distance`
/// along axis), threshold (x > threshold → 1, else 0), median_filter (distance × distance, reflect), percentage_on
/// (100·Σx/n along axis) and sum (along axis). Reductions turn a 2-D array into 1-D and 1-D into a scalar, as in
/// numpy. distpy evaluates all eight operations at every step and picks one (slow, and an unselected one can fail)
/// and passes unknown names on silently; here only the named operation runs and unknown names are refused.
public struct MacroCommand: Command {
    public static let name = "macro"
    public static let summary = "a chain of array operations (abs, normalize, gaussian_filter, gradient, threshold, …)"
    public static let details = """
        Each step is a name or {"name": …, "axis": 0, "distance": 5, "sigma": 2, "threshold": 0} (distpy's
        defaults). After a reduction along axis 0 the result is one row along time, along axis 1 one column per
        channel; a second reduction gives one value. Steps on 1-D results work along them. Defined on the chunk as
        a whole (per chunk, whole fibre).
        """
    public static let parameters = [
        ParameterSpec("command_list", .json, default: .array(MacroStep.Operation.allCases.map { .string($0.rawValue) }),
                      "the steps, in order: names or objects with name and parameters"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries, .perChannel, .perSample, .spectrum2D]

    let steps: [MacroStep]

    public init(_ p: ParameterValues) throws {
        guard case .array(let items)? = p.values["command_list"], !items.isEmpty else {
            throw ParameterProblem("command_list", "must be a non-empty list of steps", fix: "e.g. [\"abs\", \"sum\"]")
        }
        steps = try items.enumerated().map { try MacroStep($1, at: $0) }
    }

    public var channelContext: ChannelContext { .wholeFibre }

    var finalShape: MacroStep.Shape { steps.reduce(.both) { $1.shape(after: $0) } }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind {
        switch finalShape {
        case .both: return inputs[0]
        case .time: return .perSample
        case .channels, .scalar: return .perChannel
        }
    }

    public func outputAxes(_ inputs: [Axes]) -> Axes {
        switch finalShape {
        case .both: return inputs[0]
        case .time: return inputs[0].replacingRows(.labelled(.aggregate, [Self.name]))
        case .channels: return inputs[0].replacingColumns(.labelled(.statistic, [Self.name]))
        case .scalar:
            return inputs[0].replacingRows(.labelled(.aggregate, [Self.name])).replacingColumns(.labelled(.statistic, [Self.name]))
        }
    }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        var x = try inputs[0].realValues(for: Self.name)
        var shape = MacroStep.Shape.both
        for step in steps {
            x = step.apply(x, shape: shape)
            shape = step.shape(after: shape)
        }
        return .real(x)
    }
}
