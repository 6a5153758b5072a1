import DistSwiftNative
import Testing

/// The C kernels of issue 19's conditioning rows (radix-selection medians, the FIR decimator, the row FIR interior)
/// against the plain loops they replace: the same order statistics and the same sums in the same order, so the same
/// bits, on random rows of several lengths (odd, even, NaN, ties, constant rows, short rows).
@Suite("Selection and FIR kernels")
struct SelectionAndFIRKernelTests {
    /// A reproducible pseudo-random generator (no global state).
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state ^ (state >> 29)
        }
    }

    /// Rows of several shapes: noise around 0, around 1000 (one exponent), a few distinct values (ties), NaN.
    static func rows(_ count: Int, length n: Int, seed: UInt64) -> [Float] {
        var g = Generator(state: seed)
        return (0..<(count * n)).map { i in
            switch (i / n) % 4 {
            case 0: return Float.random(in: -1...1, using: &g) * 1e-3
            case 1: return 1000 + Float.random(in: -1...1, using: &g)
            case 2: return Float(Int.random(in: -2...2, using: &g))
            default: return Int.random(in: 0..<20, using: &g) == 0 ? .nan : Float.random(in: -5...5, using: &g)
            }
        }
    }

    /// numpy.nanmedian by sorting.
    static func sortedMedian<T: BinaryFloatingPoint>(_ line: ArraySlice<T>) -> Double {
        let v = line.filter { !$0.isNaN }.map { Double($0) }.sorted()
        guard !v.isEmpty else { return .nan }
        return v.count % 2 == 1 ? v[v.count / 2] : (v[v.count / 2 - 1] + v[v.count / 2]) / 2
    }

    @Test("row medians by radix selection equal a sorting median; each row less it, in float32 and float64",
          arguments: [1, 2, 7, 48, 49, 50, 1000, 1001])
    func rowMedians(n: Int) {
        let x = Self.rows(8, length: n, seed: UInt64(n))
        let wide = x.map { Double($0) }
        var inPlace = x, inPlaceWide = wide
        RowMedianKernels.subtractRowMediansInPlace(&inPlace, columns: n)
        RowMedianKernels.subtractRowMediansInPlace(&inPlaceWide, columns: n)
        let widened = RowMedianKernels.subtractingRowMedians(x, columns: n, as: Double.self)
        for r in 0..<8 {
            let row = x[(r * n)..<((r + 1) * n)]
            let m = Self.sortedMedian(row)
            #expect(RowMedianKernels.median(Array(row)).isNaN ? m.isNaN : RowMedianKernels.median(Array(row)) == m)
            for k in row.indices {
                let expected = Double(x[k]) - m
                #expect(widened[k].bitPattern == expected.bitPattern || (widened[k].isNaN && expected.isNaN))
                #expect(inPlaceWide[k].bitPattern == expected.bitPattern || (inPlaceWide[k].isNaN && expected.isNaN))
                #expect(inPlace[k].bitPattern == Float(expected).bitPattern || (inPlace[k].isNaN && expected.isNaN))
            }
        }
    }

    @Test("a row of NaN only has no median; an empty array none either")
    func allNaN() {
        var x: [Float] = [.nan, .nan, .nan]
        RowMedianKernels.subtractRowMediansInPlace(&x, columns: 3)
        #expect(x.allSatisfy { $0.isNaN })
        #expect(RowMedianKernels.median([Double]()).isNaN)
    }

    @Test("FIR decimation of the kept samples equals the plain loop bit for bit (every phase, zeros beyond the row)",
          arguments: [(2, 0), (3, 2), (4, 1), (5, 4)])
    func firDecimation(q: Int, offset: Int) {
        let n = 997, half = 10 * q
        var g = Generator(state: UInt64(q * 31 + offset))
        let taps = (0...(2 * half)).map { _ in Double.random(in: -1...1, using: &g) }
        let x = Self.rows(3, length: n, seed: 7).map { $0.isNaN ? 0.5 : $0 }
        let kept = (n - offset + q - 1) / q
        let single = FIRDecimationKernels.decimatedRows(x, columns: n, taps: taps, half: half, factor: q,
                                                        offset: offset, kept: kept, as: Float.self)
        let double = FIRDecimationKernels.decimatedRows(x.map { Double($0) }, columns: n, taps: taps, half: half,
                                                        factor: q, offset: offset, kept: kept, as: Double.self)
        for r in 0..<3 {
            for k in 0..<kept {
                let c = offset + k * q
                var sum = 0.0
                for j in max(0, c + half - (n - 1))...min(taps.count - 1, c + half) {
                    sum += taps[j] * Double(x[r * n + c + half - j])
                }
                #expect(double[r * kept + k].bitPattern == sum.bitPattern)
                #expect(single[r * kept + k].bitPattern == Float(sum).bitPattern)
            }
        }
    }

    @Test("the row FIR interior equals LineFIR.correlateInterior bit for bit in each precision; edges are zero",
          arguments: [1, 11, 25, 70, 200])
    func rowFIR(n: Int) {
        let taps = 11, first = 5
        var g = Generator(state: UInt64(n))
        let weights = (0..<taps).map { _ in Double.random(in: -1...1, using: &g) }
        let x = Self.rows(4, length: n, seed: 3).map { $0.isNaN ? -0.25 : $0 }
        let single = RowFIRKernels.correlatedInterior(x, columns: n, weights: weights, first: first, as: Float.self)
        let double = RowFIRKernels.correlatedInterior(x, columns: n, weights: weights, first: first, as: Double.self)
        let fromDouble = RowFIRKernels.correlatedInterior(x.map { Double($0) }, columns: n, weights: weights,
                                                          first: first, as: Double.self)
        #expect(double == fromDouble)
        for r in 0..<4 {
            let row = Array(x[(r * n)..<((r + 1) * n)])
            var expectedSingle = [Float](repeating: 0, count: n), expectedDouble = [Double](repeating: 0, count: n)
            LineFIR.correlateInterior(row, weights: weights.map { Float($0) }, into: &expectedSingle, first: first)
            LineFIR.correlateInterior(row.map { Double($0) }, weights: weights, into: &expectedDouble, first: first)
            #expect(Array(single[(r * n)..<((r + 1) * n)]).map(\.bitPattern) == expectedSingle.map(\.bitPattern))
            #expect(Array(double[(r * n)..<((r + 1) * n)]).map(\.bitPattern) == expectedDouble.map(\.bitPattern))
        }
    }

    @Test("rows combined along the columns equal the plain loop bit for bit (edge taps left out, zero weights skipped)",
          arguments: [1, 63, 64, 130])
    func combinedRows(n: Int) {
        let rows = 9
        var g = Generator(state: UInt64(n) + 99)
        let weights = [0.25, 0, -1.5, 0.75, 0.125]
        let x = (0..<(rows * n)).map { _ in Double.random(in: -3...3, using: &g) }
        let sources: [[Int?]] = (0..<rows).map { i in (0..<weights.count).map { a in
            let k = i + a - 2
            return k >= 0 && k < rows ? k : (a == 0 ? nil : min(max(k, 0), rows - 1))
        } }
        let out = RowFIRKernels.combinedRows(x, columns: n, weights: weights, sources: sources)
        for i in 0..<rows {
            for j in 0..<n {
                var sum = 0.0
                for a in 0..<weights.count where weights[a] != 0 {
                    if let k = sources[i][a] { sum += weights[a] * x[k * n + j] }
                }
                #expect(out[i * n + j].bitPattern == sum.bitPattern)
            }
        }
    }

    /// The τ-p loop as it ran in Swift before the C kernel (slowness outer, channel inner, one τ at a time).
    static func plainTauP(_ x: [Double], rows nx: Int, columns nt: Int, slownesses p: [Double], offsets: [Double],
                          dt: Double) -> [Double] {
        let ns = p.count
        var y = [Double](repeating: 0, count: 2 * ns * nt)
        func add(_ target: Int, _ row: Int, _ shift: Double) {
            for tau in 0..<nt {
                let s = Double(tau) + shift
                guard s >= 0 else { continue }
                let i = Int(s)
                guard i + 1 < nt else { break }
                let w = s - Double(i)
                y[target + tau] += (1 - w) * x[row * nt + i] + w * x[row * nt + i + 1]
            }
        }
        for ip in 0..<ns {
            for ix in 0..<nx {
                add((ip + ns) * nt, ix, p[ip] * offsets[ix] / dt)
                add((ns - 1 - ip) * nt, nx - 1 - ix, p[ip] * (offsets[nx - 1] - offsets[nx - 1 - ix]) / dt)
            }
        }
        return y
    }

    @Test("τ-p in C equals the plain loop bit for bit (float32 rows widened as read; uneven offsets; shifts past the end)")
    func tauP() {
        let nx = 37, nt = 301
        var g = Generator(state: 11)
        var offsets = [0.0]
        for _ in 1..<nx { offsets.append(offsets.last! + Double.random(in: 0.5...3, using: &g)) }
        let x = Self.rows(nx, length: nt, seed: 5).map { $0.isNaN ? 0.125 : $0 }
        let slownesses = [1 / 3000.0, 1 / 700.0, 1 / 97.0, 1 / 11.0]
        let expected = Self.plainTauP(x.map { Double($0) }, rows: nx, columns: nt, slownesses: slownesses,
                                      offsets: offsets, dt: 1e-3)
        let single = SlantStackKernels.tauP(x, rows: nx, columns: nt, slownesses: slownesses, offsets: offsets, dt: 1e-3)
        let double = SlantStackKernels.tauP(x.map { Double($0) }, rows: nx, columns: nt, slownesses: slownesses,
                                            offsets: offsets, dt: 1e-3)
        #expect(single.map(\.bitPattern) == expected.map(\.bitPattern))
        #expect(double.map(\.bitPattern) == expected.map(\.bitPattern))
    }
}
