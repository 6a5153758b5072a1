/// One task of `distswift watch`, as its name travels through the pool: ingest one record file, or run the graph
/// on one chunk. A live worker serves both (one warm pool for the whole watch), so the kind is part of the name.
public enum LiveTask: Sendable, Equatable, Hashable {
    /// A record file, relative to the input location.
    case ingest(String)
    /// A chunk's file name, with the number of chunks the store held when it was handed out: a worker whose copy
    /// of the store manifest has fewer re-reads it (the store grows while the workers stay up). `provisional`: the
    /// chunk is processed before the chunk after it arrived, so its time halo stops at its end.
    case process(chunk: String, storeChunks: Int, provisional: Bool)

    public var id: String {
        switch self {
        case .ingest(let path): return "ingest:" + path
        case .process(let chunk, let count, let provisional):
            return (provisional ? "provisional:" : "process:") + "\(count):" + chunk
        }
    }

    public init?(id: String) {
        if id.hasPrefix("ingest:") {
            self = .ingest(String(id.dropFirst("ingest:".count)))
            return
        }
        let provisional = id.hasPrefix("provisional:")
        guard provisional || id.hasPrefix("process:") else { return nil }
        let rest = id.drop { $0 != ":" }.dropFirst()
        guard let colon = rest.firstIndex(of: ":"), let count = Int(rest[..<colon]) else { return nil }
        self = .process(chunk: String(rest[rest.index(after: colon)...]), storeChunks: count, provisional: provisional)
    }
}
