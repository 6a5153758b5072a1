import DistSwiftIO
import DistSwiftNative

/// Lloyd's k-means with k-means++ seeding from a seeded generator, best of several starts by inertia — the method
/// of scikit-learn's `KMeans` (its labels agree up to renumbering wherever the clusters are well separated).
/// Distances use ‖x‖² − 2x·c + ‖c‖² with x·c from one BLAS matrix product per iteration.
struct KMeansClustering: Sendable {
    let clusters: Int
    let seed: UInt64
    let starts: Int
    let maxIterations = 300
    let tolerance = 1e-4

    /// Labels 0..<k of the `n` samples (rows of `data`, `features` values each).
    func labels(_ data: [Double], samples n: Int, features d: Int) -> [Int] {
        precondition(data.count == n * d)
        guard n > 0, d > 0 else { return [Int](repeating: 0, count: n) }
        let k = min(clusters, n)
        var generator = SplitMix64(seed: seed)
        let norms = (0..<n).map { i in (0..<d).reduce(0.0) { $0 + data[i * d + $1] * data[i * d + $1] } }
        // scikit-learn's tolerance is relative to the mean variance of the features.
        // Row by row (each feature's sums still in sample order): a column at a time strode through the whole
        // chunk once per feature.
        var mean = [Double](repeating: 0, count: d), squares = [Double](repeating: 0, count: d)
        for i in 0..<n { for j in 0..<d { mean[j] += data[i * d + j] } }
        for j in 0..<d { mean[j] /= Double(n) }
        for i in 0..<n {
            for j in 0..<d {
                let deviation = data[i * d + j] - mean[j]
                squares[j] += deviation * deviation
            }
        }
        var variance = 0.0
        for j in 0..<d { variance += squares[j] / Double(n) }
        let threshold = tolerance * variance / Double(d)
        var best: (inertia: Double, labels: [Int]) = (.infinity, [])
        for _ in 0..<max(1, starts) {
            var centres = seeding(data, n: n, d: d, k: k, norms: norms, generator: &generator)
            var labels = [Int](repeating: 0, count: n)
            var inertia = 0.0
            for _ in 0..<maxIterations {
                (labels, inertia) = assign(data, n: n, d: d, k: k, norms: norms, centres: centres)
                var sums = [Double](repeating: 0, count: k * d), counts = [Int](repeating: 0, count: k)
                for i in 0..<n {
                    counts[labels[i]] += 1
                    for j in 0..<d { sums[labels[i] * d + j] += data[i * d + j] }
                }
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
            (labels, inertia) = assign(data, n: n, d: d, k: k, norms: norms, centres: centres)
            if inertia < best.inertia { best = (inertia, labels) }
        }
        return best.labels
    }

    /// k-means++: the first centre uniformly, each next one with probability proportional to the squared distance
    /// to the nearest centre chosen so far.
    private func seeding(_ data: [Double], n: Int, d: Int, k: Int, norms: [Double],
                         generator: inout SplitMix64) -> [Double] {
        var centres: [Double] = []
        let first = Int(generator.nextUnit() * Double(n)) % n
        centres += data[(first * d)..<((first + 1) * d)]
        var nearest = (0..<n).map { i in squaredDistance(data, i, centres, 0, d) }
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
            centres += data[(pick * d)..<((pick + 1) * d)]
            for i in 0..<n { nearest[i] = min(nearest[i], squaredDistance(data, i, centres, c, d)) }
        }
        return centres
    }

    private func squaredDistance(_ data: [Double], _ i: Int, _ centres: [Double], _ c: Int, _ d: Int) -> Double {
        var s = 0.0
        for j in 0..<d {
            let diff = data[i * d + j] - centres[c * d + j]
            s += diff * diff
        }
        return s
    }

    /// Nearest centre of every sample and the total squared distance.
    private func assign(_ data: [Double], n: Int, d: Int, k: Int, norms: [Double], centres: [Double])
        -> ([Int], Double)
    {
        let transposed = Transpose.transposed(centres, rows: k, columns: d)
        let products = BLAS.multiply(data, transposed, m: n, k: d, n: k)
        let centreNorms = (0..<k).map { c in (0..<d).reduce(0.0) { $0 + centres[c * d + $1] * centres[c * d + $1] } }
        var labels = [Int](repeating: 0, count: n)
        var inertia = 0.0
        for i in 0..<n {
            var best = Double.infinity
            for c in 0..<k {
                let distance = norms[i] - 2 * products[i * k + c] + centreNorms[c]
                if distance < best { (best, labels[i]) = (distance, c) }
            }
            inertia += max(0, best)
        }
        return (labels, inertia)
    }
}

