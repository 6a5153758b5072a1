import DistSwiftNative
import Foundation
import Testing

/// The C k-means kernels (dist_kmeans.c) against direct computations, at every dispatch level: dot products over
/// rows shorter and longer than a vector, a last group of fewer than four centres, float32 samples.
@Suite("k-means kernels (C, every dispatch level)")
struct KMeansKernelTests {
    /// n × d values on a grid of 1/8 (exact in float32, so the float32 path must give the float64 path's bits).
    static func values(_ count: Int, seed: UInt64) -> [Double] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(Int(state >> 33) % 800) / 8 - 50
        }
    }

    @Test("nearest centres, inertia, sums and counts equal a direct computation; levels and float32 agree bit for bit")
    func assignment() {
        for (n, d, k) in [(1, 1, 1), (7, 3, 2), (40, 17, 5), (33, 64, 10), (25, 9, 4), (12, 200, 7)] {
            let x = Self.values(n * d, seed: UInt64(n * 100 + d))
            let centres = Self.values(k * d, seed: UInt64(k + 7))
            let norms = (0..<n).map { i in (0..<d).reduce(0.0) { $0 + x[i * d + $1] * x[i * d + $1] } }
            let centreNorms = (0..<k).map { c in (0..<d).reduce(0.0) { $0 + centres[c * d + $1] * centres[c * d + $1] } }
            // Direct: Σ (x − c)² per sample and centre, the smallest (first on ties).
            var labels = [Int](repeating: 0, count: n), inertia = 0.0
            var sums = [Double](repeating: 0, count: k * d), counts = [Int](repeating: 0, count: k)
            for i in 0..<n {
                let distances = (0..<k).map { c in (0..<d).reduce(0.0) { $0 + pow(x[i * d + $1] - centres[c * d + $1], 2) } }
                let best = distances.indices.min { distances[$0] < distances[$1] }!
                labels[i] = best
                inertia += distances[best]
                counts[best] += 1
                for j in 0..<d { sums[best * d + j] += x[i * d + j] }
            }
            let reference = KMeansKernels.assign(x, samples: n, features: d, centres: centres, centreNorms: centreNorms,
                                                 sampleNorms: norms, summing: true)
            #expect(reference.labels == labels, "\(n)×\(d), k \(k)")
            #expect(abs(reference.inertia - inertia) <= 1e-9 * max(1, inertia), "\(reference.inertia) vs \(inertia)")
            #expect(reference.sums == sums && reference.counts == counts, "sums add the exact grid values in order")
            for level in SlidingWindowKernels.Level.allCases {
                for summing in [true, false] {
                    let y = KMeansKernels.assign(x, samples: n, features: d, centres: centres, centreNorms: centreNorms,
                                                 sampleNorms: norms, summing: summing, level: level)
                    let y32 = KMeansKernels.assign(x.map { Float($0) }, samples: n, features: d, centres: centres,
                                                   centreNorms: centreNorms, sampleNorms: norms, summing: summing,
                                                   level: level)
                    for a in [y, y32] {
                        #expect(a.labels == reference.labels && a.inertia.bitPattern == reference.inertia.bitPattern,
                                "level \(level)")
                        #expect(a.sums == (summing ? reference.sums : []) && a.counts == (summing ? counts : Array(repeating: 0, count: k)))
                    }
                }
            }
        }
    }

    @Test("float32 arithmetic: the same nearest centres on separated clusters, inertia to float32 precision, every level alike")
    func singleArithmetic() {
        let (n, d, k) = (41, 70, 6)
        let centres = (0..<(k * d)).map { i in Double((i / d) * 10) + Double(i % 5) }
        let noise = Self.values(n * d, seed: 9)
        let x = (0..<(n * d)).map { i in centres[((i / d) % k) * d + i % d] + noise[i] / 50 }
        let norms = (0..<n).map { i in (0..<d).reduce(0.0) { $0 + x[i * d + $1] * x[i * d + $1] } }
        let centreNorms = (0..<k).map { c in (0..<d).reduce(0.0) { $0 + centres[c * d + $1] * centres[c * d + $1] } }
        let single = x.map { Float($0) }
        let double = KMeansKernels.assign(single, samples: n, features: d, centres: centres, centreNorms: centreNorms,
                                          sampleNorms: norms, summing: true)
        #expect(double.labels == (0..<n).map { $0 % k })
        var levels: [KMeansKernels.Assignment] = []
        for level in SlidingWindowKernels.Level.allCases {
            let a = KMeansKernels.assign(single, samples: n, features: d, centres: centres, centreNorms: centreNorms,
                                         sampleNorms: norms, summing: true, singleArithmetic: true, level: level)
            #expect(a.labels == double.labels && a.sums == double.sums && a.counts == double.counts, "level \(level)")
            // ‖x‖² − 2x·c + ‖c‖² cancels: the error is float32's on x·c (~1e-7 of ‖x‖‖c‖), not of the distance.
            #expect(abs(a.inertia - double.inertia) <= 1e-5 * norms.reduce(0, +), "\(a.inertia) vs \(double.inertia)")
            levels.append(a)
        }
        #expect(levels.allSatisfy { $0.inertia.bitPattern == levels[0].inertia.bitPattern }, "levels agree bit for bit")
    }

    @Test("total variance: the sum of the features' population variances (numpy's x.var(axis=0).sum())")
    func variance() {
        let (n, d) = (50, 13)
        let x = Self.values(n * d, seed: 3)
        var expected = 0.0
        for j in 0..<d {
            let column = (0..<n).map { x[$0 * d + j] }
            let mean = column.reduce(0, +) / Double(n)
            expected += column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)
        }
        #expect(abs(KMeansKernels.totalVariance(x, samples: n, features: d) - expected) <= 1e-12 * expected)
        #expect(KMeansKernels.totalVariance(x.map { Float($0) }, samples: n, features: d)
                == KMeansKernels.totalVariance(x, samples: n, features: d))
        #expect(KMeansKernels.totalVariance([Double](), samples: 0, features: 4) == 0)
    }
}
