import DistSwiftIO
import Foundation

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
        muted from its own first sample, as DASCore's on a patch; the whole fibre. `line_mute` (arbitrary lines)
        is not available.
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

    /// The 0/1 envelope (1 kept) for channels at `x` (m) and samples at `t` (s), both from the origin.
    func envelope(x: [Double], t: [Double]) -> [Double] {
        let rangeX = (x.last ?? 0) - (x.first ?? 0), rangeT = (t.last ?? 0) - (t.first ?? 0)
        let normX = rangeX == 0 ? 1 : rangeX, normT = rangeT == 0 ? 1 : rangeT
        func unit(_ a: Double, _ b: Double) -> (Double, Double) {
            let n = (a * a + b * b).squareRoot()
            return n == 0 ? (0, 0) : (a / (n == 0 ? Double.ulpOfOne : n), b / n)
        }
        // Each line as (distance, time) from the origin, scaled by the ranges and normalised, as DASCore.
        let lines = slopes.map { v -> (Double, Double) in
            guard let v else { return unit(1 / normX, 0) }
            if v == 0 { return unit(0, 1 / normT) }
            return unit(rangeX / normX, rangeX / v / normT)
        }
        let fill = invert ? 1.0 : 0.0
        var out = [Double](repeating: invert ? 0 : 1, count: x.count * t.count)
        for (r, xv) in x.enumerated() {
            let px = (xv - x[0]) / normX
            for (c, tv) in t.enumerated() {
                let p = unit(px, (tv - t[0]) / normT)
                let cross1 = lines[0].0 * p.1 - lines[0].1 * p.0
                let cross2 = lines[1].0 * p.1 - lines[1].1 * p.0
                let dot1 = lines[0].0 * p.0 + lines[0].1 * p.1, dot2 = lines[1].0 * p.0 + lines[1].1 * p.1
                if cross1 * cross2 < 0 && dot1 > 0 && dot2 > 0 { out[r * t.count + c] = fill }
            }
        }
        return out
    }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let data = try inputs[0].realValues(for: Self.name)
        guard let positions = context.rowPositions(data.rows) else {
            throw CommandError(Self.name, "needs the channels' positions")
        }
        let t = (0..<data.columns).map { Double($0) / context.samplingRateHz }
        var mask = Array2D(rows: data.rows, columns: data.columns, values: envelope(x: positions, t: t))
        if let smooth, smooth > 0 {
            // DASCore: a float is a fraction of each dimension's length (rounded), an int samples.
            for (count, alongTime) in [(data.rows, false), (data.columns, true)] {
                mask = MuteSmoothing.smoothed(mask, sigma: MuteSmoothing.sigma(smooth, length: count), alongTime: alongTime)
            }
        }
        return .real(Array2D(rows: data.rows, columns: data.columns,
                             values: zip(data.values, mask.values).map { $0 * $1 }))
    }

}
