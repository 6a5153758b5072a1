import DistSwiftIO
import Foundation
import Synchronization

/// What ingesting one input file produced, written by its worker to `sources/NAME.json` in the store after all its
/// chunks are in place. The controller assembles `store.json` from these, so workers never share a file.
public struct SourceIngestRecord: Codable, Sendable, Equatable {
    public var source: SourceRecord
    public var samplingRateHz: Double
    public var channelPositions: [Double]
    public var dtype: ElementType
    public var chunkSeconds: Double
    public var units: String?
    public var gaugeLengthM: Double?
    public var vendor: String?
    public var chunks: [ChunkRecord]
    /// The input file's change stamp when it was ingested (a local file's modification time and inode, an S3
    /// object's ETag; nil where none is known): a rerun skips a file whose stamp is unchanged without hashing it.
    /// It lives in the record rather than in a file of its own so that an input file costs the store one file
    /// fewer (a small-file watch is bound by creating files, issue 21); the store's manifest does not carry it,
    /// so the manifest of a store ingested from S3 still equals one ingested from a folder (the records differ
    /// only in this). Records written before it was moved
    /// here have their stamp under `.distswift/source-stamps/` (`FileIngester.recordedChangeStamp`).
    public var changeStamp: String?

    static let folder = "sources"

    public init(source: SourceRecord, samplingRateHz: Double, channelPositions: [Double], dtype: ElementType,
                chunkSeconds: Double, units: String?, gaugeLengthM: Double?, vendor: String?, chunks: [ChunkRecord], changeStamp: String? = nil) {
        self.source = source
        self.samplingRateHz = samplingRateHz
        self.channelPositions = channelPositions
        self.dtype = dtype
        self.chunkSeconds = chunkSeconds
        self.units = units
        self.gaugeLengthM = gaugeLengthM
        self.vendor = vendor
        self.chunks = chunks
        self.changeStamp = changeStamp
    }

    /// The record's path in the store for an input file's relative path (slashes flattened, so names stay unique).
    public static func path(for sourcePath: String) -> String {
        folder + "/" + flattened(sourcePath) + ".json"
    }

    /// `sourcePath` with its slashes as "__" (Swift's own splitting: Foundation's `replacingOccurrences` cost more
    /// than the rest of the lookup, and the watch asks for a record's path for every file it sees).
    static func flattened(_ sourcePath: String) -> String {
        guard sourcePath.utf8.contains(UInt8(ascii: "/")) else { return sourcePath }
        return sourcePath.split(separator: "/", omittingEmptySubsequences: false).joined(separator: "__")
    }

    func encoded() throws -> [UInt8] { try Self.encoded(self) }

    /// A record file's bytes: snake-case keys, sorted (the same record gives the same bytes).
    static func encoded(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(value))
    }
}

/// The records of the files one watch worker committed together, in one file under `sources/` that has a name
/// for each of its sources (hard links, `GroupCommit.writeAtomically(names:bytes:)`): a burst of small files costs
/// the store one new file per batch instead of one per input file (issue 21). Everything that looks a source up by
/// its record's name (resume, skip, `ingest`'s re-run) finds it as before; a reader takes the entry of the name it
/// asked for. Stores written before batches keep their records of their own, read as ever.
struct SourceRecordBatch: Codable {
    var records: [SourceIngestRecord]

    func encoded() throws -> [UInt8] { try SourceIngestRecord.encoded(self) }
}

/// A file under `sources/`, either kind: a record of its own (as stores were always written, and `ingest` still
/// writes them) or a batch (`SourceRecordBatch`), decoded in one pass.
struct SourceRecordFile: Decodable, Sendable {
    var records: [SourceIngestRecord]
    var isBatch: Bool

    enum CodingKeys: String, CodingKey { case records }

    init(data: Data) throws {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        self = try decoder.decode(Self.self, from: data)
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        isBatch = container.contains(.records)
        records = isBatch ? try container.decode([SourceIngestRecord].self, forKey: .records)
            : [try SourceIngestRecord(from: decoder)]
    }

    /// The record of `sourcePath`, read from the name it has under `sources/`: the record of its own, or its entry
    /// in the batch (nil when the batch lacks it).
    func record(of sourcePath: String) -> SourceIngestRecord? {
        isBatch ? records.first { $0.source.path == sourcePath } : records.first
    }
}

/// Decodes files under `sources/`, keeping the last one decoded: the names of one batch read in a row (the watch
/// reading back a task's files, `ingest` checking a batch's sources) decode it once, not once per name.
final class SourceRecordFiles: Sendable {
    private let last = Mutex<(bytes: Data, file: SourceRecordFile)?>(nil)

    func decode(_ bytes: [UInt8]) throws -> SourceRecordFile {
        // As Data: its comparison is one memcmp (an Array's, element by element, cost the watch 1.5 %).
        let data = Data(bytes)
        if let hit = last.withLock({ $0?.bytes == data ? $0?.file : nil }) { return hit }
        let file = try SourceRecordFile(data: data)
        last.withLock { $0 = (data, file) }
        return file
    }
}
