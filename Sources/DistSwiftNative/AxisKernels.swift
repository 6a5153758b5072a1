/// Loops along one axis of a row-major rows × columns array (along each row: axis 1, time; along each column:
/// axis 0, channels) without transposing it first: along columns, whole rows are combined at a time, so the inner
/// loop runs over contiguous memory either way. Outputs are `FreshBuffer`s written once.
public enum AxisKernels {
    /// One output line value as w0·x[i0] + w1·x[i1] + w2·x[i2] along the line (a three-point derivative stencil).
    public struct Stencil: Sendable {
        public var indices: (Int, Int, Int)
        public var weights: (Double, Double, Double)

        public init(_ indices: (Int, Int, Int), _ weights: (Double, Double, Double)) {
            self.indices = indices
            self.weights = weights
        }
    }

    /// out = stencils[i] applied at position i of every line; `stencils.count` is the line length.
    /// float32 values are widened as they are read; the sums are float64, rounded once to `U` (float32 in a float32
    /// graph). Along rows, when every interior stencil reads (i − 1, i, i + 1) — numpy.gradient's — the interior
    /// runs from three weight arrays with no index lookups, which the compiler vectorises (the same products and
    /// sums in the same order: the same bits as the general loop).
    @inlinable
    public static func stencil<T: BinaryFloatingPoint, U: BinaryFloatingPoint>(
        _ x: [T], rows: Int, columns: Int, alongRows: Bool, _ stencils: [Stencil], as: U.Type = Double.self
    ) -> [U] {
        precondition(x.count == rows * columns && stencils.count == (alongRows ? columns : rows), "stencil shape")
        let centred = alongRows && columns > 2
            && (1..<(columns - 1)).allSatisfy { stencils[$0].indices == ($0 - 1, $0, $0 + 1) }
        let (u, v, w) = centred ? (stencils.map(\.weights.0), stencils.map(\.weights.1), stencils.map(\.weights.2))
                                : ([], [], [])
        return FreshBuffer.array(x.count) { out in
            x.withUnsafeBufferPointer { x in
                stencils.withUnsafeBufferPointer { s in
                    func at(_ row: Int, _ i: Int) -> U {
                        let (a, b, c) = s[i].indices, (u, v, w) = s[i].weights
                        return U(u * Double(x[row + a]) + v * Double(x[row + b]) + w * Double(x[row + c]))
                    }
                    if centred {
                        u.withUnsafeBufferPointer { u in
                            v.withUnsafeBufferPointer { v in
                                w.withUnsafeBufferPointer { w in
                                    for r in 0..<rows {
                                        let row = r * columns
                                        out[row] = at(row, 0)
                                        for i in 1..<(columns - 1) {
                                            out[row + i] = U(u[i] * Double(x[row + i - 1]) + v[i] * Double(x[row + i])
                                                             + w[i] * Double(x[row + i + 1]))
                                        }
                                        out[row + columns - 1] = at(row, columns - 1)
                                    }
                                }
                            }
                        }
                    } else if alongRows {
                        for r in 0..<rows {
                            let row = r * columns
                            for i in 0..<columns { out[row + i] = at(row, i) }
                        }
                    } else {
                        for i in 0..<rows {
                            let (a, b, c) = s[i].indices, (u, v, w) = s[i].weights
                            let (ra, rb, rc, row) = (a * columns, b * columns, c * columns, i * columns)
                            for t in 0..<columns {
                                out[row + t] = U(u * Double(x[ra + t]) + v * Double(x[rb + t]) + w * Double(x[rc + t]))
                            }
                        }
                    }
                }
            }
        }
    }

    /// numpy.roll of every line: element k of line a moves to (k + shifts[a]) mod length (shifts of any sign).
    /// float32 values are widened as they are read (or kept float32: `as: Float.self`).
    @inlinable
    public static func rolled<T: BinaryFloatingPoint, U: BinaryFloatingPoint>(
        _ x: [T], rows: Int, columns: Int, alongRows: Bool, shifts: [Int], as: U.Type = Double.self
    ) -> [U] {
        let lines = alongRows ? rows : columns, length = alongRows ? columns : rows
        precondition(x.count == rows * columns && shifts.count == lines, "roll shape")
        guard length > 0 else { return [] }
        return FreshBuffer.array(x.count) { out in
            x.withUnsafeBufferPointer { x in
                if alongRows {
                    for r in 0..<rows {
                        let s = ((shifts[r] % length) + length) % length, row = r * columns
                        for k in 0..<(length - s) { out[row + k + s] = U(x[row + k]) }
                        for k in (length - s)..<length { out[row + k + s - length] = U(x[row + k]) }
                    }
                } else {
                    for k in 0..<rows {
                        for a in 0..<columns {
                            let s = ((shifts[a] % length) + length) % length
                            let to = k + s < length ? k + s : k + s - length
                            out[to * columns + a] = U(x[k * columns + a])
                        }
                    }
                }
            }
        }
    }

    /// `rolled` along rows in the values' own buffer, each row through one row of scratch: no fresh output.
    @inlinable
    public static func rollRowsInPlace<T: BinaryFloatingPoint>(_ x: inout [T], rows: Int, columns: Int,
                                                               shifts: [Int]) {
        precondition(x.count == rows * columns && shifts.count == rows, "roll shape")
        guard columns > 0 else { return }
        var scratch = [T](repeating: 0, count: columns)
        // Three block copies a row (memmove: element loops through two buffer pointers that may alias are not
        // vectorised).
        x.withUnsafeMutableBufferPointer { x in
            scratch.withUnsafeMutableBufferPointer { line in
                for r in 0..<rows {
                    let s = ((shifts[r] % columns) + columns) % columns
                    guard s != 0 else { continue }
                    let row = x.baseAddress! + r * columns, copy = line.baseAddress!
                    copy.update(from: row, count: columns)
                    (row + s).update(from: copy, count: columns - s)
                    row.update(from: copy + (columns - s), count: s)
                }
            }
        }
    }

    /// The index of the first largest value of every line (a NaN never wins unless it comes first), as Double.
    /// float32 values are compared as they are (widening is exact and keeps their order: the same indices).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public static func argmax<T: BinaryFloatingPoint>(_ x: [T], rows: Int, columns: Int, alongRows: Bool) -> [Double] {
        precondition(x.count == rows * columns, "argmax shape")
        return x.withUnsafeBufferPointer { x in
            if alongRows {
                return (0..<rows).map { r in
                    let row = r * columns
                    var best = 0
                    for i in 0..<columns where x[row + i] > x[row + best] { best = i }
                    return Double(best)
                }
            }
            guard rows > 0 else { return [Double](repeating: 0, count: columns) }
            var best = [Int](repeating: 0, count: columns)
            var value = Array(x[0..<columns])
            best.withUnsafeMutableBufferPointer { best in
                value.withUnsafeMutableBufferPointer { value in
                    for r in 1..<max(1, rows) {
                        let row = r * columns
                        for t in 0..<columns where x[row + t] > value[t] {
                            value[t] = x[row + t]
                            best[t] = r
                        }
                    }
                }
            }
            return best.map(Double.init)
        }
    }
}
