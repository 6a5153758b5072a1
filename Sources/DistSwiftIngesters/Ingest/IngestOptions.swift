import DistSwiftIO

/// How records are cut and stored.
public struct IngestOptions: Sendable {
    /// The element type of the chunks: float32 (default), float64, or the record's own type (`raw`).
    public enum OutputType: String, Codable, Sendable, CaseIterable {
        case float32, float64, raw
    }

    public var chunkSeconds: Double
    public var outputType: OutputType
    /// Re-ingest files already in the store.
    public var force: Bool
    /// The system config's description of an otherwise unknown HDF5 layout.
    public var layout: HDF5Layout?
    /// The record to ingest from files that hold several (`--select Raw[1]`, a DASDAE patch name).
    public var select: String?

    public init(chunkSeconds: Double = 1, outputType: OutputType = .float32, force: Bool = false,
                layout: HDF5Layout? = nil, select: String? = nil) {
        self.chunkSeconds = chunkSeconds
        self.outputType = outputType
        self.force = force
        self.layout = layout
        self.select = select
    }
}
