import DistSwiftNative

/// A local file written the way many interrogators write their records: created under its final name, kept open and
/// appended to while the record is acquired, closed when the record is complete. Readers that list the folder see
/// it at every size in between, which is why `distswift watch` takes a file only once its size has settled. Used by
/// `distswift synth --realtime --delivery grow` to play such an instrument.
public final class GrowingFile {
    private let file: NativeFile
    public let path: String

    /// Creates (or truncates) the file at the local path `path`.
    public init(creating path: String) throws {
        self.path = path
        file = try NativeFile.create(path)
    }

    /// Adds `bytes` at the end; readers see them at once (no sync: an instrument does not sync every block either).
    public func append(_ bytes: [UInt8]) throws {
        try file.write(bytes)
    }

    /// Flushes the file to disk and closes it: the record is complete.
    public func finish() throws {
        try file.synchronize()
        try file.close()
    }
}
