import DistSwiftIO

/// DASCore's two-line mute geometry (`_MuteGeometry2D` of dascore.proc.mute), shared by `line_mute`'s
/// time–distance form and `slope_mute` (which DASCore itself builds as two lines from the origin).
///
/// Each line is given per dimension: through two coordinates, at one constant value (the line runs along the other
/// dimension, whose entry is then `open`), or open. Coordinates are taken from the chunk's first sample (seconds)
/// and first channel (metres), and the lines' directions are compared after scaling each dimension by its extent
/// (DASCore's `coord_range()`: last − first + one step), so "between" means the same for any units. A sample is
/// muted when it lies strictly between the lines (opposite signs of the two cross products) and, for lines that
/// meet, in front of the meeting point along both (positive dot products); samples on a line are kept.
struct MuteLines: Sendable, Equatable {
    /// One line's entry along one dimension.
    enum Bound: Sendable, Equatable {
        case through(Double, Double)
        case at(Double)
        case open
    }

    /// `distance[k]` and `time[k]` describe line k (0, 1).
    let distance: [Bound]
    let time: [Bound]
    /// DASCore's `relative`: a distance ≥ 0 is an offset from the first channel, a negative one from the last;
    /// false: positions along the fibre. Times are seconds from the chunk's start either way (negative from its end).
    let relative: Bool

    /// DASCore's tolerance for degenerate and parallel lines.
    static let tolerance = 1e-9

    /// A problem naming `key` unless each line is fixed by either two points or one constant value.
    static func check(distance: [Bound], time: [Bound]) throws {
        for k in 0..<2 {
            switch (distance[k], time[k]) {
            case (.through, .through), (.at, .open), (.open, .at): continue
            default:
                throw ParameterProblem(k == 0 ? "time[0]" : "time[1]",
                                       "and distance[\(k)] do not fix line \(k + 1): give both as point pairs "
                                       + "[a, b], or one as a constant value and the other null",
                                       fix: #"e.g. "time": [0, [0, 0.3]], "distance": [null, [0, 300]]"#)
            }
        }
    }

    /// The 0/1 envelope (1 kept; `invert` swaps) for channels at `x` (m, `xStep` apart) and samples at `t` (s from
    /// the chunk's start, `tStep` apart), rows = channels.
    func envelope(x: [Double], xStep: Double, t: [Double], tStep: Double, invert: Bool, command: String) throws
        -> [Double]
    {
        guard let x0 = x.first, let xn = x.last, let t0 = t.first, let tn = t.last else { return [] }
        let extent = [xn - x0 + abs(xStep), tn - t0 + abs(tStep)]
        // Coordinates as floats from each dimension's first value (DASCore's _get_coord_float_values).
        func resolve(_ v: Double, dimension: Int) -> Double {
            if dimension == 1 || relative { return v >= 0 ? v : (dimension == 0 ? xn - x0 : tn - t0) + v }
            return v - x0
        }
        // Four points (line 1: 0, 1; line 2: 2, 3) as (distance, time); dimensions in the data's order, as
        // DASCore's loop, which also decides which line an implicit (constant) entry marks.
        var points = [[Double]](repeating: [.nan, .nan], count: 4)
        var implicitLine = -1
        for (d, bounds) in [distance, time].enumerated() {
            for (k, bound) in bounds.enumerated() {
                switch bound {
                case .open: continue
                case .through(let a, let b):
                    points[2 * k][d] = resolve(a, dimension: d)
                    points[2 * k + 1][d] = resolve(b, dimension: d)
                case .at(let v):
                    implicitLine = k
                    points[2 * k][d] = resolve(v, dimension: d)
                    points[2 * k + 1][d] = resolve(v, dimension: d)
                    points[2 * k][1 - d] = 0
                    points[2 * k + 1][1 - d] = 1
                }
            }
        }
        var directions = try [0, 1].map { k -> [Double] in
            let v = (0..<2).map { (points[2 * k + 1][$0] - points[2 * k][$0]) / extent[$0] }
            let n = (v[0] * v[0] + v[1] * v[1]).squareRoot()
            guard n >= Self.tolerance else {
                throw CommandError(command, "line \(k + 1) is degenerate (its two points coincide)")
            }
            return v.map { $0 / n }
        }
        let dot = directions[0][0] * directions[1][0] + directions[0][1] * directions[1][1]
        let parallel = 1 - abs(dot) < Self.tolerance
        if dot < 0 {
            guard parallel || implicitLine != -1 else {
                throw CommandError(command, "the two lines point in opposite directions; give both lines' "
                                   + "points in the same order (e.g. both from earlier to later times)")
            }
            let flipped = implicitLine == -1 ? 0 : implicitLine
            directions[flipped] = directions[flipped].map { -$0 }
        }
        let meeting = Self.intersection(points)
        let origins = parallel ? [points[0], points[2]] : [meeting, meeting]

        let fill = invert ? 1.0 : 0.0
        var out = [Double](repeating: invert ? 0 : 1, count: x.count * t.count)
        for (r, xv) in x.enumerated() {
            for (c, tv) in t.enumerated() {
                // Only signs matter, so DASCore's normalisation of each point vector is left out.
                var cross = [0.0, 0.0], ahead = [0.0, 0.0]
                for k in 0..<2 {
                    let px = (xv - x0 - origins[k][0]) / extent[0], pt = (tv - t0 - origins[k][1]) / extent[1]
                    cross[k] = directions[k][0] * pt - directions[k][1] * px
                    ahead[k] = directions[k][0] * px + directions[k][1] * pt
                }
                if cross[0] * cross[1] < 0 && (parallel || (ahead[0] > 0 && ahead[1] > 0)) {
                    out[r * t.count + c] = fill
                }
            }
        }
        return out
    }

    /// `data` (channels at `positions` — the whole fibre — × the chunk's samples) times the envelope, blurred along
    /// both dimensions by `smooth` (DASCore's 2-D mutes).
    func mute(_ data: Array2D<Double>, positions: [Double], context: ChunkContext, invert: Bool, smooth: Double?,
              command: String) throws -> Array2D<Double>
    {
        let t = (0..<data.columns).map { Double($0) / context.samplingRateHz }
        let xStep = context.inputAxes.first?.spacing(.distance)
            ?? (positions.count > 1 ? (positions[positions.count - 1] - positions[0]) / Double(positions.count - 1) : 1)
        var mask = Array2D(rows: data.rows, columns: data.columns,
                           values: try envelope(x: positions, xStep: xStep, t: t, tStep: 1 / context.samplingRateHz,
                                                invert: invert, command: command))
        if let smooth, smooth > 0 { mask = MuteSmoothing.smoothedBoth(mask, smooth: smooth) }
        return Array2D(rows: data.rows, columns: data.columns, values: zip(data.values, mask.values).map { $0 * $1 })
    }

    /// Where the lines through points 0–1 and 2–3 meet (NaN when numpy's isclose calls them parallel, as
    /// DASCore's get_2d_line_intersection; lines DASCore's tolerance still calls crossing then mute nothing).
    static func intersection(_ p: [[Double]]) -> [Double] {
        let (x1, y1, x2, y2, x3, y3, x4, y4) = (p[0][0], p[0][1], p[1][0], p[1][1], p[2][0], p[2][1], p[3][0], p[3][1])
        let denom = (x1 - x2) * (y3 - y4) - (y1 - y2) * (x3 - x4)
        guard abs(denom) > 1e-8 else { return [.nan, .nan] }
        let a = x1 * y2 - y1 * x2, b = x3 * y4 - y3 * x4
        return [(a * (x3 - x4) - (x1 - x2) * b) / denom, (a * (y3 - y4) - (y1 - y2) * b) / denom]
    }
}
