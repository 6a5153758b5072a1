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

    static let folder = "sources"

    public init(source: SourceRecord, samplingRateHz: Double, channelPositions: [Double], dtype: ElementType,
                chunkSeconds: Double, units: String?, gaugeLengthM: Double?, vendor: String?, chunks: [ChunkRecord]) {
        self.source = source
        self.samplingRateHz = samplingRateHz
        self.channelPositions = channelPositions
        self.dtype = dtype
        self.chunkSeconds = chunkSeconds
        self.units = units
        self.gaugeLengthM = gaugeLengthM
        self.vendor = vendor
        self.chunks = chunks
    }

    /// The record's path in the store for an input file's relative path (slashes flattened, so names stay unique).
    public static func path(for sourcePath: String) -> String {
        folder + "/" + sourcePath.replacingOccurrences(of: "/", with: "__") + ".json"
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
