import DistSwiftNative

/// A run of consecutive samples of every channel that lies in one place of the file: the rows of an interleaved
/// segment, or one chunk of a contiguous one.
struct TDMSSampleBlock: Sendable, Equatable {
    let firstSample: Int
    let sampleCount: Int
    /// Byte offset of the block's first value.
    let offset: Int
    let order: ByteOrder
    /// Rows of one value per channel; otherwise each channel's `sampleCount` values one channel after the other.
    let interleaved: Bool

    var samples: Range<Int> { firstSample..<(firstSample + sampleCount) }
}

/// A TDMS file seen as one DAS record: the channels of its one group are the traces along the fibre (in file order),
/// all of one data type, and every segment with values adds the same number of samples to each channel. Anything
/// else (several groups, channels of different types or lengths, a segment holding only some channels) is not a
/// DAS record and is refused with what differs.
struct TDMSRecordLayout: Sendable {
    let group: String
    let channels: [TDMSObjectPath]
    let type: TDMSDataType
    /// In sample order, without gaps.
    let blocks: [TDMSSampleBlock]
    let sampleCount: Int
    /// Samples each segment adds (0 for segments without values), for describing an incomplete last segment.
    let samplesPerSegment: [Int]

    init(_ structure: TDMSFileStructure, path: String) throws {
        let channels = structure.objects.map(\.path).filter(\.isChannel)
        let groups = channels.compactMap(\.group).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        guard groups.count == 1, let group = groups.first else {
            throw RecordError(file: path, problem: groups.isEmpty ? "is a TDMS file without channels"
                : "is a TDMS file with channels in \(groups.count) groups ("
                    + groups.prefix(5).map { "'\($0)'" }.joined(separator: ", ") + (groups.count > 5 ? ", …" : "")
                    + "); a DAS record is one group of channels",
                fix: "distswift reads TDMS files that hold one DAS record")
        }
        var type: TDMSDataType?
        var blocks: [TDMSSampleBlock] = []
        var samplesPerSegment: [Int] = []
        var sampleCount = 0
        for segment in structure.segments {
            guard !segment.channels.isEmpty else {
                samplesPerSegment.append(0)
                continue
            }
            let stored = segment.channels.map(\.path)
            guard stored == channels else {
                let missing = channels.first { !stored.contains($0) }
                throw RecordError(file: path, problem: "segment \(segment.number) holds values of "
                    + (missing.map { "\(stored.count) of the \(channels.count) channels (not \($0))" }
                        ?? "its channels in a different order than the file lists them")
                    + "; a DAS record has every channel in every segment",
                    fix: "distswift reads TDMS files that hold one DAS record")
            }
            for channel in segment.channels {
                if let type, channel.type != type {
                    throw RecordError(file: path, problem: "has channels of different data types (\(channel.path) "
                        + "is \(channel.type.name), others \(type.name)); the channels of a DAS record share one type")
                }
                type = channel.type
            }
            let counts = segment.channels.indices.map { segment.valueCount(ofChannel: $0) }
            guard let count = counts.first, counts.allSatisfy({ $0 == count }),
                  Set(segment.channels.map(\.valuesPerChunk)).count == 1
            else {
                let different = segment.channels.first { $0.valuesPerChunk != segment.channels[0].valuesPerChunk }!
                throw RecordError(file: path, problem: "segment \(segment.number) gives its channels different "
                    + "numbers of values (\(segment.channels[0].path): \(segment.channels[0].valuesPerChunk), "
                    + "\(different.path): \(different.valuesPerChunk)); the channels of a DAS record have equal length")
            }
            let width = segment.channels[0].type.byteWidth
            switch segment.layout {
            case .interleaved(_, let rows) where rows > 0:
                blocks.append(TDMSSampleBlock(firstSample: sampleCount, sampleCount: rows, offset: segment.rawDataStart,
                                              order: segment.order, interleaved: true))
            case .contiguous(let chunkBytes, let chunks):
                let perChunk = segment.channels[0].valuesPerChunk
                for chunk in 0..<chunks {
                    blocks.append(TDMSSampleBlock(firstSample: sampleCount + chunk * perChunk, sampleCount: perChunk,
                                                  offset: segment.rawDataStart + chunk * chunkBytes,
                                                  order: segment.order, interleaved: false))
                }
                assert(chunkBytes == perChunk * width * channels.count)
            default:
                break
            }
            samplesPerSegment.append(count)
            sampleCount += count
        }
        guard let type else {
            throw RecordError(file: path, problem: "is a TDMS file whose channels hold no values")
        }
        self.group = group
        self.channels = channels
        self.type = type
        self.blocks = blocks
        self.sampleCount = sampleCount
        self.samplesPerSegment = samplesPerSegment
    }

    /// The blocks holding any of `range`, in order.
    func blocks(overlapping range: Range<Int>) -> ArraySlice<TDMSSampleBlock> {
        guard !range.isEmpty else { return blocks[0..<0] }
        // The first block that ends after range.lowerBound (binary search: files may hold thousands of chunks).
        var low = 0, high = blocks.count
        while low < high {
            let mid = (low + high) / 2
            if blocks[mid].samples.upperBound <= range.lowerBound { low = mid + 1 } else { high = mid }
        }
        var end = low
        while end < blocks.count, blocks[end].firstSample < range.upperBound { end += 1 }
        return blocks[low..<end]
    }
}
