import DistSwiftIO
import Foundation

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

    func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(self))
    }

    static func decode(_ bytes: [UInt8]) throws -> SourceIngestRecord {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(SourceIngestRecord.self, from: Data(bytes))
    }
}
