import CDistShims

/// The inner loops of k-means (Sources/CDistShims/dist_kmeans.c): the assignment step of Lloyd's iteration in one
/// pass over the samples — each row read once, its distances to every centre, its nearest centre and its addition
/// to that centre's sum while the row is in cache — and the features' total variance (scikit-learn's tolerance
/// scale). Samples are float64 or float32 (a chunk as it was read, widened exactly as each row is read).
public enum KMeansKernels {
    /// Nearest centres of every sample, their total squared distance and, when asked, the clusters' sums and counts.
    public struct Assignment: Sendable {
        public var labels: [Int]
        public var inertia: Double
        /// k × d, the samples of each cluster added in sample order (empty when not asked for).
        public var sums: [Double]
        public var counts: [Int]
    }

    /// Assigns each of `samples` rows of `data` (`features` values each) to the nearest of the centres (row-major
    /// k × features) by ‖x‖² − 2x·c + ‖c‖², with ‖x‖² given in `sampleNorms` and ‖c‖² in `centreNorms`; ties go to
    /// the lower centre. `singleArithmetic` (float32 samples only): the dot products in float32 with the centres
    /// rounded to float32, 16 lanes a vector — as scikit-learn computes on float32 data; sums stay float64.
    public static func assign<Sample: WindowOutput>(_ data: [Sample], samples n: Int, features d: Int,
                                                    centres: [Double], centreNorms: [Double], sampleNorms: [Double],
                                                    summing: Bool, singleArithmetic: Bool = false,
                                                    level: SlidingWindowKernels.Level = .best) -> Assignment {
        let k = centreNorms.count
        precondition(data.count == n * d && centres.count == k * d && sampleNorms.count == n && k > 0)
        var labels = [Int](repeating: 0, count: n)
        var sums = [Double](repeating: 0, count: summing ? k * d : 0)
        var counts = [Int](repeating: 0, count: k)
        let inertia = data.withUnsafeBytes { x in
            labels.withUnsafeMutableBufferPointer { labels in
                sums.withUnsafeMutableBufferPointer { sums in
                    counts.withUnsafeMutableBufferPointer { counts in
                        dist_kmeans_assign(x.baseAddress, Sample.single, n, d, centres, centreNorms, k, sampleNorms,
                                           labels.baseAddress, summing ? sums.baseAddress : nil, counts.baseAddress,
                                           singleArithmetic && Sample.single == 1 ? 1 : 0, level.rawValue)
                    }
                }
            }
        }
        return Assignment(labels: labels, inertia: inertia, sums: sums, counts: counts)
    }

    /// Σ over the features of each feature's (population) variance over the samples.
    public static func totalVariance<Sample: WindowOutput>(_ data: [Sample], samples n: Int, features d: Int) -> Double {
        precondition(data.count == n * d)
        return data.withUnsafeBytes { dist_kmeans_total_variance($0.baseAddress, Sample.single, n, d) }
    }
}
