import DistSwiftIngesters
import DistSwiftIO

/// The options of `ingest` as the user gave them; the system config's `hdf5_layout` is folded in by `options`,
/// the one place that does it, for the controller (which skips finished files) and the workers alike.
public struct IngestSettings: Codable, Sendable, Equatable {
    public var chunkSeconds: Double
    public var outputType: IngestOptions.OutputType
    /// Re-ingest files already in the store.
    public var force: Bool
    /// The record to ingest from files that hold several (`--select`).
    public var select: String?

    public init(chunkSeconds: Double, outputType: IngestOptions.OutputType, force: Bool, select: String? = nil) {
        self.chunkSeconds = chunkSeconds
        self.outputType = outputType
        self.force = force
        self.select = select
    }

    public func options(_ config: SystemConfig) -> IngestOptions {
        IngestOptions(chunkSeconds: chunkSeconds, outputType: outputType, force: force, layout: config.hdf5Layout,
                      select: select)
    }

    /// Names what decides the chunks besides the input files (`--retry-failed` refuses the report of another).
    public var fingerprint: String {
        var hash = ContentFingerprint()
        hash.add("chunk-seconds=\(chunkSeconds) dtype=\(outputType.rawValue)" + (select.map { " select=\($0)" } ?? ""))
        return hash.hex
    }
}
