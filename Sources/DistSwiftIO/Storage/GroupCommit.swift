import DistSwiftNative
import Foundation
import Synchronization

/// A local folder whose atomic writes are made durable as a group: each `writeAtomically` leaves its file under a
/// temporary name, unsynchronised; `commit` synchronises them all at once (one `syncfs` for the group on Linux),
/// then renames them into place in the order they were written and synchronises each folder once. Before
/// `commit`, a crash leaves only hidden temporary files, which readers never see; after it, every file is whole.
///
/// This is how a worker ingests many small files: per file, three fsyncs and three folder syncs become a share of
/// two of each per group (issue 21). Everything else (reads, listings, appends) goes straight to the folder.
public final class GroupCommit: StorageLocation {
    public let folder: LocalStorage
    private let staged = Mutex<[Pending]>([])

    /// A staged file and the further names it gets at the commit (hard links: one file written, several names).
    private struct Pending: Sendable {
        var file: StagedFile
        var otherNames: [String] = []
    }

    /// Groups of up to this many files are synchronised with `syncfs`; fewer are synchronised one by one (`syncfs`
    /// also flushes what other programs wrote, which costs more than a few fsyncs on a busy machine).
    public static let fileSystemSyncThreshold = 4

    public init(_ folder: LocalStorage) {
        self.folder = folder
    }

    /// Files written and not yet committed.
    public var pendingCount: Int { staged.withLock { $0.count } }

    /// Makes every file written since the last commit durable and puts it in place.
    public func commit() throws {
        let pending = staged.withLock { files in
            defer { files = [] }
            return files
        }
        guard !pending.isEmpty else { return }
        let files = pending.map(\.file)
        do {
            let syncedAll = files.count >= Self.fileSystemSyncThreshold
                ? try NativeFileSystem.synchronizeFileSystem(containing: folder.root) : false
            if !syncedAll {
                for file in files { try NativeFileSystem.synchronizeFile(file.temporary) }
            }
            for item in pending {
                if item.otherNames.isEmpty {
                    try NativeFileSystem.rename(item.file.temporary, to: item.file.destination)
                } else {
                    try Self.link(item.file, as: [item.file.destination] + item.otherNames)
                }
            }
        } catch {
            for file in files { try? FileManager.default.removeItem(atPath: file.temporary) }
            throw error
        }
        var synced: Set<String> = []
        for file in files where synced.insert(file.folder).inserted {
            NativeFileSystem.synchronizeDirectory(file.folder)
        }
    }

    /// Gives a synchronised staged file each of `names` (in its folder), then drops its temporary name. A name that
    /// exists already is replaced atomically (a further temporary link renamed over it). A crash part-way leaves
    /// some names given, each naming the whole file, and the hidden temporary (swept as any writer's debris).
    private static func link(_ file: StagedFile, as names: [String]) throws {
        for name in names where try !NativeFileSystem.hardLink(file.temporary, as: name) {
            let replacement = file.folder + "/" + TemporaryWriteName.make(for: (name as NSString).lastPathComponent)
            guard try NativeFileSystem.hardLink(file.temporary, as: replacement) else {
                throw NativeError("link", path: file.temporary, detail: "as \(replacement): it exists")
            }
            try NativeFileSystem.rename(replacement, to: name)
        }
        // Every name is in place: a temporary name that cannot be removed is only debris, not a failed commit.
        try? FileManager.default.removeItem(atPath: file.temporary)
    }

    /// Removes the files written since the last commit.
    public func discard() { rollBack(toPending: 0) }

    /// Removes the files written after the first `count` still pending (the part of a failed task).
    public func rollBack(toPending count: Int) {
        let files = staged.withLock { files in
            guard files.count > count else { return [Pending]() }
            defer { files.removeLast(files.count - count) }
            return Array(files[count...])
        }
        for item in files { try? FileManager.default.removeItem(atPath: item.file.temporary) }
    }

    public func writeAtomically(_ path: String, _ body: (any SequentialWriter) throws -> Void) throws {
        let file = try folder.stage(path, body)
        staged.withLock { $0.append(Pending(file: file)) }
    }

    /// One file under every name of `paths`, all in one folder: written once, and at the commit given each name
    /// (hard links) — for many small records of the same content, one new file instead of one each (issue 21: a
    /// small-file watch is bound by the kernel creating files). A name's content is never changed in place
    /// afterwards: every write replaces a name by rename, so the names part then.
    public func writeAtomically(names paths: [String], bytes: [UInt8]) throws {
        guard let first = paths.first else { return }
        let others = try paths.dropFirst().map { try folder.writable($0, renamedOnto: true) }
        let file = try folder.stage(first) { try $0.write(bytes) }
        guard others.allSatisfy({ ($0 as NSString).deletingLastPathComponent == file.folder }) else {
            try? FileManager.default.removeItem(atPath: file.temporary)
            throw StoragePathError(path: paths.joined(separator: ", "),
                                   reason: "the names of one file must share a folder")
        }
        staged.withLock { $0.append(Pending(file: file, otherNames: others)) }
    }

    public var description: String { folder.description }
    public func address(of path: String) -> String { folder.address(of: path) }
    public func list(_ path: String) throws -> [StorageEntry] { try folder.list(path) }
    public func listFiles(recursivelyUnder path: String) throws -> [String] {
        try folder.listFiles(recursivelyUnder: path)
    }
    public func exists(_ path: String) -> Bool { folder.exists(path) }
    public func openForReading(_ path: String) throws -> any RandomAccessReader { try folder.openForReading(path) }
    public func writeAtomically(_ path: String, viaTemporaryFile body: (String) throws -> Void) throws {
        try folder.writeAtomically(path, viaTemporaryFile: body)
    }
    public func appendDurably(_ path: String, bytes: [UInt8]) throws { try folder.appendDurably(path, bytes: bytes) }
    public func createExclusively(_ path: String, bytes: [UInt8]) throws -> Bool {
        try folder.createExclusively(path, bytes: bytes)
    }
    public func changeStamp(_ path: String) -> String? { folder.changeStamp(path) }
    public func makeFolder(_ path: String) throws { try folder.makeFolder(path) }
    public func remove(_ path: String) throws { try folder.remove(path) }
    public func localPath(of path: String) -> String? { folder.localPath(of: path) }
    public func sublocation(_ path: String) throws -> any StorageLocation { try folder.sublocation(path) }
}
