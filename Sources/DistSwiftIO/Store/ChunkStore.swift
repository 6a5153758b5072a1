import Foundation

/// A folder of chunks: `{unix_seconds}.npy` arrays of shape (channels, samples), `measured_depth.npy` (channel
/// positions), `time.npy` (sample times within a chunk, seconds) and, when distswift wrote it, `store.json`.
/// distpy's stores (no manifest) and distswift's read the same way.
public struct ChunkStore: Sendable {
    public let location: any StorageLocation
    /// nil for a store written by distpy.
    public let manifest: StoreManifest?
    public let samplingRateHz: Double
    public let channelCount: Int
    /// Channel positions along the fibre (metres for distswift stores; whatever `measured_depth.npy` holds else).
    public let channelPositions: [Double]
    /// Chunks in time order.
    public let chunks: [ChunkRecord]
    public let dtype: ElementType
    /// Where this view of the store stops: the snapshot's change stamp and the bytes of its log read
    /// (`refreshed` reads on from there). nil for distpy's stores.
    public let manifestPosition: ManifestPosition?
    /// Lines of the manifest's log that were ignored (cut short by a crash), for the caller to report.
    public let manifestProblems: [String]

    /// The log continuing the snapshot this view was read from (`StoreManifestLog`), if it names one.
    public var manifestLog: String? { manifestPosition?.log }

    public struct ManifestPosition: Sendable, Equatable {
        var snapshotStamp: String?
        public internal(set) var log: String
        /// Bytes of the log read: just past its last whole line.
        public internal(set) var logOffset: Int
    }

    /// What distpy's system config says about a store that has no manifest.
    public struct DistpyDefaults: Sendable {
        public var prf: Double
        public var measuredDepthFile: String?

        public init(prf: Double, measuredDepthFile: String? = nil) {
            self.prf = prf
            self.measuredDepthFile = measuredDepthFile
        }

        public init(_ config: SystemConfig) {
            self.init(prf: config.prf, measuredDepthFile: config.measuredDepthFile)
        }
    }

    /// Opens the store at `location`, from its manifest (the snapshot `store.json` and the log it names), or from
    /// distpy's layout using `distpyDefaults`.
    public static func open(_ location: any StorageLocation, distpyDefaults: DistpyDefaults? = nil) throws
        -> ChunkStore
    {
        if location.exists(StoreManifest.fileName) {
            // A compaction between reading the snapshot and its log removes the log only two generations later;
            // should a reader be slower than that, it reads the new snapshot again.
            var attempt = 0
            while true {
                attempt += 1
                let stamp = location.changeStamp(StoreManifest.fileName)
                let data = Data(try location.readAll(StoreManifest.fileName))
                let snapshot = try StoreManifest.decode(data, source: location.address(of: StoreManifest.fileName))
                guard let log = snapshot.log else {
                    return try opened(location, manifest: snapshot, position: nil, problems: [])
                }
                if !location.exists(log) && attempt < 5 && location.changeStamp(StoreManifest.fileName) != stamp {
                    continue
                }
                let replay: StoreManifestLog.Replay
                do {
                    replay = try StoreManifestLog.read(location, name: log)
                } catch where attempt < 5 && location.changeStamp(StoreManifest.fileName) != stamp {
                    continue  // the log was removed while it was being read: a newer snapshot is in place
                }
                return try opened(location, manifest: snapshot.applying(replay.entries),
                                  position: ManifestPosition(snapshotStamp: stamp, log: log,
                                                             logOffset: replay.endOffset),
                                  problems: replay.problems)
            }
        }
        return try openDistpyStore(location, defaults: distpyDefaults)
    }

    private static func opened(_ location: any StorageLocation, manifest: StoreManifest, position: ManifestPosition?,
                               problems: [String], positions known: [Double]? = nil) throws -> ChunkStore {
        let positions = try known ?? readPositions(location, file: "measured_depth.npy", count: manifest.channelCount)
            ?? uniformPositions(manifest)
        return ChunkStore(
            location: location, manifest: manifest, samplingRateHz: manifest.samplingRateHz,
            channelCount: manifest.channelCount, channelPositions: positions,
            chunks: manifest.chunks.sorted { $0.startTimeNs < $1.startTimeNs }, dtype: manifest.dtype,
            manifestPosition: position, manifestProblems: problems)
    }

    /// The store as it is now, reading only what changed since this view was opened: the log's new lines, or the
    /// whole manifest when the snapshot was replaced (a compaction, or `ingest` rewrote it). Returns `self` when
    /// nothing changed.
    public func refreshed() throws -> ChunkStore {
        guard let position = manifestPosition, let manifest,
              location.changeStamp(StoreManifest.fileName) == position.snapshotStamp, position.snapshotStamp != nil
        else {
            return manifestPosition == nil && manifest == nil ? self : try Self.open(location)
        }
        let replay = try StoreManifestLog.read(location, name: position.log, from: position.logOffset)
        guard replay.endOffset != position.logOffset else { return self }
        var moved = position
        moved.logOffset = replay.endOffset
        return try Self.opened(location, manifest: manifest.applying(replay.entries), position: moved,
                               problems: manifestProblems + replay.problems, positions: channelPositions)
    }

    private static func openDistpyStore(_ location: any StorageLocation, defaults: DistpyDefaults?) throws
        -> ChunkStore
    {
        let names = try location.list("").filter { !$0.isFolder }.map(\.name)
        let chunkNames = names.compactMap { name in ChunkName.startTimeNs(of: name).map { (name, $0) } }
            .sorted { $0.1 < $1.1 }
        guard let first = chunkNames.first else {
            throw StoreError(location: location.description,
                             problem: "holds no chunks (no store.json and no {unix_seconds}.npy files)",
                             fix: "check the data folder in the system config, or run `distswift ingest` first")
        }
        guard let defaults else {
            throw StoreError(location: location.description,
                             problem: "has no store.json, so its sampling rate is unknown",
                             fix: "read it through a system config with \"prf\" (distpy's layout), or pass --prf")
        }
        let header = try NPYArrayFile(location: location, path: first.0).header
        guard header.shape.count == 2 else {
            throw StoreError(location: location.address(of: first.0),
                             problem: "has shape \(header.shape); chunks must be 2-D (channels, samples)")
        }
        let channels = header.shape[0]
        let samples = header.shape[1]
        let depthFile = defaults.measuredDepthFile ?? "measured_depth.npy"
        let positions = try readPositions(location, file: depthFile, count: channels)
            ?? (0..<channels).map(Double.init)
        let chunks = chunkNames.map { ChunkRecord(file: $0.0, startTimeNs: $0.1, samples: samples, partial: false) }
        return ChunkStore(location: location, manifest: nil, samplingRateHz: defaults.prf, channelCount: channels,
                          channelPositions: positions, chunks: chunks, dtype: header.elementType,
                          manifestPosition: nil, manifestProblems: [])
    }

    private static func readPositions(_ location: any StorageLocation, file: String, count: Int) throws -> [Double]? {
        guard location.exists(file) else { return nil }
        let positions = try NPYArrayFile(location: location, path: file).readVector(as: Double.self)
        guard positions.count == count else {
            throw StoreError(location: location.address(of: file),
                             problem: "holds \(positions.count) positions but the chunks have \(count) channels",
                             fix: "rewrite it with one position per channel")
        }
        return positions
    }

    private static func uniformPositions(_ manifest: StoreManifest) -> [Double] {
        let first = manifest.firstChannelM ?? 0
        let step = manifest.channelSpacingM ?? 1
        return (0..<manifest.channelCount).map { first + Double($0) * step }
    }

    /// Opens one chunk's array file and checks it against the store's geometry.
    public func array(_ chunk: ChunkRecord) throws -> NPYArrayFile {
        let file = try NPYArrayFile(location: location, path: chunk.file)
        guard file.header.shape == [channelCount, chunk.samples] else {
            throw StoreError(location: file.address,
                             problem: "has shape \(file.header.shape) but the store expects "
                                 + "[\(channelCount), \(chunk.samples)]",
                             fix: "re-ingest this chunk (distswift ingest --force)")
        }
        return file
    }

    /// Reads channels `channels` (default: all) of a chunk, converted to `T`, without reading other channels.
    public func read<T: StorableScalar>(_ chunk: ChunkRecord, channels: Range<Int>? = nil, as type: T.Type) throws
        -> Array2D<T>
    {
        try array(chunk).readRows(channels ?? 0..<channelCount, as: type)
    }

    /// Time gaps and overlaps between consecutive chunks (where the next chunk does not start where the previous one
    /// ends, beyond half a sample).
    public func discontinuities() -> [(after: ChunkRecord, gapNs: Int64)] {
        let period = 1e9 / samplingRateHz
        var found: [(ChunkRecord, Int64)] = []
        for (a, b) in zip(chunks, chunks.dropFirst()) {
            let expected = a.startTimeNs + Int64((Double(a.samples) * period).rounded())
            let gap = b.startTimeNs - expected
            if Double(abs(gap)) > period / 2 { found.append((a, gap)) }
        }
        return found
    }
}

/// A chunk store that cannot be read as it is.
public struct StoreError: ProblemKind {
    public let location: String
    public let base: Problem

    public init(location: String, problem: String, fix: String? = nil) {
        self.location = location
        base = Problem(where: location, problem, fix: fix)
    }
}
