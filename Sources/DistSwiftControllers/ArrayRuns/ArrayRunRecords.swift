import DistSwiftIO
import DistSwiftWorkers
import Foundation

/// What the result records of an array run say so far: read again at every poll (one folder listing, then only the
/// new records), and turned into the run's outcome once it is over.
public struct ArrayRunRecords: Sendable {
    public let manifest: ArrayRunManifest
    /// By position in the manifest's task list.
    public private(set) var records: [Int: ArrayTaskRecord] = [:]

    public init(manifest: ArrayRunManifest) {
        self.manifest = manifest
    }

    public var missing: [Int] { manifest.tasks.indices.filter { records[$0] == nil } }
    public var isComplete: Bool { records.count == manifest.tasks.count }
    public var ok: Int { records.values.filter { $0.status == .ok }.count }
    public var failed: Int { records.values.filter { $0.status != .ok }.count }

    /// Reads the records written since the last call and returns them, in position order. With `byName`, every
    /// missing record is also looked up by its name: a network file system may show a folder listing older than a
    /// file opened by name.
    public mutating func refresh(from location: any StorageLocation, byName: Bool = false) throws -> [ArrayTaskRecord] {
        let layout = manifest.layout
        var candidates: [Int] = []
        if location.exists(layout.tasksFolder) {
            for entry in try location.list(layout.tasksFolder) where entry.name.hasSuffix(".json") {
                if let position = Int(entry.name.dropLast(5)), records[position] == nil { candidates.append(position) }
            }
        }
        if byName {
            candidates += missing.filter { !candidates.contains($0) && location.exists(layout.record(position: $0)) }
        }
        var new: [ArrayTaskRecord] = []
        for position in candidates.sorted() where manifest.tasks.indices.contains(position) {
            // A record that cannot be read yet (being replaced by a retry's) is read at the next poll.
            guard let bytes = try? location.readAll(layout.record(position: position)),
                  let record = try? ArrayTaskRecord.decode(bytes), record.task == manifest.tasks[position] else { continue }
            records[position] = record
            new.append(record)
        }
        return new
    }

    /// The log of the array task that runs `position`, as the nodes see it (nil before the run was submitted, or
    /// for a batch system this distswift does not know).
    public func logPath(position: Int) -> String? {
        guard let (submission, index) = manifest.submission(ofSlot: manifest.slot(ofPosition: position)),
              let system = BatchSystems.named(manifest.engine) else {
            return nil
        }
        return manifest.logsFolder + "/" + type(of: system).logFileName(jobID: submission.jobID, index: index)
    }

    /// The nodes that ran tasks, sorted: the report's rows.
    public var nodes: [String] { Set(records.values.map(\.node)).sorted() }

    /// The run as the controller's report counts it. Tasks without a record are `interrupted` while the run may
    /// still finish them (`lost` false: the controller stopped following), else failed with the reason and the
    /// array task's log.
    public func outcome(lost: Bool, stopped: Bool) -> RunOutcome {
        let rows = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1, $0) })
        var fates: [String: TaskFate] = [:]
        var errors: [String: String] = [:]
        var attempts: [TaskAttempt] = []
        for (position, id) in manifest.tasks.enumerated() {
            guard let record = records[position] else {
                fates[id] = lost ? .failed : .interrupted
                errors[id] = lost ? missingRecordError(position: position) : "still queued or running when the run was left"
                continue
            }
            fates[id] = record.status == .ok ? .ok : .failed
            if var error = record.error {
                // The workers' errors name the task already; said once is enough.
                if error.hasPrefix(id + ": ") { error.removeFirst(id.count + 2) }
                errors[id] = "\(id) on \(record.node): \(error)" + (logPath(position: position).map { " (log: \($0))" } ?? "")
            }
            attempts += record.attempts.map { $0.ran(by: rows[record.node] ?? 0) }
        }
        return RunOutcome(taskCount: manifest.tasks.count, fates: fates, errors: errors,
                          attempts: attempts.sorted { $0.startNs < $1.startNs }, wasStopped: stopped)
    }

    /// Why a task has no record, with the end of its array task's log, where the reason usually is.
    func missingRecordError(position: Int) -> String {
        let id = manifest.tasks[position]
        guard let log = logPath(position: position) else { return "\(id): was never submitted" }
        var text = "\(id): its array task ended without recording it (killed, out of memory, past its time limit, "
            + "or the node failed); log: \(log)"
        if let tail = Self.lastLines(of: log, count: 3) { text += "; it ends: " + tail }
        return text
    }

    static func lastLines(of file: String, count: Int) -> String? {
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        let lines = String(decoding: data.suffix(4096), as: UTF8.self).split(separator: "\n").suffix(count)
        return lines.isEmpty ? nil : lines.joined(separator: " | ")
    }

    /// When the run ended: its last record's last try.
    public var lastEndNs: Int64? { records.values.flatMap(\.attempts).map(\.endNs).max() }
}
