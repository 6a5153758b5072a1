import Foundation

/// One task of `distswift watch`, as its name travels through the pool: ingest record files, or run the graph on
/// chunks. A live worker serves both (one warm pool for the whole watch), so the kind is part of the name.
///
/// A task may name several files or chunks: a burst of small files costs one task (one message, one answer, one
/// round trip through the pool) per batch instead of two per file (issue 21). The controller makes batches of what
/// has arrived, never waiting to fill one. One item keeps the one-item name (`ingest:PATH`, `process:N:CHUNK`).
public enum LiveTask: Sendable, Equatable, Hashable {
    /// Record files, relative to the input location.
    case ingest([String])
    /// Chunks' file names, with the number of chunks the store held when they were handed out: a worker whose copy
    /// of the store manifest has fewer re-reads it (the store grows while the workers stay up). `provisional`: the
    /// chunk is processed before the chunk after it arrived, so its time halo stops at its end (always one chunk).
    case process(chunks: [String], storeChunks: Int, provisional: Bool)

    /// The files or chunks the task names.
    public var items: [String] {
        switch self {
        case .ingest(let paths): return paths
        case .process(let chunks, _, _): return chunks
        }
    }

    public var id: String {
        switch self {
        case .ingest(let paths):
            return paths.count == 1 ? "ingest:" + paths[0] : "ingest-files:" + Self.list(paths)
        case .process(let chunks, let count, let provisional):
            if chunks.count == 1 { return (provisional ? "provisional:" : "process:") + "\(count):" + chunks[0] }
            return "process-chunks:\(count):" + Self.list(chunks)
        }
    }

    public init?(id: String) {
        if id.hasPrefix("ingest:") {
            self = .ingest([String(id.dropFirst("ingest:".count))])
            return
        }
        if id.hasPrefix("ingest-files:") {
            guard let paths = Self.items(id.dropFirst("ingest-files:".count)) else { return nil }
            self = .ingest(paths)
            return
        }
        let provisional = id.hasPrefix("provisional:")
        let batch = id.hasPrefix("process-chunks:")
        guard provisional || batch || id.hasPrefix("process:") else { return nil }
        let rest = id.drop { $0 != ":" }.dropFirst()
        guard let colon = rest.firstIndex(of: ":"), let count = Int(rest[..<colon]) else { return nil }
        let names = rest[rest.index(after: colon)...]
        if batch {
            guard let chunks = Self.items(names) else { return nil }
            self = .process(chunks: chunks, storeChunks: count, provisional: false)
        } else {
            self = .process(chunks: [String(names)], storeChunks: count, provisional: provisional)
        }
    }

    /// Several names as a JSON array: any character a file name may hold survives.
    private static func list(_ names: [String]) -> String {
        (try? String(decoding: JSONEncoder().encode(names), as: UTF8.self)) ?? "[]"
    }

    private static func items(_ text: Substring) -> [String]? {
        guard let names = try? JSONDecoder().decode([String].self, from: Data(text.utf8)), !names.isEmpty else {
            return nil
        }
        return names
    }
}

/// What a worker says about the items of a batched live task that failed while the others succeeded: the task
/// succeeds (the others' work is committed), and the controller rejects, retries or reports each of these as it
/// would a one-item task's failure. Travels as the task's note.
public struct LiveItemFailures: Codable, Sendable, Equatable {
    public struct Item: Codable, Sendable, Equatable {
        public var name: String
        public var error: String
        /// Whether trying again may succeed (a crash, an I/O error): tried again on its own. Otherwise a fault of
        /// the input itself (a corrupt file), which fails the same way again.
        public var worthRetrying: Bool

        public init(name: String, error: String, worthRetrying: Bool) {
            self.name = name
            self.error = error
            self.worthRetrying = worthRetrying
        }
    }

    public var failed: [Item]

    public init(failed: [Item]) {
        self.failed = failed
    }

    static let prefix = "failed items: "

    /// The note of a task whose items all succeeded is nil.
    public var note: String? {
        guard !failed.isEmpty, let json = try? TaskLine.encode(self) else { return nil }
        return Self.prefix + json
    }

    /// The failures in a task's note (none when the note is not such a list).
    public init(note: String?) {
        guard let note, note.hasPrefix(Self.prefix),
              let decoded = try? TaskLine.decode(Self.self, from: String(note.dropFirst(Self.prefix.count)))
        else {
            failed = []
            return
        }
        self = decoded
    }
}
