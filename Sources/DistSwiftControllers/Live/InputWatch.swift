import DistSwiftIO
import DistSwiftNative
import Foundation

/// Follows the watched input location: lists its record files with their sizes and change stamps, and waits for
/// the next reason to look again. A local folder wakes the watch through inotify (`FolderEvents`) as soon as a file
/// is renamed into place or written, with a short timeout so files that settle by size are still checked; a
/// network folder (where inotify sees only this machine's writes) or an S3 prefix is listed every `pollSeconds`.
public final class InputWatch: @unchecked Sendable {
    public let location: any StorageLocation
    public let pollSeconds: Double
    private let events: FolderEvents?
    /// Why inotify is not used, for the start-up message.
    public let mode: String

    /// Names writers use while a file is incomplete, when they do not hide it with a leading dot: never taken.
    static let temporarySuffixes = [".tmp", ".temp", ".part", ".partial", ".inprogress", ".lock", "~"]

    public init(location: any StorageLocation, pollSeconds: Double, useNotifications: Bool) {
        self.location = location
        self.pollSeconds = pollSeconds
        if useNotifications, let root = location.localPath(of: "") {
            try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            let subfolders = (try? FileManager.default.subpathsOfDirectory(atPath: root))?.filter { path in
                var isFolder: ObjCBool = false
                return FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isFolder)
                    && isFolder.boolValue
            } ?? []
            events = try? FolderEvents(root: root, subfolders: subfolders)
            mode = events == nil ? "polling every \(pollSeconds) s (inotify could not watch \(root))"
                : "inotify on \(root)"
        } else {
            events = nil
            mode = "polling every \(pollSeconds) s"
        }
    }

    /// Whether a name is one of a record file to take (not hidden, not a temporary name).
    public static func isCandidate(_ path: String) -> Bool {
        !path.split(separator: "/").contains { $0.hasPrefix(".") }
            && !temporarySuffixes.contains { path.lowercased().hasSuffix($0) }
    }

    /// Every candidate file below the location that is not `taken`, with size and change stamp.
    public func list(excluding taken: (String) -> Bool) throws -> [ArrivalTracker.Sighting] {
        var found: [ArrivalTracker.Sighting] = []
        func walk(_ folder: String) throws {
            for entry in try location.list(folder) {
                let path = folder.isEmpty ? entry.name : folder + "/" + entry.name
                guard Self.isCandidate(path) else { continue }
                if entry.isFolder {
                    try walk(path)
                } else if !taken(path) {
                    found.append(.init(path: path, size: entry.size, stamp: location.changeStamp(path)))
                }
            }
        }
        if location.localPath(of: "") == nil || location.exists("") { try walk("") }
        return found
    }

    /// What a wait saw.
    public struct Wake: Sendable {
        /// Names renamed into place (inotify).
        public var renamed: [String]
        /// Whether the location must be listed: an inotify event other than a rename into place (a file created
        /// or written: it may be growing), or a polled location.
        public var changed: Bool
    }

    /// Waits until something may have changed: an inotify event, or the poll interval. `settleWaitSeconds` bounds
    /// the wait while files are settling, so they are seen to settle.
    public func wait(settleWaitSeconds: Double?) -> Wake {
        let seconds = min(pollSeconds, settleWaitSeconds ?? pollSeconds)
        guard let events else {
            Thread.sleep(forTimeInterval: seconds)
            return Wake(renamed: [], changed: true)
        }
        let seen = events.wait(timeoutMilliseconds: Int32(max(1, seconds * 1000)))
        return Wake(renamed: seen.filter { $0.movedIn && !$0.isFolder && Self.isCandidate($0.path) }.map(\.path),
                    changed: seen.contains { !$0.movedIn || $0.isFolder })
    }

    /// The named files as a listing would show them (those renamed into place: no need to list the whole folder,
    /// which may hold many thousand files). A name that is gone is left out.
    public func sightings(of paths: [String], excluding taken: (String) -> Bool) -> [ArrivalTracker.Sighting] {
        paths.filter { !taken($0) }.compactMap { path in
            guard let size = try? location.openForReading(path).size() else { return nil }
            return .init(path: path, size: size, stamp: location.changeStamp(path))
        }
    }

    /// Whether notifications tell this watch about changes (else every wake-up lists the location).
    public var isNotified: Bool { events != nil }
}
