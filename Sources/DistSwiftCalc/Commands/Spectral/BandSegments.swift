import DistSwiftIO

/// The bins that several sets of frequency bands cover (one set per band command reading a spectrum), cut at every
/// band edge into segments: each bin is summed once however many bands cover it, and a band's energy is the
/// difference of two cumulative sums of segment powers. The generic path (`FrequencyBand.energy`, a stored
/// spectrum) and the fused one (`ComputeBackend.spectrumSegmentPowers`, no spectrum) both get their segment powers
/// this way and turn them into energies with the same arithmetic.
struct BandSegments {
    /// Increasing bin edges: segment s is the bins edges[s] ..< edges[s + 1].
    let edges: [Int]
    /// Per set, per band: the indices into `edges` of its first and end bin (nil: the band holds no bin).
    let bands: [[(lower: Int, upper: Int)?]]

    /// The segments of `sets` in a spectrum of `n` samples at `rate`, of which bins 0 ..< `bins` are present.
    init(_ sets: [[FrequencyBand]], samples n: Int, rate: Double, bins: Int) {
        let lastBin = min(n / 2, bins - 1)
        let ranges = sets.map { set in
            set.map { $0.binRange(samples: n, rate: rate).clamped(to: 0..<(lastBin + 1)) }
        }
        let edges = Array(Set(ranges.joined().filter { !$0.isEmpty }.flatMap { [$0.lowerBound, $0.upperBound] })).sorted()
        let index = Dictionary(uniqueKeysWithValues: edges.enumerated().map { ($1, $0) })
        self.edges = edges
        bands = ranges.map { set in set.map { $0.isEmpty ? nil : (index[$0.lowerBound]!, index[$0.upperBound]!) } }
    }

    var segmentCount: Int { max(edges.count - 1, 0) }

    /// Per set, rows × bands energies (1/n) Σ w_k |X_k|² from rows × `segmentCount` weighted segment powers.
    func energies(_ powers: [Double], rows: Int, samples n: Int) -> [Array2D<Double>] {
        precondition(powers.count == rows * segmentCount, "\(powers.count) segment powers for \(rows) rows")
        var out = bands.map { [Double](repeating: 0, count: rows * $0.count) }
        // cumulative[i]: weighted power of the bins from edges[0] up to edges[i].
        var cumulative = [Double](repeating: 0, count: edges.count)
        for r in 0..<rows {
            for i in edges.indices.dropFirst() { cumulative[i] = cumulative[i - 1] + powers[r * segmentCount + i - 1] }
            for (set, bandsOfSet) in bands.enumerated() {
                for (b, band) in bandsOfSet.enumerated() {
                    guard let band else { continue }
                    out[set][r * bandsOfSet.count + b] = (cumulative[band.upper] - cumulative[band.lower]) / Double(n)
                }
            }
        }
        return zip(bands, out).map { Array2D(rows: rows, columns: $0.count, values: $1) }
    }
}
