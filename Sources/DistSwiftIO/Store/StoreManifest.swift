import Foundation

/// `store.json`: what a chunk store holds (distswift's addition to distpy's layout). A store without it, as distpy
/// writes them, is still readable with the system config's `prf` and `measured_depth`.
public struct StoreManifest: Codable, Sendable, Equatable {
    public static let fileName = "store.json"
    public static let formatName = "distswift-chunk-store"

    public var format: String = StoreManifest.formatName
    public var formatVersion: Int = 1
    public var distswiftVersion: String = DistSwiftVersion.current
    /// Samples per second per channel.
    public var samplingRateHz: Double
    /// Nominal duration of one chunk; the last chunk of a record may be shorter (`partial`).
    public var chunkSeconds: Double
    public var channelCount: Int
    /// Channel spacing along the fibre in metres, when uniform; positions are in `measured_depth.npy`.
    public var channelSpacingM: Double?
    /// Position of the first channel in metres.
    public var firstChannelM: Double?
    /// Start of the first chunk, UTC nanoseconds since the epoch, and the same as text for people.
    public var startTimeNs: Int64
    public var startTime: String
    public var dtype: ElementType
    /// Physical quantity and unit of the samples, e.g. "strain rate (nm/m/s)".
    public var units: String?
    public var gaugeLengthM: Double?
    public var vendor: String?
    public var chunks: [ChunkRecord]
    public var sources: [SourceRecord]
    /// The append-only log continuing this snapshot (`store-log.{generation}.jsonl`, `StoreManifestLog`): its
    /// entries belong to the store as much as `chunks` and `sources`. nil for a store written whole (`ingest`),
    /// which is format version 1 as before; a snapshot with a log is version 2.
    public var log: String?

    /// The format version of a snapshot that names a log (older readers would miss the log's chunks).
    public static let loggedFormatVersion = 2

    public init(samplingRateHz: Double, chunkSeconds: Double, channelCount: Int, channelSpacingM: Double?,
                firstChannelM: Double?, startTimeNs: Int64, dtype: ElementType, units: String? = nil,
                gaugeLengthM: Double? = nil, vendor: String? = nil, chunks: [ChunkRecord] = [],
                sources: [SourceRecord] = []) {
        self.samplingRateHz = samplingRateHz
        self.chunkSeconds = chunkSeconds
        self.channelCount = channelCount
        self.channelSpacingM = channelSpacingM
        self.firstChannelM = firstChannelM
        self.startTimeNs = startTimeNs
        self.startTime = UTCTime.iso8601(startTimeNs)
        self.dtype = dtype
        self.units = units
        self.gaugeLengthM = gaugeLengthM
        self.vendor = vendor
        self.chunks = chunks
        self.sources = sources
    }

    public var samplesPerChunk: Int { Int((samplingRateHz * chunkSeconds).rounded()) }

    /// The channel spacing recorded for `positions`: the first step (positions may be non-uniform; the exact
    /// positions are in `measured_depth.npy`), nil for fewer than two channels.
    public static func spacing(of positions: [Double]) -> Double? {
        positions.count >= 2 ? positions[1] - positions[0] : nil
    }

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        return e
    }()

    public func encoded() throws -> Data { try StoreManifest.encoder.encode(self) }

    public static func decode(_ data: Data, source: String) throws -> StoreManifest {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            let manifest = try decoder.decode(StoreManifest.self, from: data)
            guard manifest.format == formatName else {
                throw ConfigError(file: source, key: "format", problem: "is '\(manifest.format)', not '\(formatName)'")
            }
            return manifest
        } catch let error as DecodingError {
            throw ConfigError(file: source, key: error.codingPathDescription,
                              problem: "is not a valid store manifest: \(error.shortDescription)",
                              fix: "rewrite the store (distswift ingest --force) or delete store.json to read it "
                                  + "as a distpy store")
        }
    }
}

/// One chunk file of a store.
public struct ChunkRecord: Codable, Sendable, Equatable {
    /// File name inside the store, e.g. "1600000000.npy".
    public var file: String
    /// UTC nanoseconds of the first sample.
    public var startTimeNs: Int64
    /// Samples per channel in this chunk.
    public var samples: Int
    /// True for a chunk shorter than `chunk_seconds` (the tail of a record): kept, never dropped or padded.
    public var partial: Bool
    /// The source file the chunk came from, when ingested.
    public var source: String?

    public init(file: String, startTimeNs: Int64, samples: Int, partial: Bool, source: String? = nil) {
        self.file = file
        self.startTimeNs = startTimeNs
        self.samples = samples
        self.partial = partial
        self.source = source
    }
}

/// One input file a store was made from.
public struct SourceRecord: Codable, Sendable, Equatable {
    public var path: String
    public var size: Int
    public var sha256: String?
    public var format: String?

    public init(path: String, size: Int, sha256: String? = nil, format: String? = nil) {
        self.path = path
        self.size = size
        self.sha256 = sha256
        self.format = format
    }
}

extension DecodingError {
    var codingPathDescription: String? {
        let path: [CodingKey]
        switch self {
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): path = c.codingPath
        @unknown default: return nil
        }
        guard !path.isEmpty else { return nil }
        return path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue.snakeCased }.joined(separator: ".")
            .replacingOccurrences(of: ".[", with: "[")
    }

    var shortDescription: String {
        switch self {
        case .keyNotFound: return "required key missing"
        case .typeMismatch(let type, _): return "wrong type (expected \(type))"
        case .valueNotFound(let type, _): return "value missing (expected \(type))"
        case .dataCorrupted(let c): return c.debugDescription
        @unknown default: return "\(self)"
        }
    }
}

extension String {
    var snakeCased: String {
        var out = ""
        for c in self {
            if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) }
        }
        return out
    }
}
