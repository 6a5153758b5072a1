import DistSwiftNative
import Testing

/// `rescale`'s min and max (Sources/CDistShims/dist_extremes.c) against the scalar loop it replaces, bit for bit:
/// NaN skipped unless first, of +0 and −0 the first one, every vector level.
@Suite("Min and max of an array in one vectorised pass")
struct ExtremesKernelTests {
    /// The loop the kernel must equal.
    static func scalar<T: BinaryFloatingPoint>(_ x: [T]) -> (low: T, high: T) {
        var low = x[0], high = x[0]
        for v in x {
            if v < low { low = v }
            if v > high { high = v }
        }
        return (low, high)
    }

    /// `count` values from a fixed LCG in [-1, 1), with some of `specials` planted at fixed places.
    static func values<T: BinaryFloatingPoint>(_ count: Int, seed: UInt64, specials: [(Int, T)]) -> [T] {
        var state = seed
        var x: [T] = (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return T(Double(state >> 11) / Double(1 << 52) - 1)
        }
        for (place, value) in specials where place < count { x[place] = value }
        return x
    }

    static func same<T: BinaryFloatingPoint>(_ a: T, _ b: Double) -> Bool {
        let a = Double(a)
        return a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN)
    }

    static func check<T: BinaryFloatingPoint>(_ x: [T], _ kernel: ([T], SlidingWindowKernels.Level) -> (low: Double, high: Double),
                                              _ what: String) {
        let expected = scalar(x)
        for level in SlidingWindowKernels.Level.allCases {
            let got = kernel(x, level)
            #expect(same(expected.low, got.low) && same(expected.high, got.high),
                    "\(what), level \(level): \(got) against the loop's \(expected)")
        }
    }

    @Test("random values, partial vectors, NaN first and later, signed zeros as extremes, infinities")
    func againstTheLoop() {
        let lengths = [1, 2, 7, 15, 16, 17, 33, 1000, 10_001]
        let cases: [(String, [(Int, Double)])] = [
            ("plain", []),
            ("NaN later", [(3, .nan), (20, .nan), (999, .nan)]),
            ("NaN first", [(0, .nan)]),
            ("infinities", [(5, .infinity), (40, -.infinity)]),
        ]
        for n in lengths {
            for (name, specials) in cases {
                Self.check(Self.values(n, seed: UInt64(n), specials: specials.map { ($0.0, Float($0.1)) }),
                           { ElementwiseKernels.extremes($0, level: $1) }, "float32 \(name) n=\(n)")
                Self.check(Self.values(n, seed: UInt64(n), specials: specials), { ElementwiseKernels.extremes($0, level: $1) },
                           "float64 \(name) n=\(n)")
            }
            // Zero as the minimum (all other values positive) and as the maximum (all negative), both signs present:
            // the loop keeps the zero that comes first.
            for (first, second) in [(0.0, -0.0), (-0.0, 0.0)] {
                let positive: [Double] = Self.values(n, seed: 3, specials: []).map { abs($0) + 1 }
                var x = positive
                x[n / 3] = first
                if n > 1 { x[n - 1] = second }
                Self.check(x.map(Float.init), { ElementwiseKernels.extremes($0, level: $1) }, "float32 zero minimum n=\(n)")
                Self.check(x, { ElementwiseKernels.extremes($0, level: $1) }, "float64 zero minimum n=\(n)")
                let negative = x.map { $0 == 0 ? $0 : -$0 }
                Self.check(negative, { ElementwiseKernels.extremes($0, level: $1) }, "float64 zero maximum n=\(n)")
                Self.check(negative.map(Float.init), { ElementwiseKernels.extremes($0, level: $1) },
                           "float32 zero maximum n=\(n)")
            }
        }
        #expect(ElementwiseKernels.extremes([Float]()) == (0, 0))
    }
}
