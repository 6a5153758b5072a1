import DistSwiftNative
import Foundation

/// A storage location in a local (or network-mounted) folder.
public struct LocalStorage: StorageLocation {
    /// The absolute path of the folder.
    public let root: String
    /// Test-only fault injection (see `WriteFaults`); nil in normal use.
    public let faults: WriteFaults?
    /// Folders found inside the location by an earlier write's check, shared by the copies of this value.
    private let checkedFolders = CheckedFolders()

    public init(root: String, faults: WriteFaults? = nil) {
        self.root = URL(fileURLWithPath: root).standardizedFileURL.path
        self.faults = faults
    }

    public var description: String { root }

    private func absolute(_ path: String) throws -> String {
        let relative = try normalizedStoragePath(path)
        return relative.isEmpty ? root : root + "/" + relative
    }

    /// The absolute path to write `path` at, refused when a symbolic link inside the location would take the write
    /// outside it (a link planted in the results folder must not let a `directory_out` land elsewhere). The deepest
    /// folder of the path that exists, and the file itself when it exists, must resolve inside the location's own
    /// resolved folder.
    ///
    /// `renamedOnto`: the file is put in place by a rename, which replaces a link at the name rather than writing
    /// through it, so only its folder matters.
    func writable(_ path: String, renamedOnto: Bool = false) throws -> String {
        let destination = try absolute(path)
        // A file in a folder checked before needs no walk: its folder was resolved once (realpath, a system call
        // per component: three per write were 4 % of a small-file watch, issue 21). A name that exists and is
        // written through — it may be a link — is checked in full every time.
        let folder = (destination as NSString).deletingLastPathComponent
        if checkedFolders.contains(folder) && (renamedOnto || !NativeFileSystem.entryExists(destination)) {
            return destination
        }
        // realpath(3) resolves a path in one call; Foundation's resolvingSymlinksInPath took ~14 % of a watch
        // worker's time on small files (two walks of every component, per write).
        let realRoot = NativeFileSystem.resolvedPath(root) ?? URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        var probe = destination
        var resolved = NativeFileSystem.resolvedPath(probe)
        while resolved == nil && probe != root && probe.count > 1
            && (try? FileManager.default.destinationOfSymbolicLink(atPath: probe)) == nil {
            probe = (probe as NSString).deletingLastPathComponent
            resolved = NativeFileSystem.resolvedPath(probe)
        }
        let real = resolved ?? URL(fileURLWithPath: probe).resolvingSymlinksInPath().path
        guard real == realRoot || real.hasPrefix(realRoot.hasSuffix("/") ? realRoot : realRoot + "/") else {
            throw StoragePathError(path: path, reason: "\(probe) is a symbolic link (or lies under one) that leads "
                + "to \(real), outside \(root); writes never follow links out of the location — remove the link, "
                + "or point the location itself at the target")
        }
        if probe == folder { checkedFolders.insert(folder) }
        return destination
    }

    public func address(of path: String) -> String {
        (try? absolute(path)) ?? root + "/" + path
    }

    public func localPath(of path: String) -> String? { try? absolute(path) }

    public func list(_ path: String) throws -> [StorageEntry] {
        let folder = try absolute(path)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw NativeError("list folder", path: folder, detail: "it does not exist or cannot be read")
        }
        return names.filter { !isTemporaryStorageName($0) }.sorted().map { name in
            let full = folder + "/" + name
            let attributes = try? FileManager.default.attributesOfItem(atPath: full)
            let isFolder = (attributes?[.type] as? FileAttributeType) == .typeDirectory
            let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
            return StorageEntry(name: name, isFolder: isFolder, size: size,
                                changeStamp: isFolder ? nil : attributes.flatMap(Self.changeStamp(of:)))
        }
    }

    public func listFiles(recursivelyUnder path: String) throws -> [String] {
        var files: [String] = []
        func walk(_ relative: String) throws {
            for entry in try list(relative) {
                let child = relative.isEmpty ? entry.name : relative + "/" + entry.name
                if entry.isFolder { try walk(child) } else { files.append(child) }
            }
        }
        let start = try normalizedStoragePath(path)
        try walk(start)
        let prefix = start.isEmpty ? 0 : start.count + 1
        return files.map { String($0.dropFirst(prefix)) }.sorted()
    }

    public func exists(_ path: String) -> Bool {
        guard let full = try? absolute(path) else { return false }
        return FileManager.default.fileExists(atPath: full)
    }

    public func openForReading(_ path: String) throws -> any RandomAccessReader {
        LocalFileReader(file: try NativeFile.openForReading(try absolute(path)))
    }

    public func writeAtomically(_ path: String, _ body: (any SequentialWriter) throws -> Void) throws {
        try writeAtomically(path, viaTemporaryFile: { temporary in
            try Self.writeFile(temporary, faults: faults, synchronize: true, body)
        })
    }

    /// For writers that need a file path of their own (HDF5): `body` writes and closes the file at the temporary
    /// path it is given, which is then renamed to `path`; on any error the temporary file is removed.
    public func writeAtomically(_ path: String, viaTemporaryFile body: (String) throws -> Void) throws {
        let staged = try stage(path, viaTemporaryFile: body)
        do {
            try NativeFileSystem.rename(staged.temporary, to: staged.destination)
            NativeFileSystem.synchronizeDirectory(staged.folder)
        } catch {
            try? FileManager.default.removeItem(atPath: staged.temporary)
            throw error
        }
    }

    /// Writes `path` under a temporary name and leaves it there, not yet synchronised: `GroupCommit` makes a group
    /// of such files durable together and then renames them into place. On any error nothing is left behind.
    public func stage(_ path: String, _ body: (any SequentialWriter) throws -> Void) throws -> StagedFile {
        try stage(path, viaTemporaryFile: { temporary in
            try Self.writeFile(temporary, faults: faults, synchronize: false, body)
        })
    }

    private static func writeFile(_ path: String, faults: WriteFaults?, synchronize: Bool,
                                  _ body: (any SequentialWriter) throws -> Void) throws {
        let file = try NativeFile.create(path)
        do {
            try body(LocalFileWriter(file: file, faults: faults))
            if synchronize { try file.synchronize() }
            try file.close()
        } catch {
            try? file.close()
            throw error
        }
    }

    private func stage(_ path: String, viaTemporaryFile body: (String) throws -> Void) throws -> StagedFile {
        let destination = try writable(path, renamedOnto: true)
        let folder = (destination as NSString).deletingLastPathComponent
        let name = (destination as NSString).lastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // Hidden, unique per writer: concurrent writers of one name never share a temporary file, and listings
        // and readers never mistake it for a finished file.
        let temporary = folder + "/" + TemporaryWriteName.make(for: name)
        do {
            try body(temporary)
            return StagedFile(temporary: temporary, destination: destination, folder: folder)
        } catch let error as NativeError where error.path == temporary {
            try? FileManager.default.removeItem(atPath: temporary)
            // Name the file being written, not its hidden temporary name, and say what to do on a full disk.
            let full = error.detail.contains("No space left") || error.detail.contains("Disk quota")
            throw NativeError("write", path: destination, detail: error.detail + (full
                ? " (nothing of it was kept; free space in \(folder) and run again: finished files are kept)" : ""))
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    public func appendDurably(_ path: String, bytes: [UInt8]) throws {
        let destination = try writable(path)
        let folder = (destination as NSString).deletingLastPathComponent
        let isNew = !FileManager.default.fileExists(atPath: destination)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = try NativeFile.openForAppending(destination)
        try file.write(bytes)
        try file.synchronize()
        try file.close()
        // A new file's name must be durable too, or a crash could lose the whole journal with its first entry.
        if isNew { NativeFileSystem.synchronizeDirectory(folder) }
    }

    /// The modification time (ns) and the inode: a file rewritten under the same name with its time kept (rsync
    /// -t writes a new file and renames it) still gets a new stamp.
    public func changeStamp(_ path: String) -> String? {
        guard let full = try? absolute(path), let attributes = try? FileManager.default.attributesOfItem(atPath: full)
        else { return nil }
        return Self.changeStamp(of: attributes)
    }

    /// The modification time (ns) and the inode: an atomic rewrite (a new file renamed into place) changes the inode
    /// even within the file system's time resolution.
    static func changeStamp(of attributes: [FileAttributeKey: Any]) -> String? {
        guard let date = attributes[.modificationDate] as? Date else { return nil }
        let inode = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
        return "\(Int64((date.timeIntervalSince1970 * 1e9).rounded()))-\(inode)"
    }

    public func createExclusively(_ path: String, bytes: [UInt8]) throws -> Bool {
        let destination = try writable(path)
        let folder = (destination as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        guard let file = try NativeFile.createExclusively(destination) else { return false }
        do {
            try file.write(bytes)
            try file.synchronize()
            try file.close()
        } catch {
            try? file.close()
            try? FileManager.default.removeItem(atPath: destination)
            throw error
        }
        NativeFileSystem.synchronizeDirectory(folder)
        return true
    }

    public func makeFolder(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: try writable(path), withIntermediateDirectories: true)
    }

    public func remove(_ path: String) throws {
        let full = try writable(path)
        if FileManager.default.fileExists(atPath: full) { try FileManager.default.removeItem(atPath: full) }
    }

    public func sublocation(_ path: String) throws -> any StorageLocation {
        LocalStorage(root: try absolute(path), faults: faults)
    }
}

/// A file written under a temporary name, not yet renamed to `destination` (in `folder`).
public struct StagedFile: Sendable, Equatable {
    public let temporary: String
    public let destination: String
    public let folder: String
}

/// A reader over a local file, whose positioned reads can go straight into a shared array (`NativeFile.gather`).
protocol NativeFileReader: RandomAccessReader {
    var file: NativeFile { get }
}

struct LocalFileReader: NativeFileReader {
    let file: NativeFile
    var address: String { file.path }
    func size() throws -> Int { try file.size() }
    func readBytes(at offset: Int, count: Int) throws -> [UInt8] { try file.readBytes(at: offset, count: count) }
    func read<T: NativeScalar>(_ type: T.Type, count: Int, at offset: Int) throws -> [T] {
        try file.read(type, count: count, at: offset)
    }
}

final class LocalFileWriter: SequentialWriter {
    let file: NativeFile
    let faults: WriteFaults?
    private var written = 0

    init(file: NativeFile, faults: WriteFaults?) {
        self.file = file
        self.faults = faults
    }

    func write(_ bytes: [UInt8]) throws { try write(values: bytes) }
    func write<T: NativeScalar>(_ values: [T]) throws { try write(values: values) }

    private func write<T: NativeScalar>(values: [T]) throws {
        let bytes = values.count * MemoryLayout<T>.stride
        if let limit = faults?.stallAfterBytes, written + bytes > limit {
            // Write part of the data, then hang, so that a test can kill the process in the middle of a write.
            let keep = max(0, (limit - written) / MemoryLayout<T>.stride)
            try file.write(Array(values.prefix(keep)))
            faults?.stall()
        }
        try file.write(values)
        written += bytes
    }
}
