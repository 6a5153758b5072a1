import DistSwiftIO

/// Where an array run keeps its state in the job's report location (the store for `ingest`, the results for
/// `process`), which every node must reach:
///
///     .distswift/ENGINE/RUN/manifest.json      the task list and how it was cut into array tasks
///     .distswift/ENGINE/RUN/tasks/POSITION.json one record per task, written by the array task that ran it
///     .distswift/ENGINE/RUN/logs/              the batch system's logs (e.g. slurm-JOB_INDEX.out)
///     .distswift/ENGINE/RUN/reported           written once the run's report was made
///     .distswift/journal-ENGINE-RUN-SLOT.jsonl  the journal of one array task (process)
///
/// ENGINE is the batch system's name (`slurm`).
/// RUN names sort in submission order ("20240101T120000.250Z-1a2b3c4d"), so the last is the latest.
public struct ArrayRunLayout: Sendable, Equatable {
    /// The folder of every run of one engine.
    public static func runsFolder(engine: String) -> String { RunJournal.folder + "/" + engine }

    public let engine: String
    public let run: String

    public init(engine: String, run: String) {
        self.engine = engine
        self.run = run
    }

    public var folder: String { Self.runsFolder(engine: engine) + "/" + run }
    public var manifest: String { folder + "/manifest.json" }
    public var tasksFolder: String { folder + "/tasks" }
    public var logsFolder: String { folder + "/logs" }
    public var reportedMarker: String { folder + "/reported" }

    /// Records are named by the task's position in the manifest: task ids may hold "/" (ingest's input paths).
    public func record(position: Int) -> String { tasksFolder + "/\(position).json" }

    public func journalFileName(slot: Int) -> String { "journal-\(engine)-\(run)-\(slot).jsonl" }

    /// A new run name: the submission's UTC time to the millisecond, then random hex so that two submissions at
    /// once still differ.
    public static func newRunName(nowNs: Int64) -> String {
        let stamp = UTCTime.iso8601(nowNs).prefix(19).filter { $0 != "-" && $0 != ":" }
        let milliseconds = String(nowNs / 1_000_000 % 1000)
        let random = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return "\(stamp)." + String(repeating: "0", count: 3 - milliseconds.count) + milliseconds + "Z-"
            + String(repeating: "0", count: 8 - random.count) + random
    }
}
