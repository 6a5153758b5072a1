import DistSwiftIO
import DistSwiftNative

/// Lloyd's k-means with k-means++ seeding from a seeded generator, best of several starts by inertia — the method
/// of scikit-learn's `KMeans` (its labels agree up to renumbering wherever the clusters are well separated).
/// Distances use ‖x‖² − 2x·c + ‖c‖²: x·c of the seeding from BLAS products, the iterations' from one fused pass
/// over the chunk (KMeansKernels).
struct KMeansClustering: Sendable {
    let clusters: Int
    let seed: UInt64
    let starts: Int
    let maxIterations = 300
    let tolerance = 1e-4

    /// Labels 0..<k of the `n` samples (rows of `data`, `features` values each). Float32 samples (a float32 chunk)
    /// are read as they are: the seeding's products widen a block of rows at a time and each iteration one row at a
    /// time into a scratch that stays in cache, so the chunk is never copied whole to float64 (on one chunk per process that copy's fresh pages cost a quarter
    /// of the run). Widening is exact, so the arithmetic is the float64 path's.
    /// `singleArithmetic` (float32 samples only): the iterations' distances in float32, as scikit-learn computes
    /// on float32 data.
    func labels<T: KMeansSample>(_ data: [T], samples n: Int, features d: Int, singleArithmetic: Bool = false) -> [Int] {
        precondition(data.count == n * d)
        guard n > 0, d > 0 else { return [Int](repeating: 0, count: n) }
        let k = min(clusters, n)
        var generator = SplitMix64(seed: seed)
        let norms = (0..<n).map { i in T.squaredNorm(data, (i * d)..<((i + 1) * d)) }
        // scikit-learn's tolerance is relative to the mean variance of the features.
        let variance = KMeansKernels.totalVariance(data, samples: n, features: d)
        let threshold = tolerance * variance / Double(d)
        var best: (inertia: Double, labels: [Int]) = (.infinity, [])
        for _ in 0..<max(1, starts) {
            var centres = seeding(data, n: n, d: d, k: k, norms: norms, generator: &generator)
            var labels = [Int](repeating: 0, count: n)
            var inertia = 0.0
            for _ in 0..<maxIterations {
                let pass = assign(data, n: n, d: d, k: k, norms: norms, centres: centres, summing: true,
                                  single: singleArithmetic)
                (labels, inertia) = (pass.labels, pass.inertia)
                let (sums, counts) = (pass.sums, pass.counts)
                var shift = 0.0
                for c in 0..<k where counts[c] > 0 {
                    for j in 0..<d {
                        let updated = sums[c * d + j] / Double(counts[c])
                        shift += (updated - centres[c * d + j]) * (updated - centres[c * d + j])
                        centres[c * d + j] = updated
                    }
                }
                if shift <= threshold { break }
            }
            let last = assign(data, n: n, d: d, k: k, norms: norms, centres: centres, summing: false,
                              single: singleArithmetic)
            (labels, inertia) = (last.labels, last.inertia)
            if inertia < best.inertia { best = (inertia, labels) }
        }
        return best.labels
    }

    /// k-means++: the first centre uniformly, each next one with probability proportional to the squared distance
    /// to the nearest centre chosen so far.
    private func seeding<T: KMeansSample>(_ data: [T], n: Int, d: Int, k: Int, norms: [Double],
                                          generator: inout SplitMix64) -> [Double] {
        var centres: [Double] = []
        let first = Int(generator.nextUnit() * Double(n)) % n
        centres += data[(first * d)..<((first + 1) * d)].map(Double.init)
        var nearest = squaredDistances(data, n: n, d: d, norms: norms, to: centres, 0)
        for _ in 1..<k {
            let total = nearest.reduce(0, +)
            var pick = n - 1
            if total > 0 {
                var target = generator.nextUnit() * total
                for i in 0..<n {
                    target -= nearest[i]
                    if target <= 0 { pick = i; break }
                }
            } else {
                pick = Int(generator.nextUnit() * Double(n)) % n
            }
            let c = centres.count / d
            centres += data[(pick * d)..<((pick + 1) * d)].map(Double.init)
            let distances = squaredDistances(data, n: n, d: d, norms: norms, to: centres, c)
            for i in 0..<n { nearest[i] = min(nearest[i], distances[i]) }
        }
        return centres
    }

    /// ‖x_i − c‖² of every sample to centre `c`, as ‖x‖² − 2x·c + ‖c‖² with x·c from one BLAS product (as
    /// scikit-learn's k-means++): a direct Σ(x − c)² per sample was a chain of 10 M dependent additions per centre
    /// on a 1000 × 10,000 chunk.
    private func squaredDistances<T: KMeansSample>(_ data: [T], n: Int, d: Int, norms: [Double],
                                                   to centres: [Double], _ c: Int) -> [Double] {
        let centre = Array(centres[(c * d)..<((c + 1) * d)])
        let products = T.product(data, centre, m: n, k: d, n: 1)
        let centreNorm = BLAS.sumOfSquares(centre, 0..<d)
        return (0..<n).map { i in max(0, norms[i] - 2 * products[i] + centreNorm) }
    }

    /// Nearest centre of every sample, the total squared distance and, when `summing`, the sum (k × d, samples in
    /// order) and count of the samples of each cluster: one pass over the chunk (KMeansKernels, in C).
    private func assign<T: KMeansSample>(_ data: [T], n: Int, d: Int, k: Int, norms: [Double], centres: [Double],
                                         summing: Bool, single: Bool) -> KMeansKernels.Assignment {
        let centreNorms = (0..<k).map { c in BLAS.sumOfSquares(centres, (c * d)..<((c + 1) * d)) }
        return KMeansKernels.assign(data, samples: n, features: d, centres: centres, centreNorms: centreNorms,
                                    sampleNorms: norms, summing: summing, singleArithmetic: single)
    }
}

/// The sample types k-means reads (float64 values, a float32 chunk) and the BLAS calls for each.
protocol KMeansSample: WindowOutput, SendableMetatype {
    /// Σ x² over `range`, in float64.
    static func squaredNorm(_ values: [Self], _ range: Range<Int>) -> Double
    /// A (m×k, these values) · B (k×n), in float64.
    static func product(_ a: [Self], _ b: [Double], m: Int, k: Int, n: Int) -> [Double]
}

extension Double: KMeansSample {
    static func squaredNorm(_ values: [Double], _ range: Range<Int>) -> Double { BLAS.sumOfSquares(values, range) }
    static func product(_ a: [Double], _ b: [Double], m: Int, k: Int, n: Int) -> [Double] {
        BLAS.multiply(a, b, m: m, k: k, n: n)
    }
}

extension Float: KMeansSample {
    static func squaredNorm(_ values: [Float], _ range: Range<Int>) -> Double { BLAS.sumOfSquares(values, range) }
    static func product(_ a: [Float], _ b: [Double], m: Int, k: Int, n: Int) -> [Double] {
        BLAS.multiply(a, b, m: m, k: k, n: n)
    }
}
