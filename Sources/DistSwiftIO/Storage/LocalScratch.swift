import DistSwiftNative
import Foundation

/// Local scratch files for the libraries that need a real file path (HDF5, segyio, the TDMS reader), when a
/// storage location is remote: HDF5's read-only S3 driver (ROS3) is not in Debian's HDF5 build, so an object is
/// copied to `$TMPDIR` (else /tmp) for reading, or written there and uploaded, and the copy is deleted after.
public enum LocalScratch {
    /// Bytes per read or write when copying between a location and a scratch file.
    static let copyBlock = 8 << 20

    /// A new, unused path in the scratch folder that keeps `name`'s extension (readers recognise formats by it).
    public static func newPath(keeping name: String) -> String {
        let environment = ProcessInfo.processInfo.environment
        let folder = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let base = (name as NSString).lastPathComponent
        return (folder as NSString).appendingPathComponent(
            "distswift-scratch-\(NativeFileSystem.processID)-\(UUID().uuidString.prefix(8))-\(base)")
    }
}

extension StorageLocation {
    /// For writers that need a file path of their own (HDF5): `body` writes and closes a scratch file, which is
    /// then uploaded with `writeAtomically` and deleted. LocalStorage writes in place instead.
    public func writeAtomically(_ path: String, viaTemporaryFile body: (String) throws -> Void) throws {
        let scratch = LocalScratch.newPath(keeping: path)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try body(scratch)
        let file = try NativeFile.openForReading(scratch)
        defer { try? file.close() }
        let size = try file.size()
        try writeAtomically(path) { writer in
            var offset = 0
            while offset < size {
                let count = min(LocalScratch.copyBlock, size - offset)
                try writer.write(try file.readBytes(at: offset, count: count))
                offset += count
            }
        }
    }

    /// Runs `body` with a local file path holding `path`'s bytes: the file itself on a local location, else a
    /// scratch copy that is deleted when `body` returns.
    public func withLocalFile<Result>(_ path: String, _ body: (String) throws -> Result) throws -> Result {
        if let local = localPath(of: path) { return try body(local) }
        let scratch = LocalScratch.newPath(keeping: path)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let reader = try openForReading(path)
        let size = try reader.size()
        let file = try NativeFile.create(scratch)
        do {
            var offset = 0
            while offset < size {
                let count = min(LocalScratch.copyBlock, size - offset)
                try file.write(try reader.readBytes(at: offset, count: count))
                offset += count
            }
            try file.close()
        } catch {
            try? file.close()
            throw error
        }
        return try body(scratch)
    }
}
