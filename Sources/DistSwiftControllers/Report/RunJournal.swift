import DistSwiftIO
import DistSwiftWorkers
import Foundation

/// The resume journal of `process`: one JSON line per finished task, holding its successful try, appended (and
/// flushed to disk) by the controller after the worker answered, i.e. after the task's outputs were renamed into
/// place. A rerun skips the
/// tasks journalled under the same job fingerprint (graph files and options), so a changed graph redoes the work,
/// and a controller killed at any moment loses at most the tasks that were running: they are not in the journal
/// and run again.
///
/// Lives in `{results}/.distswift/`; each shard appends to a file of its own (two machines appending to one file
/// on a network file system could interleave), and every shard's file is read.
public struct RunJournal: Sendable {
    public static let folder = ".distswift"

    public struct Entry: Codable, Sendable, Equatable {
        public var task: String
        public var fingerprint: String
        public var finishedNs: Int64
        /// The successful try; absent in journals written before tries were journalled, which are read the same.
        public var attempt: TaskAttempt?
    }

    public let location: any StorageLocation
    public let fingerprint: String
    public let path: String

    public init(location: any StorageLocation, fingerprint: String, shard: Shard) {
        self.init(location: location, fingerprint: fingerprint,
                  fileName: shard == .all ? "journal.jsonl" : "journal-shard-\(shard.index)-of-\(shard.count).jsonl")
    }

    /// A journal in a file of its own (`journal….jsonl`, so that `finishedTasks` reads it with the others): each
    /// array task of a cluster run appends to one, as each shard does.
    public init(location: any StorageLocation, fingerprint: String, fileName: String) {
        precondition(fileName.hasPrefix("journal") && fileName.hasSuffix(".jsonl") && !fileName.contains("/"))
        self.location = location
        self.fingerprint = fingerprint
        path = Self.folder + "/" + fileName
    }

    /// Tasks an earlier run finished under this fingerprint, from every shard's journal. A torn last line (the
    /// controller killed while appending) is ignored.
    public func finishedTasks() throws -> Set<String> {
        guard location.exists(Self.folder) else { return [] }
        var finished: Set<String> = []
        for entry in try location.list(Self.folder) where entry.name.hasPrefix("journal") && entry.name.hasSuffix(".jsonl") {
            for line in try location.readAll(Self.folder + "/" + entry.name).split(separator: UInt8(ascii: "\n")) {
                guard let record = try? JSONDecoder().decode(Entry.self, from: Data(line)),
                      record.fingerprint == fingerprint else { continue }
                finished.insert(record.task)
            }
        }
        return finished
    }

    /// Ends a torn last line before new entries are appended, so the first new entry stays readable.
    public func repairTornEnd() throws {
        guard location.exists(path) else { return }
        let bytes = try location.readAll(path)
        if let last = bytes.last, last != UInt8(ascii: "\n") {
            try location.appendDurably(path, bytes: [UInt8(ascii: "\n")])
        }
    }

    /// Records that the task of `attempt` finished with it; returns once the entry is on disk.
    public func record(_ attempt: TaskAttempt) throws {
        let entry = Entry(task: attempt.id, fingerprint: fingerprint, finishedNs: WallClock.nowNs, attempt: attempt)
        try location.appendDurably(path, bytes: Array((try TaskLine.encode(entry) + "\n").utf8))
    }
}
