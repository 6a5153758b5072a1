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
    private let staged = Mutex<[StagedFile]>([])

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
        let files = staged.withLock { files in
            defer { files = [] }
            return files
        }
        guard !files.isEmpty else { return }
        do {
            let syncedAll = files.count >= Self.fileSystemSyncThreshold
                ? try NativeFileSystem.synchronizeFileSystem(containing: folder.root) : false
            if !syncedAll {
                for file in files { try NativeFileSystem.synchronizeFile(file.temporary) }
            }
            for file in files { try NativeFileSystem.rename(file.temporary, to: file.destination) }
        } catch {
            for file in files { try? FileManager.default.removeItem(atPath: file.temporary) }
            throw error
        }
        var synced: Set<String> = []
        for file in files where synced.insert(file.folder).inserted {
            NativeFileSystem.synchronizeDirectory(file.folder)
        }
    }

    /// Removes the files written since the last commit.
    public func discard() { rollBack(toPending: 0) }

    /// Removes the files written after the first `count` still pending (the part of a failed task).
    public func rollBack(toPending count: Int) {
        let files = staged.withLock { files in
            guard files.count > count else { return [StagedFile]() }
            defer { files.removeLast(files.count - count) }
            return Array(files[count...])
        }
        for file in files { try? FileManager.default.removeItem(atPath: file.temporary) }
    }

    public func writeAtomically(_ path: String, _ body: (any SequentialWriter) throws -> Void) throws {
        let file = try folder.stage(path, body)
        staged.withLock { $0.append(file) }
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
