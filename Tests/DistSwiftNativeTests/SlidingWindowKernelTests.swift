import DistSwiftNative
import Foundation
import Testing

/// The C sliding-window kernels (dist_sliding.c) against direct per-window computations, at every dispatch level:
/// odd and even widths, windows longer than the row, rows shorter than a vector, float32 input and output.
@Suite("sliding-window kernels (C, every dispatch level)")
struct SlidingWindowKernelTests {
    typealias K = SlidingWindowKernels

    /// rows × n values k/7 − 60 (exact in float32 for the float32 comparisons), seeded.
    static func values(rows: Int, n: Int, seed: UInt64) -> [Double] {
        var state = seed
        return (0..<(rows * n)).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(Int(state >> 33) % 1000) / 8 - 60
        }
    }

    /// (rows, n, lower, upper): short rows, odd widths, windows longer than the row, the vector tail.
    static let shapes: [(Int, Int, Int, Int)] = [
        (1, 1, 0, 0), (3, 7, -2, 2), (5, 17, 0, 4), (2, 33, -16, 3), (4, 64, -1, 0), (3, 50, -30, 29),
        (2, 9, -20, 15), (6, 101, 0, 49), (1, 1000, -100, 99),
    ]

    static func reference(_ x: [Double], _ rows: Int, _ n: Int, _ lower: Int, _ upper: Int,
                          _ statistic: ([Double]) -> Double) -> [Double] {
        var out = [Double](repeating: 0, count: rows * n)
        for r in 0..<rows {
            for t in 0..<n {
                let a = max(0, t + lower), b = min(n - 1, t + upper)
                out[r * n + t] = a <= b ? statistic(Array(x[(r * n + a)...(r * n + b)])) : 0
            }
        }
        return out
    }

    /// DASCore's rolling windows directly: the statistic of [t − before, t + after] at t = first, first + step, …
    /// (NaN where the window is not whole, or where `statistic` gives nil).
    static func rollingReference(_ x: [Double], _ rows: Int, _ n: Int, before: Int, after: Int, first: Int, step: Int,
                                 _ statistic: (ArraySlice<Double>) -> Double?) -> [Double] {
        let m = RollingKernels.outputCount(columns: n, first: first, step: step)
        var expected = [Double](repeating: .nan, count: rows * m)
        for r in 0..<rows {
            for k in 0..<m {
                let t = first + k * step
                guard t - before >= 0, t + after < n else { continue }
                expected[r * m + k] = statistic(x[(r * n + t - before)...(r * n + t + after)]) ?? .nan
            }
        }
        return expected
    }

    static func close(_ a: [Double], _ b: [Double], _ tolerance: Double) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * (1 + abs($1)) }
    }

    @Test("running means equal direct window means; levels and float32 paths agree bit for bit")
    func means() {
        for (i, (rows, n, lower, upper)) in Self.shapes.enumerated() {
            let x = Self.values(rows: rows, n: n, seed: UInt64(i))
            let expected = Self.reference(x, rows, n, lower, upper) { $0.reduce(0, +) / Double($0.count) }
            let best: [Double] = K.means(.double(x), rows: rows, columns: n, lower: lower, upper: upper)
            #expect(Self.close(best, expected, 1e-12), "\(rows)×\(n) [\(lower), \(upper)]")
            for level in K.Level.allCases {
                let y: [Double] = K.means(.double(x), rows: rows, columns: n, lower: lower, upper: upper, level: level)
                let y32: [Double] = K.means(.single(x.map { Float($0) }), rows: rows, columns: n, lower: lower,
                                            upper: upper, level: level)
                let f: [Float] = K.means(.single(x.map { Float($0) }), rows: rows, columns: n, lower: lower,
                                         upper: upper, as: Float.self, level: level)
                #expect(y == best && y32 == best, "level \(level)")
                #expect(f == best.map { Float($0) }, "level \(level)")
                // Over its own input (short windows summed from a copy of the row, long ones from prefix sums).
                var inPlace = x
                K.meansInPlace(&inPlace, rows: rows, columns: n, lower: lower, upper: upper, level: level)
                var inPlace32 = x.map { Float($0) }
                K.meansInPlace(&inPlace32, rows: rows, columns: n, lower: lower, upper: upper, level: level)
                #expect(inPlace == best && inPlace32 == f, "in place, level \(level), [\(lower), \(upper)]")
            }
        }
    }

    @Test("running maxima and minima are exact; a window holding a NaN gives NaN")
    func extrema() {
        for (i, (rows, n, lower, upper)) in Self.shapes.enumerated() {
            var x = Self.values(rows: rows, n: n, seed: UInt64(10 + i))
            for largest in [true, false] {
                let expected = Self.reference(x, rows, n, lower, upper) { largest ? $0.max()! : $0.min()! }
                for level in K.Level.allCases {
                    let y: [Double] = K.extrema(.double(x), rows: rows, columns: n, lower: lower, upper: upper,
                                                largest: largest, level: level)
                    let f: [Float] = K.extrema(.single(x.map { Float($0) }), rows: rows, columns: n, lower: lower,
                                               upper: upper, largest: largest, as: Float.self, level: level)
                    #expect(y == expected, "\(rows)×\(n) [\(lower), \(upper)] level \(level)")
                    #expect(f.map { Double($0) } == expected)
                }
            }
            // A NaN in the last row, at the end (the vector tail) or in the middle.
            let at = rows * n - 1 - (i % 2) * (n / 2)
            x[at] = .nan
            let y = K.extrema(x, rows: rows, columns: n, lower: lower, upper: upper, largest: true)
            let row = at / n
            for t in 0..<n {
                let inWindow = (max(0, t + lower)...min(n - 1, t + upper)).contains(at - row * n)
                #expect(y[row * n + t].isNaN == inWindow, "NaN at \(at), t \(t)")
            }
        }
    }

    @Test("largest range (peak_to_peak) equals max − min over the windows; NaN windows left out")
    func largestRange() {
        for (i, (rows, n, lower, upper)) in Self.shapes.enumerated() {
            var x = Self.values(rows: rows, n: n, seed: UInt64(20 + i))
            if i % 3 == 0 { x[0] = .nan }
            var expected = [Double](repeating: 0, count: rows)
            for r in 0..<rows {
                for t in 0..<n {
                    let w = x[(r * n + max(0, t + lower))...(r * n + min(n - 1, t + upper))]
                    if w.contains(where: \.isNaN) { continue }
                    expected[r] = max(expected[r], w.max()! - w.min()!)
                }
            }
            for level in K.Level.allCases {
                #expect(K.largestRange(.double(x), rows: rows, columns: n, lower: lower, upper: upper,
                                       level: level) == expected, "\(rows)×\(n) level \(level)")
            }
        }
    }

    @Test("STA/LTA (distpy's, fixed) and DASCore's trailing ratio equal direct window means")
    func ratios() {
        for (i, (rows, n, sta, lta)) in [(3, 40, 3, 7), (2, 100, 10, 40), (4, 9, 5, 20), (1, 1000, 50, 200),
                                         (2, 33, 1, 1)].enumerated() {
            let x = Self.values(rows: rows, n: n, seed: UInt64(30 + i))
            var expected = [Double](repeating: 0, count: rows * n)
            var trailing = [Double](repeating: .nan, count: rows * n)
            let long = max(lta, sta + 1)
            for r in 0..<rows {
                let row = Array(x[(r * n)..<((r + 1) * n)])
                for t in 0..<n {
                    if t >= lta {
                        let l = row[(t - lta)..<t].map { $0 * $0 }.reduce(0, +) / Double(lta)
                        let s = row[t..<min(n, t + sta)].map { $0 * $0 }.reduce(0, +) / Double(min(n, t + sta) - t)
                        expected[r * n + t] = l > 0 ? s / l : 0
                    }
                    if t >= long - 1 {
                        let s = row[(t - sta + 1)...t].reduce(0, +) / Double(sta)
                        let l = row[(t - long + 1)...t].reduce(0, +) / Double(long)
                        trailing[r * n + t] = s / l
                    }
                }
            }
            for level in K.Level.allCases {
                let y: [Double] = K.staLta(.double(x), rows: rows, columns: n, sta: sta, lta: lta, level: level)
                let y32: [Double] = K.staLta(.single(x.map { Float($0) }), rows: rows, columns: n, sta: sta, lta: lta,
                                             level: level)
                #expect(Self.close(y, expected, 1e-9) && y32 == y, "\(rows)×\(n) sta \(sta) lta \(lta) \(level)")
                let z: [Double] = K.trailingMeanRatio(.double(x), rows: rows, columns: n, short: sta, long: long,
                                                      level: level)
                // The trailing means of signed data can nearly cancel: compare the means' difference to the values'
                // scale (60), not to the ratio.
                let ok = zip(z, trailing).allSatisfy { a, b in
                    (a.isNaN && b.isNaN) || abs(a - b) <= 1e-9 * (1 + abs(b)) || abs(1 / a - 1 / b) < 1e-9
                }
                #expect(ok, "trailing \(rows)×\(n) \(sta)/\(long) \(level)")
            }
        }
    }

    @Test("rolling mean, std, max and min at every step-th sample, whole windows only (NaN elsewhere), in C")
    func rolling() {
        for (i, (rows, n, before, after, first, step)) in [(2, 50, 3, 2, 0, 1), (3, 101, 50, 49, 0, 50),
                                                            (2, 64, 4, 4, 2, 3), (1, 30, 20, 20, 0, 1),
                                                            (2, 200, 7, 8, 5, 16), (2, 333, 50, 49, 1, 7)].enumerated() {
            let x = Self.values(rows: rows, n: n, seed: UInt64(40 + i))
            for statistic in [RollingKernels.Statistic.mean, .max, .min, .std] {
                let expected = Self.rollingReference(x, rows, n, before: before, after: after, first: first,
                                                     step: step) { w -> Double in
                    let mean = w.reduce(0, +) / Double(w.count)
                    return switch statistic {
                    case .mean: mean
                    case .std: sqrt(w.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(w.count))
                    case .max: w.max()!
                    default: w.min()!
                    }
                }
                for level in K.Level.allCases {
                    for input in [K.Rows.double(x), .single(x.map { Float($0) })] {
                        let y = RollingKernels.rolling(input, rows: rows, columns: n, before: before, after: after,
                                                       first: first, step: step, statistic: statistic, level: level)
                        let ok = y.count == expected.count && zip(y, expected).allSatisfy { a, b in
                            (a.isNaN && b.isNaN) || abs(a - b) <= 1e-11 * (1 + abs(b))
                        }
                        #expect(ok, "\(statistic) \(rows)×\(n) [\(before), \(after)] step \(step) \(level)")
                    }
                }
            }
        }
    }

    @Test("stepped rolling medians by selection (AVX-512 compress where there is one) equal sorted windows exactly")
    func steppedRollingMedians() {
        // Odd and even windows from 2 to 150 at steps of 8 and more (selection, not the sliding sorted window),
        // values with many ties (quantised), a NaN in some windows, float64 and float32 rows, every level.
        for (i, (rows, n, before, after, first, step)) in [(3, 400, 50, 49, 0, 50), (2, 300, 1, 0, 3, 8),
                                                            (2, 500, 75, 74, 10, 60), (3, 257, 20, 20, 1, 9),
                                                            (2, 160, 3, 3, 0, 8), (1, 600, 64, 63, 5, 100)].enumerated() {
            var x = Self.values(rows: rows, n: n, seed: UInt64(70 + i)).map { ($0 * 8).rounded() / 8 }
            if i % 2 == 0 { x[n / 2] = .nan }
            let expected = Self.rollingReference(x, rows, n, before: before, after: after, first: first,
                                                 step: step) { w -> Double? in
                guard !w.contains(where: \.isNaN) else { return nil }
                let s = w.sorted(), k = s.count / 2
                return s.count % 2 == 1 ? s[k] : 0.5 * (s[k - 1] + s[k])
            }
            for level in K.Level.allCases {
                for input in [K.Rows.double(x), .single(x.map { Float($0) })] {
                    let y = RollingKernels.rolling(input, rows: rows, columns: n, before: before, after: after,
                                                   first: first, step: step, statistic: .median, level: level)
                    let same = y.count == expected.count && zip(y, expected).allSatisfy { a, b in
                        (a.isNaN && b.isNaN) || a.bitPattern == b.bitPattern
                    }
                    #expect(same, "\(rows)×\(n) [\(before), \(after)] step \(step) \(level)")
                }
            }
        }
    }

    @Test("small medians (scipy median_filter, mode reflect) by sorting networks equal sorted windows")
    func smallMedians() {
        func reflect(_ i: Int, _ n: Int) -> Int {
            let period = 2 * n
            let k = ((i % period) + period) % period
            return k >= n ? period - 1 - k : k
        }
        for (i, (rows, n, height, width)) in [(4, 21, 1, 5), (7, 19, 5, 1), (3, 2, 1, 7), (2, 30, 1, 9), (9, 3, 9, 1),
                                              (5, 17, 2, 3), (6, 33, 1, 4), (1, 1, 1, 5), (6, 40, 3, 5), (7, 12, 5, 3),
                                              (4, 20, 1, 15), (3, 18, 2, 7)].enumerated() {
            let x = Self.values(rows: rows, n: n, seed: UInt64(50 + i))
            var expected = [Double](repeating: 0, count: rows * n)
            for r in 0..<rows {
                for t in 0..<n {
                    var w: [Double] = []
                    for j in 0..<height {
                        for b in 0..<width {
                            w.append(x[reflect(r + j - height / 2, rows) * n + reflect(t + b - width / 2, n)])
                        }
                    }
                    expected[r * n + t] = w.sorted()[w.count / 2]
                }
            }
            for level in K.Level.allCases {
                #expect(K.median(x, rows: rows, columns: n, height: height, width: width, level: level) == expected,
                        "\(rows)×\(n) window \(height)×\(width) \(level)")
            }
        }
    }

    @Test("rolling medians of kept windows by selection equal numpy's median (odd and even windows)")
    func rollingMedians() {
        for (i, (rows, n, before, after, first, step)) in [(2, 400, 50, 49, 0, 50), (3, 101, 3, 3, 1, 9),
                                                            (2, 64, 10, 9, 4, 20)].enumerated() {
            var x = Self.values(rows: rows, n: n, seed: UInt64(60 + i))
            x[n + 5] = .nan  // the second row's first windows hold a NaN: numpy's median is NaN there
            let expected = Self.rollingReference(x, rows, n, before: before, after: after, first: first,
                                                 step: step) { w -> Double? in
                if w.contains(where: \.isNaN) { return nil }
                let sorted = w.sorted(), c = sorted.count
                return c % 2 == 1 ? sorted[c / 2] : 0.5 * (sorted[c / 2 - 1] + sorted[c / 2])
            }
            let y = RollingKernels.rolling(.double(x), rows: rows, columns: n, before: before, after: after,
                                           first: first, step: step, statistic: .median)
            #expect(y.count == expected.count && zip(y, expected).allSatisfy { ($0.isNaN && $1.isNaN) || $0 == $1 },
                    "\(rows)×\(n) step \(step)")
        }
    }

    @Test("the dispatch levels resolve to vector widths this processor has")
    func levels() {
        #expect(K.Level.baseline.vectorBits == 128)
        #expect(K.Level.avx2.vectorBits <= 256 && K.Level.best.vectorBits >= K.Level.avx2.vectorBits)
    }
}
