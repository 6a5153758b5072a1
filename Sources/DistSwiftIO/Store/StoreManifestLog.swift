import Foundation

/// The append-only part of a store's manifest: `store-log.{generation}.jsonl`, one JSON line per committed source
/// file (its record and its chunks), continuing the snapshot `store.json` that names it (`StoreManifest.log`).
///
/// A store that grows by a file at a time (`distswift watch`) appends a line per file instead of rewriting the whole
/// manifest (which lists every chunk: 8 MB after 20,000 files). Readers load the snapshot and replay its log; a
/// reader that already holds the store reads only the log's tail since its last read. When the log has grown as
/// large as the snapshot, it is folded into a new snapshot (`ManifestAppender.compactIfGrown`): written under a
/// temporary name and renamed into place, naming a new, empty log — so the snapshot, not the log, is the only file
/// ever replaced, and the bytes rewritten stay proportional to the bytes appended.
///
/// A crash can cut the last line short. A reader ignores a line that is not whole JSON and reports it
/// (`Replay.problems`); a line without its newline is left for the next read (it may be an append in progress). The
/// next appender (the store's only writer) reports such a tail as cut short and folds the log's whole lines into a
/// new snapshot before it appends anything, so nothing is ever written after a torn line. A committed file whose
/// line was lost this way still has its per-source record (`sources/NAME.json`), from which the watch puts it back
/// (`LiveSession`'s reconciliation at start).
public enum StoreManifestLog {
    /// One committed source file: its record and the chunks it was cut into.
    public struct Entry: Codable, Sendable, Equatable {
        public var source: SourceRecord
        public var chunks: [ChunkRecord]

        public init(source: SourceRecord, chunks: [ChunkRecord]) {
            self.source = source
            self.chunks = chunks
        }
    }

    /// What a read of the log gave.
    public struct Replay: Sendable {
        public var entries: [Entry] = []
        /// Offset just past the last whole line read (where the next read starts).
        public var endOffset: Int
        /// Lines that were not whole entries (a crash cut them), each described with its offset.
        public var problems: [String] = []
    }

    static let prefix = "store-log."
    static let suffix = ".jsonl"

    /// The log file of snapshot generation `generation`.
    public static func fileName(generation: Int) -> String { prefix + "\(generation)" + suffix }

    /// The generation a log file name stands for (nil for other names).
    public static func generation(of name: String) -> Int? {
        guard name.hasPrefix(prefix), name.hasSuffix(suffix) else { return nil }
        return Int(name.dropFirst(prefix.count).dropLast(suffix.count))
    }

    private static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.outputFormatting = [.sortedKeys]
        return e
    }()

    /// The lines of `entries`, each ending in a newline.
    public static func encode(_ entries: [Entry]) throws -> [UInt8] {
        var bytes: [UInt8] = []
        for entry in entries {
            bytes += try encoder.encode(entry)
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }

    /// Reads the log `name` from byte `offset` (0: all of it). A missing log reads as empty (a snapshot names its
    /// log before the first line is appended).
    public static func read(_ location: any StorageLocation, name: String, from offset: Int = 0) throws -> Replay {
        guard location.exists(name) else { return Replay(endOffset: offset) }
        let reader = try location.openForReading(name)
        let size = try reader.size()
        guard size > offset else { return Replay(endOffset: offset) }
        let bytes = try reader.readBytes(at: offset, count: size - offset)
        return parse(bytes, startingAt: offset, address: location.address(of: name))
    }

    /// The whole lines of `bytes` (which start at `offset` of the log) as entries.
    static func parse(_ bytes: [UInt8], startingAt offset: Int, address: String) -> Replay {
        guard let lastNewline = bytes.lastIndex(of: UInt8(ascii: "\n")) else { return Replay(endOffset: offset) }
        var replay = Replay(endOffset: offset + lastNewline + 1)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        var lineStart = 0
        for (i, byte) in bytes[...lastNewline].enumerated() where byte == UInt8(ascii: "\n") {
            let line = bytes[lineStart..<i]
            defer { lineStart = i + 1 }
            guard !line.isEmpty else { continue }
            if let entry = try? decoder.decode(Entry.self, from: Data(line)) {
                replay.entries.append(entry)
            } else {
                replay.problems.append("\(address): the line at byte \(offset + lineStart) is not a whole entry "
                                       + "(\(line.count) bytes; a write cut short by a crash) and was ignored")
            }
        }
        return replay
    }
}

extension StoreManifest {
    /// This snapshot with the log's entries applied: a source recorded again (a file ingested again) replaces its
    /// earlier chunks; a chunk file listed again replaces the earlier listing; chunks come out in time order.
    public func applying(_ entries: [StoreManifestLog.Entry]) -> StoreManifest {
        guard !entries.isEmpty else { return self }
        var manifest = self
        var sourceIndex = Dictionary(sources.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { a, _ in a })
        var byFile = Dictionary(chunks.map { ($0.file, $0) }, uniquingKeysWith: { _, b in b })
        var replaced: Set<String> = []
        for entry in entries {
            if let i = sourceIndex[entry.source.path] {
                manifest.sources[i] = entry.source
                replaced.insert(entry.source.path)
            } else {
                sourceIndex[entry.source.path] = manifest.sources.count
                manifest.sources.append(entry.source)
            }
            if replaced.contains(entry.source.path) {
                let current = Set(entry.chunks.map(\.file))
                byFile = byFile.filter { $0.value.source != entry.source.path || current.contains($0.key) }
            }
            for chunk in entry.chunks { byFile[chunk.file] = chunk }
        }
        manifest.chunks = byFile.values.sorted { $0.startTimeNs < $1.startTimeNs }
        if let first = manifest.chunks.first {
            manifest.startTimeNs = first.startTimeNs
            manifest.startTime = UTCTime.iso8601(first.startTimeNs)
        }
        return manifest
    }
}
