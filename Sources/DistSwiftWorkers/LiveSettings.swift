import DistSwiftIO
import Foundation

/// What a `distswift watch` worker needs besides the system config: how files are ingested, how the graph runs,
/// and which graph.
public struct LiveSettings: Codable, Sendable, Equatable {
    public var ingest: IngestSettings
    public var process: ProcessSettings
    /// The command graph (absolute path).
    public var graph: String

    public init(ingest: IngestSettings, process: ProcessSettings, graph: String) {
        self.ingest = ingest
        self.process = process
        self.graph = graph
    }

    /// What decides the watch's outputs: the ingest settings, the graph's bytes and how it computes. The watch's
    /// journal counts chunks done under it only, and a worker refuses a graph edited after the watch started.
    /// Graphs the graph includes are not hashed here (that needs a validated plan, hence a store, which a watch
    /// may not have yet); a worker notices them changing between two of its own loads (`LiveJob`).
    public func fingerprint() throws -> String {
        var hash = ContentFingerprint()
        hash.add(ingest.fingerprint)
        hash.add(try Array(Data(contentsOf: URL(fileURLWithPath: graph))))
        hash.add("fft-planning=\(process.fftPlanning.rawValue) precision=\(process.precision.rawValue)")
        return hash.hex
    }
}
