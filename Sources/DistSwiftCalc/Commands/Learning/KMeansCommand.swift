import DistSwiftIO

/// `kmeans`: cluster labels. Without gather_uids every channel is a sample whose values along time are its features
/// (channels × 1 labels); with gather_uids every input is flattened, cut to the smallest element count S, and the
/// inputs become the features of S pixels ([g0, g1, …, in], distpy's `kmeans_clustering`) — labels in the smallest
/// input's shape. distpy's `KMeans` had no seed (labels changed from run to run; bug #27); here k-means++ starts
/// from `seed`.
public struct KMeansCommand: Command {
    public static let name = "kmeans"
    public static let summary = "k-means cluster labels of channels (or of pixels of several inputs), seeded k-means++"
    public static let details = """
        Lloyd iterations (at most 300, tolerance 1e-4 of the mean feature variance) from n_init k-means++ starts; the
        lowest inertia wins, as scikit-learn. Labels are numbers 0…k−1 whose order is arbitrary (a chunk's labels are
        not matched to another chunk's). Clusters the whole chunk and fibre at once: per chunk, whole fibre.
        """
    public static let parameters = [
        ParameterSpec("n_clusters", .integer, default: .number(10), "number of clusters k"),
        ParameterSpec("seed", .integer, default: .number(0), "seed of the k-means++ starts (same seed, same labels)"),
        ParameterSpec("n_init", .integer, default: .number(4), "number of k-means++ starts"),
    ]
    public static let gather = GatherRule.optional
    public static let accepts: Set<SignalKind> = [.timeSeries, .perChannel, .perSample, .spectrum2D]

    let clustering: KMeansClustering

    public init(_ p: ParameterValues) throws {
        let k = p.integer("n_clusters"), seed = p.integer("seed"), starts = p.integer("n_init")
        guard k >= 1 else { throw ParameterProblem("n_clusters", "is \(k) but must be at least 1") }
        guard seed >= 0 else { throw ParameterProblem("seed", "is \(seed) but must be 0 or more") }
        guard starts >= 1 else { throw ParameterProblem("n_init", "is \(starts) but must be at least 1") }
        clustering = KMeansClustering(clusters: k, seed: UInt64(seed), starts: starts)
    }

    public var channelContext: ChannelContext { .wholeFibre }
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs.count == 1 ? .perChannel : inputs[0] }

    public func outputAxes(_ inputs: [Axes]) -> Axes {
        guard inputs.count > 1 else {
            return inputs[0].replacingColumns(.labelled(.statistic, [Self.name])).unitless
        }
        return inputs.min { $0.rows.count * $0.columns.count < $1.rows.count * $1.columns.count }!.unitless
    }

    /// A float32 chunk is clustered as it is (`KMeansClustering` widens blocks of it as it reads them).
    public var acceptsPackedSignals: Bool { true }
    /// In a float32 graph the distances are computed in float32, as scikit-learn does on float32 data; the labels
    /// are written as float32 (exact).
    public var hasFloat32Kernel: Bool { true }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        if inputs.count == 1, case .singleReal(let a) = inputs[0] {
            let labels = clustering.labels(a.values, samples: a.rows, features: a.columns,
                                           singleArithmetic: context.singlePrecision)
            return context.singlePrecision
                ? .singleReal(Array2D(rows: a.rows, columns: 1, values: labels.map(Float.init)))
                : .real(Array2D(rows: a.rows, columns: 1, values: labels.map(Double.init)))
        }
        let arrays = try inputs.map { try $0.canonical().realValues(for: Self.name) }
        if arrays.count == 1 {
            let a = arrays[0]
            let labels = clustering.labels(a.values, samples: a.rows, features: a.columns)
            return context.singlePrecision
                ? .singleReal(Array2D(rows: a.rows, columns: 1, values: labels.map(Float.init)))
                : .real(Array2D(rows: a.rows, columns: 1, values: labels.map(Double.init)))
        }
        let smallest = arrays.min { $0.values.count < $1.values.count }!
        let s = smallest.values.count
        let features = Array(arrays.dropFirst()) + [arrays[0]]
        var data = [Double](repeating: 0, count: s * features.count)
        for (j, f) in features.enumerated() { for i in 0..<s { data[i * features.count + j] = f.values[i] } }
        let labels = clustering.labels(data, samples: s, features: features.count)
        return context.singlePrecision
            ? .singleReal(Array2D(rows: smallest.rows, columns: smallest.columns, values: labels.map(Float.init)))
            : .real(Array2D(rows: smallest.rows, columns: smallest.columns, values: labels.map(Double.init)))
    }
}
