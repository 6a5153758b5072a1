/// Where a chunk sits in its recording and what the engine read around it: the chunk's samples and the extended
/// range (chunk plus the time halo that the neighbouring chunks could give), both as sample indices counted from
/// the start of the contiguous segment the chunk belongs to. At the ends of the store and at a gap the extended
/// range simply stops, so commands there do what they do at the edge of a monolithic record.
public struct ChunkFrame: Sendable, Equatable {
    /// UTC ns of the segment's first sample.
    public var segmentOriginNs: Int64
    public var rateHz: Double
    /// The chunk's samples.
    public var samples: Range<Int>
    /// The samples read: `samples` plus the halo available on each side.
    public var extended: Range<Int>
    /// Channel positions of the whole chunk (metres).
    public var positions: [Double]
    /// Units of the stored values.
    public var units: String

    public init(segmentOriginNs: Int64, rateHz: Double, samples: Range<Int>, extended: Range<Int>? = nil,
                positions: [Double], units: String = "") {
        self.segmentOriginNs = segmentOriginNs
        self.rateHz = rateHz
        self.samples = samples
        self.extended = extended ?? samples
        self.positions = positions
        self.units = units
    }

    /// A chunk on its own: a segment of `samples` samples starting at `startTimeNs`, nothing read around it.
    public static func alone(startTimeNs: Int64, rateHz: Double, samples: Int, positions: [Double],
                             units: String = "") -> ChunkFrame {
        ChunkFrame(segmentOriginNs: startTimeNs, rateHz: rateHz, samples: 0..<samples, positions: positions,
                   units: units)
    }

    public var channels: Int { positions.count }

    /// The window times (base sample indices) whose windows this chunk's outputs keep: the chunk's samples, open
    /// below at the start of a segment (sample 0) and open above where nothing follows it (the extended range ends
    /// with the chunk), so windows a transform centres beyond a record's ends (DASCore's padded stft) belong to
    /// its first and last chunks, as they belong to the monolithic record.
    public var windowsOwned: Range<Int> {
        let open = 1 << 50  // ~10¹⁵ samples: beyond any record, and safe to rescale to another rate
        return (samples.lowerBound == 0 ? -open : samples.lowerBound)
            ..< (extended.upperBound == samples.upperBound ? open : samples.upperBound)
    }

    /// The axes of rows `channels` of the extended data.
    public func axes(channels: Range<Int>) -> Axes {
        Axes.chunk(positions: positions, channels: channels, segmentOriginNs: segmentOriginNs, rateHz: rateHz,
                   firstSample: extended.lowerBound, samples: extended.count, units: units)
    }
}
