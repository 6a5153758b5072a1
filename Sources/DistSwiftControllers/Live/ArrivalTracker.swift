import DistSwiftWorkers

/// Decides when a record file in the watched location is complete, for the two ways instruments deliver files:
/// renamed into place from a temporary name (complete at once: the rename is reported by inotify, and temporary
/// names are never listed), or created under its name and appended to (complete once its size and change stamp
/// have not changed for `settleSeconds`). Polled locations (network folders, S3) have no rename events: every file
/// there settles. A file's arrival time is when it was first seen as it finally is, the start of its latency.
public struct ArrivalTracker: Sendable {
    /// One file as a listing shows it.
    public struct Sighting: Sendable, Equatable {
        public var path: String
        public var size: Int
        /// The location's change stamp (modification time and inode, or ETag); nil where it has none.
        public var stamp: String?

        public init(path: String, size: Int, stamp: String?) {
            self.path = path
            self.size = size
            self.stamp = stamp
        }
    }

    /// A file found complete.
    public struct Arrival: Sendable, Equatable {
        public var path: String
        public var size: Int
        public var arrivedNs: Int64

        public init(path: String, size: Int, arrivedNs: Int64) {
            self.path = path
            self.size = size
            self.arrivedNs = arrivedNs
        }
    }

    private struct Watched {
        var size: Int
        var stamp: String?
        var unchangedSinceNs: Int64
    }

    public let settleSeconds: Double
    private var watched: [String: Watched] = [:]
    private var movedIn: [String: Int64] = [:]

    public init(settleSeconds: Double) {
        self.settleSeconds = settleSeconds
    }

    /// Files still settling (seen, not yet complete).
    public var settling: Int { watched.count }

    /// Their paths.
    public var settlingPaths: [String] { Array(watched.keys) }

    /// A name was renamed into place at `atNs` (inotify's IN_MOVED_TO).
    public mutating func renamedIntoPlace(_ path: String, atNs: Int64) {
        movedIn[path] = atNs
    }

    /// Takes a listing of the files not yet taken and returns those now complete; they are forgotten here (the
    /// caller takes each once). Files that vanished from the listing are forgotten too, unless the listing is
    /// `partial` (some names only).
    public mutating func update(_ sightings: [Sighting], nowNs: Int64, partial: Bool = false) -> [Arrival] {
        var complete: [Arrival] = []
        var seen: Set<String> = []
        for s in sightings {
            seen.insert(s.path)
            if let renamedNs = movedIn[s.path], s.size > 0 {
                complete.append(Arrival(path: s.path, size: s.size, arrivedNs: renamedNs))
                watched[s.path] = nil
                movedIn[s.path] = nil
                continue
            }
            guard let known = watched[s.path], known.size == s.size, known.stamp == s.stamp else {
                watched[s.path] = Watched(size: s.size, stamp: s.stamp, unchangedSinceNs: nowNs)
                continue
            }
            if s.size > 0 && Double(nowNs - known.unchangedSinceNs) / 1e9 >= settleSeconds {
                complete.append(Arrival(path: s.path, size: s.size, arrivedNs: known.unchangedSinceNs))
                watched[s.path] = nil
            }
        }
        guard !partial else { return complete.sorted { $0.path < $1.path } }
        for path in watched.keys where !seen.contains(path) { watched[path] = nil }
        for path in movedIn.keys where !seen.contains(path) && movedIn[path]! < nowNs - 60_000_000_000 {
            movedIn[path] = nil
        }
        return complete.sorted { $0.path < $1.path }
    }
}
