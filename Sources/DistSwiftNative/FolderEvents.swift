#if canImport(Glibc)
import Glibc
#endif

/// Changes in a local folder tree, from Linux's inotify: what lets `distswift watch` take a record file as soon as
/// it is renamed into place instead of finding it at its next poll. Thin: it reports which names changed and how;
/// deciding when a file is complete is the caller's (the watcher re-lists the folder on every wake-up, so a lost or
/// overflowed event costs only latency, never a file).
///
/// Subfolders present when the watch starts, and those created later, are watched too.
public final class FolderEvents: @unchecked Sendable {
    /// One change of a name in the watched tree.
    public struct Event: Sendable, Equatable {
        /// The path relative to the watched root.
        public var path: String
        /// Renamed into place (the writer's "complete" signal).
        public var movedIn: Bool
        /// A folder was created (it is now watched too).
        public var isFolder: Bool
    }

    // inotify's flags (sys/inotify.h), spelled out: Swift does not import the enum-valued macros everywhere.
    private static let nonBlocking: Int32 = 0o4000
    private static let closeOnExec: Int32 = 0o2000000
    private static let modify: UInt32 = 0x2
    private static let closeWrite: UInt32 = 0x8
    private static let movedTo: UInt32 = 0x80
    private static let create: UInt32 = 0x100
    private static let overflow: UInt32 = 0x4000
    private static let isDirectory: UInt32 = 0x4000_0000
    private static let mask = modify | closeWrite | movedTo | create

    private let descriptor: Int32
    private let root: String
    /// Watch descriptor → folder relative to the root ("" for the root).
    private var folders: [Int32: String] = [:]

    /// Starts watching `root` and every folder below it; throws when inotify is unavailable or the folder is missing.
    public init(root: String, subfolders: [String]) throws {
        let fd = inotify_init1(Self.nonBlocking | Self.closeOnExec)
        guard fd >= 0 else { throw NativeError("inotify_init1", path: root, detail: String(cString: strerror(errno))) }
        descriptor = fd
        self.root = root
        try add("")
        for folder in subfolders { try? add(folder) }
    }

    deinit { _ = close(descriptor) }

    private func add(_ relative: String) throws {
        let path = relative.isEmpty ? root : root + "/" + relative
        let wd = inotify_add_watch(descriptor, path, Self.mask)
        guard wd >= 0 else {
            throw NativeError("inotify_add_watch", path: path, detail: String(cString: strerror(errno)))
        }
        folders[wd] = relative
    }

    /// Waits up to `timeoutMilliseconds` for changes and returns them (empty after a quiet wait). An overflow of the
    /// kernel's queue is returned as one event for the root, so the caller re-lists everything.
    public func wait(timeoutMilliseconds: Int32) -> [Event] {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, timeoutMilliseconds) > 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var events: [Event] = []
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            var offset = 0
            // struct inotify_event { int wd; uint32_t mask, cookie, len; char name[len]; } in native byte order.
            while offset + 16 <= count {
                let wd = Int32(bitPattern: Self.word(buffer, offset))
                let mask = Self.word(buffer, offset + 4)
                let length = Int(Self.word(buffer, offset + 12))
                let nameBytes = buffer[(offset + 16)..<min(offset + 16 + length, count)].prefix { $0 != 0 }
                offset += 16 + length
                if mask & Self.overflow != 0 {
                    events.append(Event(path: "", movedIn: false, isFolder: true))
                    continue
                }
                guard let folder = folders[wd], !nameBytes.isEmpty else { continue }
                let name = String(decoding: nameBytes, as: UTF8.self)
                let path = folder.isEmpty ? name : folder + "/" + name
                let isFolder = mask & Self.isDirectory != 0
                if isFolder && mask & (Self.create | Self.movedTo) != 0 { try? add(path) }
                events.append(Event(path: path, movedIn: mask & Self.movedTo != 0, isFolder: isFolder))
            }
        }
        return events
    }

    private static func word(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }
}
