import DistSwiftIO

/// `slope_mute`: DASCore's `patch.slope_mute(slopes=(v1, v2), smooth=…, invert=False)`: the wedge between two
/// apparent velocities from the chunk's first sample and first channel is zeroed (active-source muting).
public struct SlopeMuteCommand: Command {
    public static let name = "slope_mute"
    public static let summary = "DASCore's slope_mute: zero the wedge between two apparent velocities from the origin"
    public static let details = """
        DASCore: patch.slope_mute(slopes=[v1, v2], dims=("distance", "time"), smooth=null, invert=false). The
        lines x = v·t from the origin (the first channel at the chunk's first sample) bound the muted wedge; a
        sample is muted when it lies strictly between them (DASCore's cross-product test in coordinates scaled by
        each dimension's range; samples on a line, and the origin, are kept). invert keeps the wedge and mutes the
        rest. smooth blurs the 0/1 envelope with a Gaussian (scipy.ndimage, reflect, truncate 4): a fraction of each
        dimension's length (0 … 1, rounded to samples) or a whole number of samples, for both dimensions. Velocities
        in m/s, ≥ 0 (0 is the time axis, null for infinity the distance axis). Defined per chunk: every chunk is
        muted from its own first sample, as DASCore's on a patch; the whole fibre. `line_mute` with a time and a
        distance key takes arbitrary lines.
        """
    public static let parameters = [
        ParameterSpec("slopes", .json, default: nil, unit: "m/s", "[v1, v2]: the wedge's two apparent velocities"),
        MuteSmoothing.parameter,
        ParameterSpec("invert", .boolean, default: .bool(false), "true: keep the wedge, mute the rest"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    /// A velocity; nil is infinity (the line along distance at t = 0).
    let slopes: [Double?]
    let smooth: Double?
    let invert: Bool

    public init(_ p: ParameterValues) throws {
        guard case .array(let items)? = p.values["slopes"], items.count == 2 else {
            throw ParameterProblem("slopes", "must be a pair of velocities [v1, v2] in m/s",
                                   fix: "give e.g. [1500, 3000]")
        }
        slopes = try items.map { item -> Double? in
            switch item {
            case .null: return nil
            case .number(let v) where v >= 0: return v
            default:
                throw ParameterProblem("slopes", "contains \(item.typeName) but velocities are numbers ≥ 0 (null: ∞)",
                                       fix: "give e.g. [1500, 3000]")
            }
        }
        smooth = try MuteSmoothing.read(p)
        invert = p.flag("invert")
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public var channelContext: ChannelContext { .wholeFibre }

    /// DASCore's own construction: two lines from the origin, x = v·t across the fibre's length (v = 0 along
    /// time, ∞ along distance), muted between by the shared two-line geometry.
    func lines(positions x: [Double]) -> MuteLines {
        let x0 = x.first ?? 0, run = (x.last ?? 0) - x0
        let pairs = slopes.map { v -> (MuteLines.Bound, MuteLines.Bound) in
            guard let v else { return (.through(x0, x0 + 1), .through(0, 0)) }
            if abs(v) <= 1e-8 { return (.through(x0, x0), .through(0, 1)) }
            return (.through(x0, x0 + run), .through(0, run / v))
        }
        return MuteLines(distance: pairs.map(\.0), time: pairs.map(\.1), relative: false)
    }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let data = try inputs[0].realValues(for: Self.name)
        guard let positions = context.rowPositions(data.rows) else {
            throw CommandError(Self.name, "needs the channels' positions")
        }
        return .real(try lines(positions: positions).mute(data, positions: positions, context: context,
                                                          invert: invert, smooth: smooth, command: Self.name))
    }

}
