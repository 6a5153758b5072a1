import DistSwiftNative

/// Where each chunk of a store sits in time: the contiguous recording segment it belongs to (chunks that follow one
/// another without a gap, across source files) and its first sample's index in that segment. The engine reads a
/// chunk's time halo from its neighbours in the same segment only; at a gap or an end of the store it stops, so
/// each side of a gap is processed like the edge of a separate record.
public struct ChunkTimeline: Sendable {
    public struct Placement: Sendable, Equatable {
        /// Index of the segment's first chunk in `ChunkStore.chunks`.
        public let segmentStart: Int
        /// UTC ns of the segment's first sample.
        public let segmentOriginNs: Int64
        /// Index of the chunk's first sample in its segment.
        public let firstSample: Int
    }

    public let placements: [Placement]
    /// For each chunk, the index just past the last chunk of its segment (worked out once: a day of 1-s chunks
    /// is one segment of 86,400 chunks, and every task asks).
    private let segmentEnds: [Int]

    /// Chunks continue a segment when they start where the previous one ends, to half a sample.
    public init(chunks: [ChunkRecord], samplingRateHz: Double) {
        let period = 1e9 / samplingRateHz
        var placements: [Placement] = []
        for (i, chunk) in chunks.enumerated() {
            if let previous = placements.last, i > 0 {
                let before = chunks[i - 1]
                let origin = previous.segmentOriginNs
                let expected = origin + Int64((Double(previous.firstSample + before.samples) * period).rounded())
                if Double(abs(chunk.startTimeNs - expected)) <= period / 2 {
                    placements.append(Placement(segmentStart: previous.segmentStart, segmentOriginNs: origin,
                                                firstSample: previous.firstSample + before.samples))
                    continue
                }
            }
            placements.append(Placement(segmentStart: i, segmentOriginNs: chunk.startTimeNs, firstSample: 0))
        }
        self.placements = placements
        var ends = [Int](repeating: placements.count, count: placements.count)
        var end = placements.count
        for i in placements.indices.reversed() {
            if i + 1 < placements.count && placements[i + 1].segmentStart != placements[i].segmentStart { end = i + 1 }
            ends[i] = end
        }
        segmentEnds = ends
    }

    /// The chunks of chunk `index`'s segment.
    public func segment(of index: Int) -> Range<Int> { placements[index].segmentStart..<segmentEnds[index] }
}

extension ChunkStore {
    /// Channels `channels` of chunk `index` with up to `before` samples of the preceding chunks and `after` of the
    /// following ones in the same segment (fewer at a gap or an end), and the sample range that covers in the
    /// segment. Only the needed columns of the neighbours are read.
    public func readExtended<T: StorableScalar>(chunkAt index: Int, channels: Range<Int>, before: Int, after: Int,
                                                timeline: ChunkTimeline, as type: T.Type) throws
        -> (data: Array2D<T>, samples: Range<Int>)
    {
        let chunk = chunks[index]
        let first = timeline.placements[index].firstSample
        let own = first..<(first + chunk.samples)
        guard before > 0 || after > 0 else { return (try read(chunk, channels: channels, as: type), own) }
        let segment = timeline.segment(of: index)
        // Pieces in time order: (chunk index, its columns to read).
        var pieces: [(Int, Range<Int>)] = []
        var wanted = before, j = index - 1
        while wanted > 0 && j >= segment.lowerBound {
            let n = chunks[j].samples, take = min(wanted, n)
            pieces.insert((j, (n - take)..<n), at: 0)
            wanted -= take
            j -= 1
        }
        let gotBefore = before - wanted
        pieces.append((index, 0..<chunk.samples))
        wanted = after
        j = index + 1
        while wanted > 0 && j < segment.upperBound {
            let take = min(wanted, chunks[j].samples)
            pieces.append((j, 0..<take))
            wanted -= take
            j += 1
        }
        let gotAfter = after - wanted
        let samples = (first - gotBefore)..<(first + chunk.samples + gotAfter)
        // Local files of the requested type: every row of every piece read straight into its place in the result
        // (copying the pieces together afterwards was a second pass over the whole chunk).
        var runs: [NativeFile.Run] = []
        var column = 0
        for (j, columns) in pieces {
            guard let pieceRuns = try array(chunks[j]).runs(type, rows: channels, columns: columns,
                                                             into: samples.count, at: column) else {
                runs = []
                break
            }
            runs += pieceRuns
            column += columns.count
        }
        if !runs.isEmpty || channels.isEmpty {
            let values = try NativeFile.gather(T.self, count: channels.count * samples.count, runs: runs)
            return (Array2D(rows: channels.count, columns: samples.count, values: values), samples)
        }
        let parts = try pieces.map { piece -> Array2D<T> in
            piece.1 == 0..<chunks[piece.0].samples
                ? try read(chunks[piece.0], channels: channels, as: type)
                : try array(chunks[piece.0]).readBlock(rows: channels, columns: piece.1, as: type)
        }
        let columns = parts.map(\.columns).reduce(0, +)
        var values: [T] = []
        values.reserveCapacity(channels.count * columns)
        for r in 0..<channels.count {
            for part in parts { values += part.values[(r * part.columns)..<((r + 1) * part.columns)] }
        }
        return (Array2D(rows: channels.count, columns: columns, values: values),
                (first - gotBefore)..<(first + chunk.samples + gotAfter))
    }
}
