import DistSwiftNative

/// Where a project's files live: a local folder (LocalStorage) or an S3 bucket prefix (S3Storage). All storage
/// access in distswift goes through this protocol, with paths relative to the location's root ("" is the root
/// itself, "/" separates components, ".." is never allowed).
public protocol StorageLocation: Sendable, CustomStringConvertible {
    /// A human-readable address of `path` for messages (an absolute file path, or a URL).
    func address(of path: String) -> String

    /// The entries directly inside the folder `path`, sorted by name. Temporary files of unfinished atomic writes
    /// are not listed.
    func list(_ path: String) throws -> [StorageEntry]

    /// Every file below `path` (relative to `path`), sorted, temporary files excluded.
    func listFiles(recursivelyUnder path: String) throws -> [String]

    func exists(_ path: String) -> Bool

    /// Opens a file for positioned reads.
    func openForReading(_ path: String) throws -> any RandomAccessReader

    /// Writes a file so that it appears complete or not at all: `body` writes to a temporary name, and the file
    /// is renamed into place only after `body` returns and the data is on disk.
    func writeAtomically(_ path: String, _ body: (any SequentialWriter) throws -> Void) throws

    /// The same for writers that need a file path of their own (HDF5): `body` writes and closes the file at the
    /// path it is given. The default (LocalScratch.swift) writes a local scratch file and uploads it.
    func writeAtomically(_ path: String, viaTemporaryFile body: (String) throws -> Void) throws

    /// Adds `bytes` at the end of a file (creating it when missing) and returns only once they are on disk: for
    /// append-only journals, whose every entry must survive a crash right after it was made.
    func appendDurably(_ path: String, bytes: [UInt8]) throws

    /// Writes a small file only if none of that name exists, and says whether it did: local folders make it with
    /// O_EXCL (atomic among processes and hosts that share the folder); object stores check, then write.
    func createExclusively(_ path: String, bytes: [UInt8]) throws -> Bool

    /// A token that changes whenever the file is rewritten, where the location knows one cheaply (a local file's
    /// modification time and inode, an object's ETag); nil when it does not.
    func changeStamp(_ path: String) -> String?

    func makeFolder(_ path: String) throws

    /// Removes a file (a missing file is not an error).
    func remove(_ path: String) throws

    /// A local file path for `path` when the location is on the local file system; libraries that need a real
    /// file (HDF5, segyio) use it. Remote locations return nil and callers stage the file to local scratch.
    func localPath(of path: String) -> String?

    /// The location rooted at `path` inside this one.
    func sublocation(_ path: String) throws -> any StorageLocation

    /// Removes what writers killed mid-write left behind (temporary files of atomic writes), returning their paths.
    func removeAbandonedWrites() -> [String]
}

/// One entry of a folder listing.
public struct StorageEntry: Sendable, Equatable {
    public let name: String
    public let isFolder: Bool
    public let size: Int
    /// What `changeStamp(_:)` would answer for the file, when the listing gives it for free (a local folder's
    /// listing stats every entry anyway; an S3 listing carries each object's ETag): a rewritten file of the same
    /// size is told apart without a request per file.
    public var changeStamp: String? = nil
}

/// Positioned reads of one stored file.
public protocol RandomAccessReader: Sendable {
    var address: String { get }
    func size() throws -> Int
    func readBytes(at offset: Int, count: Int) throws -> [UInt8]
    /// `count` values stored contiguously at `offset`, in the file's byte order (not converted).
    func read<T: NativeScalar>(_ type: T.Type, count: Int, at offset: Int) throws -> [T]
}

/// Sequential writes of one file being written atomically.
public protocol SequentialWriter: AnyObject {
    func write(_ bytes: [UInt8]) throws
    func write<T: NativeScalar>(_ values: [T]) throws
}

extension StorageLocation {
    /// Reads a whole file.
    public func readAll(_ path: String) throws -> [UInt8] {
        let reader = try openForReading(path)
        return try reader.readBytes(at: 0, count: reader.size())
    }

    /// Writes a whole file atomically.
    public func write(_ path: String, bytes: [UInt8]) throws {
        try writeAtomically(path) { try $0.write(bytes) }
    }

    public func changeStamp(_ path: String) -> String? { nil }

    /// Object stores write each object in one request (or a multipart upload the bucket's lifecycle rules expire):
    /// a killed writer leaves no temporary object.
    public func removeAbandonedWrites() -> [String] { [] }

    /// For locations without an exclusive create (object stores): check, then write — two runs starting within the
    /// same instant could both succeed, which docs/reliability.md says.
    public func createExclusively(_ path: String, bytes: [UInt8]) throws -> Bool {
        guard !exists(path) else { return false }
        try write(path, bytes: bytes)
        return true
    }

    /// For locations that cannot append in place (object stores): rewrites the whole file atomically.
    public func appendDurably(_ path: String, bytes: [UInt8]) throws {
        let existing = exists(path) ? try readAll(path) : []
        try write(path, bytes: existing + bytes)
    }
}

/// A path that names something outside its storage location, or that is not a valid relative path.
public struct StoragePathError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let reason: String
    public var description: String { "invalid storage path '\(path)': \(reason)" }
}

/// Checks and normalises a relative storage path ("a/./b/" → "a/b").
public func normalizedStoragePath(_ path: String) throws -> String {
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
        if part == "." { continue }
        if part == ".." {
            throw StoragePathError(path: path, reason: "'..' would leave the storage location")
        }
        parts.append(part)
    }
    return parts.joined(separator: "/")
}

/// True for the temporary names of unfinished atomic writes (`.NAME.partial-…`), which listings hide.
public func isTemporaryStorageName(_ name: String) -> Bool {
    name.hasPrefix(".") && name.contains(".partial-")
}
