import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open file with positioned, typed reads and sequential typed writes.
///
/// Positioned reads (`pread`) let a reader take one channel block out of a chunk without reading the rest, and let
/// several threads read one file without sharing a file offset.
public final class NativeFile: @unchecked Sendable {
    public let path: String
    private let descriptor: FileDescriptor
    private var isClosed = false

    private init(path: String, descriptor: FileDescriptor) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        if !isClosed { try? descriptor.close() }
    }

    /// Opens an existing file for reading.
    public static func openForReading(_ path: String) throws -> NativeFile {
        do {
            let fd = try FileDescriptor.open(FilePath(path), .readOnly, options: [.closeOnExec])
            return NativeFile(path: path, descriptor: fd)
        } catch let errno as Errno {
            throw NativeError("open", path: path, detail: errno.description)
        }
    }

    /// Creates (or truncates) a file for writing, readable by everyone, writable by the owner.
    public static func create(_ path: String) throws -> NativeFile {
        do {
            let fd = try FileDescriptor.open(
                FilePath(path), .writeOnly, options: [.create, .truncate, .closeOnExec],
                permissions: [.ownerReadWrite, .groupRead, .otherRead])
            return NativeFile(path: path, descriptor: fd)
        } catch let errno as Errno {
            throw NativeError("create", path: path, detail: errno.description)
        }
    }

    /// Creates a file only if no file of that name exists (O_EXCL: atomic, also among processes); nil when one does.
    public static func createExclusively(_ path: String) throws -> NativeFile? {
        do {
            let fd = try FileDescriptor.open(
                FilePath(path), .writeOnly, options: [.create, .exclusiveCreate, .closeOnExec],
                permissions: [.ownerReadWrite, .groupRead, .otherRead])
            return NativeFile(path: path, descriptor: fd)
        } catch Errno.fileExists {
            return nil
        } catch let errno as Errno {
            throw NativeError("create", path: path, detail: errno.description)
        }
    }

    /// Opens a file for appending, creating it when missing: every write lands at the end, for append-only journals.
    public static func openForAppending(_ path: String) throws -> NativeFile {
        do {
            let fd = try FileDescriptor.open(
                FilePath(path), .writeOnly, options: [.create, .append, .closeOnExec],
                permissions: [.ownerReadWrite, .groupRead, .otherRead])
            return NativeFile(path: path, descriptor: fd)
        } catch let errno as Errno {
            throw NativeError("open for appending", path: path, detail: errno.description)
        }
    }

    /// The file's size in bytes.
    public func size() throws -> Int {
        do {
            let end = try descriptor.seek(offset: 0, from: .end)
            return Int(end)
        } catch let errno as Errno {
            throw NativeError("seek", path: path, detail: errno.description)
        }
    }

    /// Reads exactly `count` bytes starting at `offset`.
    public func readBytes(at offset: Int, count: Int) throws -> [UInt8] {
        try read(UInt8.self, count: count, at: offset)
    }

    /// Reads `count` values of `T` stored contiguously at byte `offset`, in the file's own byte order.
    public func read<T: NativeScalar>(_ type: T.Type, count: Int, at offset: Int) throws -> [T] {
        precondition(count >= 0 && offset >= 0)
        return try Self.gather(type, count: count, runs: [Run(file: self, offset: offset, count: count, destination: 0)])
    }

    /// A run of values stored contiguously in a file, and where it goes in the array `gather` fills.
    public struct Run: Sendable {
        public let file: NativeFile
        /// Byte offset in the file.
        public let offset: Int
        public let count: Int
        /// Index of its first value in the array.
        public let destination: Int

        public init(file: NativeFile, offset: Int, count: Int, destination: Int) {
            self.file = file
            self.offset = offset
            self.count = count
            self.destination = destination
        }
    }

    /// An array of `count` values of `T` read straight from `runs` (positioned reads into their places, no
    /// intermediate arrays): a chunk with its halo from its neighbours' files, row by row, in one copy. The runs
    /// must cover every element exactly once.
    public static func gather<T: NativeScalar>(_ type: T.Type, count: Int, runs: [Run]) throws -> [T] {
        precondition(runs.reduce(0) { $0 + $1.count } == count, "the runs must cover the array")
        var failure: Error?
        let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            FreshBuffer.preferHugePages(raw)
            let width = MemoryLayout<T>.stride
            do {
                for run in runs {
                    precondition(run.destination >= 0 && run.destination + run.count <= count)
                    let slice = UnsafeMutableRawBufferPointer(
                        rebasing: raw[(run.destination * width)..<((run.destination + run.count) * width)])
                    try run.file.readFully(into: slice, byteCount: run.count * width, at: run.offset)
                }
                initialized = count
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        return values
    }

    private func readFully(into buffer: UnsafeMutableRawBufferPointer, byteCount: Int, at offset: Int) throws {
        var done = 0
        while done < byteCount {
            let slice = UnsafeMutableRawBufferPointer(rebasing: buffer[done..<byteCount])
            let n: Int
            do {
                n = try descriptor.read(fromAbsoluteOffset: Int64(offset + done), into: slice, retryOnInterrupt: true)
            } catch let errno as Errno {
                throw NativeError("read", path: path, detail: errno.description)
            }
            if n == 0 {
                throw NativeError(
                    "read", path: path,
                    detail: "the file ends at byte \(offset + done) but \(byteCount - done) more bytes were expected "
                        + "(file truncated?)")
            }
            done += n
        }
    }

    /// Appends the bytes of `values` at the current position.
    public func write<T: NativeScalar>(_ values: [T]) throws {
        try values.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                do {
                    done += try descriptor.write(
                        UnsafeRawBufferPointer(rebasing: raw[done...]), retryOnInterrupt: true)
                } catch let errno as Errno {
                    throw NativeError("write", path: path, detail: errno.description)
                }
            }
        }
    }

    /// Flushes the file's data to the storage device, so a rename after it cannot expose an empty file after a crash.
    public func synchronize() throws {
        if fsync(descriptor.rawValue) != 0 {
            throw NativeError("fsync", path: path, detail: Errno(rawValue: errno).description)
        }
    }

    public func close() throws {
        guard !isClosed else { return }
        isClosed = true
        do { try descriptor.close() } catch let errno as Errno {
            throw NativeError("close", path: path, detail: errno.description)
        }
    }
}

/// File-system operations that must be atomic or that Foundation does not expose.
public enum NativeFileSystem {
    /// Atomically replaces `destination` with `source` (both on the same file system).
    public static func rename(_ source: String, to destination: String) throws {
        if Glibc.rename(source, destination) != 0 {
            throw NativeError("rename", path: source, detail: "to \(destination): \(Errno(rawValue: errno).description)")
        }
    }

    /// Gives the file at `existing` a further name, `newName` (a hard link: no new inode, no data written). False
    /// when `newName` exists already (it is left as it is).
    public static func hardLink(_ existing: String, as newName: String) throws -> Bool {
        if Glibc.link(existing, newName) == 0 { return true }
        if errno == EEXIST { return false }
        throw NativeError("link", path: existing, detail: "as \(newName): \(Errno(rawValue: errno).description)")
    }

    /// Whether anything has the name `path`, a symbolic link counted as itself (`lstat`, one system call).
    public static func entryExists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    /// The absolute path with every symbolic link resolved (`realpath`), or nil when it does not exist.
    public static func resolvedPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Flushes a directory entry table, making a completed rename durable.
    public static func synchronizeDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        _ = Glibc.close(fd)
    }

    /// Makes a file's data durable (open, fsync, close): for files written earlier and synchronised as a group.
    public static func synchronizeFile(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw NativeError("open", path: path, detail: Errno(rawValue: errno).description) }
        defer { _ = Glibc.close(fd) }
        if fsync(fd) != 0 { throw NativeError("fsync", path: path, detail: Errno(rawValue: errno).description) }
    }

    /// Makes everything written to the file system that holds `path` durable in one call (Linux `syncfs`): one
    /// journal commit for a whole group of files instead of one per file. Elsewhere: false, and the caller
    /// synchronises its files one by one.
    public static func synchronizeFileSystem(containing path: String) throws -> Bool {
        #if os(Linux)
        guard let syncfs = Self.syncfs else { return false }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw NativeError("open", path: path, detail: Errno(rawValue: errno).description) }
        defer { _ = Glibc.close(fd) }
        if syncfs(fd) != 0 { throw NativeError("syncfs", path: path, detail: Errno(rawValue: errno).description) }
        return true
        #else
        return false
        #endif
    }

    #if os(Linux)
    /// glibc's `syncfs`, which its Swift module does not declare (it is a GNU extension): looked up once.
    private static let syncfs: (@convention(c) (Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "syncfs") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
    }()
    #endif

    /// The id of this process, used to make temporary file names unique between concurrent writers.
    public static var processID: Int32 { getpid() }
}
