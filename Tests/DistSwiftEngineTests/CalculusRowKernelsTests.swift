import DistSwiftNative
import Testing

/// The raw-buffer kernels of `differentiate` and `integrate` give the same bits as the per-row definitions they
/// replaced (written out here one row at a time); DASCore agreement is DASCoreConditioningTests' and
/// DASCoreUnitsTests'.
@Suite("Calculus row kernels against their one-row definitions, bit for bit")
struct CalculusRowKernelsTests {
    static let rows = 7, columns = 50  // 7 rows: one group of four running sums and three rows alone

    static func values(seed: Double) -> [Double] {
        (0..<(rows * columns)).map { i in (Double(i) * 0.37 + seed).truncatingRemainder(dividingBy: 1.7) - 0.8 }
    }

    /// numpy.gradient(row, step·dx, edge_order=2) as the command's Swift closure computed it.
    static func gradient(_ v: [Double], step s: Int, inverse: Double) -> [Double] {
        let n = v.count
        return (0..<n).map { k in
            let terms: [(Int, Double)] = k < s ? [(k, -3), (k + s, 4), (k + 2 * s, -1)]
                : k >= n - s ? [(k, 3), (k - s, -4), (k - 2 * s, 1)] : [(k + s, 1), (k - s, -1)]
            return terms.reduce(0) { $0 + $1.1 * v[$1.0] } * inverse
        }
    }

    @Test("gradient along rows, in place and into a new array, equals numpy.gradient's stencils bit for bit",
          arguments: [1, 3])
    func gradientEqualsDefinition(step: Int) {
        let x = Self.values(seed: 0.1), inverse = 1 / (2 * 0.25 * Double(step))
        let expected = (0..<Self.rows).flatMap { r in
            Self.gradient(Array(x[(r * Self.columns)..<((r + 1) * Self.columns)]), step: step, inverse: inverse)
        }
        let fresh: [Double] = CalculusRowKernels.gradientRows(x, columns: Self.columns, step: step, inverse: inverse)
        #expect(fresh == expected)
        var inPlace = x
        CalculusRowKernels.gradientRowsInPlace(&inPlace, columns: Self.columns, step: step, inverse: inverse)
        #expect(inPlace == expected)
        // float32 rows: differences in float64 from the widened values, rounded once.
        let single = x.map { Float($0) }
        let widened = single.map { Double($0) }
        let expectedSingle = (0..<Self.rows).flatMap { r in
            Self.gradient(Array(widened[(r * Self.columns)..<((r + 1) * Self.columns)]), step: step, inverse: inverse)
        }
        let singleOut: [Float] = CalculusRowKernels.gradientRows(single, columns: Self.columns, step: step,
                                                                 inverse: inverse)
        #expect(singleOut == expectedSingle.map { Float($0) })
        let wideOut: [Double] = CalculusRowKernels.gradientRows(single, columns: Self.columns, step: step,
                                                                inverse: inverse)
        #expect(wideOut == expectedSingle)
    }

    @Test("gradient across rows (along the fibre) equals numpy.gradient's stencils on each column bit for bit",
          arguments: [1, 2])
    func gradientAcrossRowsEqualsDefinition(step: Int) {
        let x = Self.values(seed: 0.7), inverse = 1 / (2 * 1.5 * Double(step))
        var expected = [Double](repeating: 0, count: x.count)
        for j in 0..<Self.columns {
            let column = (0..<Self.rows).map { x[$0 * Self.columns + j] }
            for (k, value) in Self.gradient(column, step: step, inverse: inverse).enumerated() {
                expected[k * Self.columns + j] = value
            }
        }
        let out: [Double] = CalculusRowKernels.gradientAcrossRows(x, rows: Self.rows, columns: Self.columns,
                                                                  step: step, inverse: inverse)
        #expect(out == expected)
    }

    @Test("the running trapezoid, four rows at a time, equals one row's sequential sums bit for bit, from any anchor",
          arguments: [0, 17, 49])
    func trapezoidEqualsDefinition(anchor: Int) {
        let x = Self.values(seed: 0.3), offsets = (0..<Self.rows).map { Double($0) * 1.25 - 2 }, half = 0.05
        var expected = [Double](repeating: 0, count: x.count)
        for r in 0..<Self.rows {
            let base = r * Self.columns
            expected[base + anchor] = offsets[r]
            for k in stride(from: anchor + 1, to: Self.columns, by: 1) {
                expected[base + k] = expected[base + k - 1] + (x[base + k - 1] + x[base + k]) * half
            }
            for k in stride(from: anchor - 1, through: 0, by: -1) {
                expected[base + k] = expected[base + k + 1] - (x[base + k] + x[base + k + 1]) * half
            }
        }
        #expect(CalculusRowKernels.runningTrapezoid(x, columns: Self.columns, offsets: offsets, anchor: anchor,
                                                    half: half) == expected)
    }
}

@Suite("demean's, standardize's and normalize's row kernels against the one-row definitions, bit for bit")
struct CentringKernelsTests {
    static func rowsWithNaN(rows: Int, columns: Int) -> [Double] {
        var x = (0..<(rows * columns)).map { i in (Double(i) * 0.61).truncatingRemainder(dividingBy: 2.3) - 1 }
        x[5] = .nan
        for k in 0..<columns { x[2 * columns + k] = .nan }  // a row of NaN only
        for k in 0..<columns { x[4 * columns + k] = 0 }  // a row of zeros (a zero norm)
        return x
    }

    static func same(_ a: [Double], _ b: [Double]) -> Bool {
        zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
    }

    @Test("standardize and normalize (l2): four rows at a time equal the one-row definitions bit for bit")
    func standardizeAndNormalizeEqualDefinition() {
        let rows = 7, columns = 33
        let x = Self.rowsWithNaN(rows: rows, columns: columns)
        var standardized = x, normalized = x
        for r in 0..<rows {
            let line = Array(x[(r * columns)..<((r + 1) * columns)])
            var sum = 0.0, count = 0
            for v in line where !v.isNaN { sum += v; count += 1 }
            let mean = count > 0 ? sum / Double(count) : .nan
            var squares = 0.0
            for v in line where !v.isNaN { squares += (v - mean) * (v - mean) }
            let std = (squares / Double(count)).squareRoot()
            var norm = 0.0
            for v in line where !v.isNaN { norm += v * v }
            norm = norm.squareRoot()
            let scale = 1 / (norm == 0 ? 1 : norm)
            for k in 0..<columns {
                standardized[r * columns + k] = (line[k] - mean) / std
                normalized[r * columns + k] = line[k] * scale
            }
        }
        var got = x
        CentringKernels.standardizeRowsInPlace(&got, columns: columns)
        #expect(Self.same(got, standardized))
        got = x
        CentringKernels.scaleRowsByL2NormInPlace(&got, columns: columns)
        #expect(Self.same(got, normalized))
    }

    @Test("each row less the mean of its non-NaN values, four rows at a time and alone, NaN rows included")
    func demeanEqualsDefinition() {
        let rows = 7, columns = 33
        var x = (0..<(rows * columns)).map { i in (Double(i) * 0.61).truncatingRemainder(dividingBy: 2.3) - 1 }
        x[5] = .nan
        for k in 0..<columns { x[2 * columns + k] = .nan }  // a row of NaN only: its mean is NaN
        var expected = x
        for r in 0..<rows {
            var sum = 0.0, count = 0
            for k in 0..<columns where !x[r * columns + k].isNaN { sum += x[r * columns + k]; count += 1 }
            let mean = count > 0 ? sum / Double(count) : .nan
            for k in 0..<columns { expected[r * columns + k] = x[r * columns + k] - mean }
        }
        var got = x
        CentringKernels.subtractRowMeansInPlace(&got, columns: columns)
        #expect(zip(got, expected).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) })
        var single = x.map { Float($0) }
        CentringKernels.subtractRowMeansInPlace(&single, columns: columns)
        let singleExpected = (0..<rows).flatMap { r -> [Float] in
            let line = (0..<columns).map { Double(Float(x[r * columns + $0])) }
            let kept = line.filter { !$0.isNaN }
            let mean = kept.isEmpty ? .nan : kept.reduce(0, +) / Double(kept.count)
            return line.map { Float($0 - mean) }
        }
        #expect(zip(single, singleExpected).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) })
    }
}
