import DistSwiftNative

/// One channel's values in one segment: `valuesPerChunk` values of `type` in every chunk of the raw data.
struct TDMSChannelData: Sendable, Equatable {
    let path: TDMSObjectPath
    let type: TDMSDataType
    let valuesPerChunk: Int
}

/// How a segment's raw data is laid out, counting only what the file holds completely.
enum TDMSRawLayout: Sendable, Equatable {
    /// Repeated chunks, each holding every channel's `valuesPerChunk` values one channel after the other. A writer
    /// that appends data without changing the metadata just appends chunks, so a segment may hold thousands.
    case contiguous(chunkBytes: Int, chunks: Int)
    /// Rows of one value per channel, in channel order. Chunks do not matter here: rows simply follow each other,
    /// and Silixa declares a segment length that is not a whole number of its chunks (30000 rows, chunks of 216).
    case interleaved(rowBytes: Int, rows: Int)
}

/// One segment of a TDMS file: where its raw data is, which channels it holds values of, and how they are laid
/// out. Built by `TDMSFileStructure`, which resolves what the segment inherits from the ones before it.
struct TDMSSegment: Sendable {
    /// 0 for the first segment of the file.
    let number: Int
    /// Byte offset of the segment's lead-in.
    let offset: Int
    let leadIn: TDMSLeadIn
    /// Byte offset of the raw data.
    let rawDataStart: Int
    /// The channels with values in this segment, in the order their values are stored.
    let channels: [TDMSChannelData]
    let layout: TDMSRawLayout

    var order: ByteOrder { leadIn.order }

    /// The number of values of `channels[index]` that the file holds completely.
    func valueCount(ofChannel index: Int) -> Int {
        switch layout {
        case .contiguous(_, let chunks): return chunks * channels[index].valuesPerChunk
        case .interleaved(_, let rows): return rows
        }
    }
}

/// Where and how a file ends before its last segment does: a recording that was interrupted (NI: the writer leaves
/// the segment length 0xFFFFFFFFFFFFFFFF) or a copy cut short (the length points beyond the end of the file). Only
/// the last segment can end like this.
struct TDMSIncompleteEnd: Sendable, Equatable {
    enum Part: String, Sendable { case leadIn = "lead-in", metadata, rawData = "raw data" }

    /// The segment the file ends in, and the byte where it starts.
    let segment: Int
    let offset: Int
    /// The part of the segment the file ends in: only a cut in the raw data leaves anything of the segment to read.
    let part: Part
    /// The raw data bytes the lead-in declares: nil when the writer never wrote the length, or the file ends before
    /// the lead-in or metadata that would say.
    let declaredRawBytes: Int?
    /// Whether the segment's raw data is rows (a dropped remainder is part of a sample) or chunks.
    let interleaved: Bool
    /// The bytes at the end of the file that belong to no complete row or chunk, and so are not read.
    let droppedBytes: Int
}
