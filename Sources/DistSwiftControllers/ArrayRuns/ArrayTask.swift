import DistSwiftIO
import DistSwiftWorkers
import Foundation
import Synchronization

/// One array task of a cluster run, on its node (`distswift array-task`): reads the run's manifest, runs its slice of
/// the task list on a local pool of its own (the same workers, retries and timeouts as a local run), and for every
/// task journals it (process) and writes its result record once its outputs are in place. Nothing is sent back to
/// the controller: it reads the records from the shared storage.
public struct ArrayTask: Sendable {
    public let location: any StorageLocation
    public let manifestPath: String
    public let slot: Int
    /// The `distswift` executable the slice's workers are started from (this process's own).
    public let executable: String
    public let environment: [String: String]

    public init(location: any StorageLocation, manifestPath: String, slot: Int, executable: String,
                environment: [String: String]) {
        self.location = location
        self.manifestPath = manifestPath
        self.slot = slot
        self.executable = executable
        self.environment = environment
    }

    public struct Summary: Sendable {
        public var tasks = 0
        public var ok = 0
        public var failed = 0
        /// Records or journal entries that could not be written (the controller will count those tasks failed).
        public var unwritten: [String] = []
    }

    /// Runs the slice; `say` gets one line per finished task, for the batch system's log.
    public func run(say: @escaping @Sendable (String) -> Void) async throws -> Summary {
        let manifest = try ArrayRunManifest.load(from: location, path: manifestPath)
        guard (0..<manifest.slotCount).contains(slot) else {
            throw EngineError(problem: "array index \(slot) is outside run \(manifest.run), which has slots "
                                  + "0…\(manifest.slotCount - 1)",
                              fix: "the array was submitted with other indices than its manifest says")
        }
        let positions = manifest.positions(slot: slot)
        let tasks = positions.map { manifest.tasks[$0] }
        let positionOf = Dictionary(positions.map { (manifest.tasks[$0], $0) }, uniquingKeysWith: { first, _ in first })
        let layout = manifest.layout
        let journal = manifest.journalFingerprint.map {
            RunJournal(location: location, fingerprint: $0, fileName: layout.journalFileName(slot: slot))
        }
        try journal?.repairTornEnd()
        let identity = BatchSystems.named(manifest.engine)
            .map { type(of: $0).arrayTaskIdentity(environment: environment) }
        let node = identity?.node ?? ProcessInfo.processInfo.hostName
        let batchTask = identity?.batchTask
        say("distswift \(manifest.job), run \(manifest.run), array slot \(slot) on \(node): \(tasks.count) "
            + "\(manifest.taskNoun)")

        let recorder = Recorder(location: location, layout: layout, journal: journal, positions: positionOf,
                                node: node, batchTask: batchTask, say: say)
        var options = manifest.pool.options
        options.workers = max(1, min(options.workers, tasks.count))
        let pool = WorkerPool(launch: WorkerLaunch(executable: executable, spec: manifest.spec,
                                                   parentEnvironment: environment),
                              options: options)
        let outcome = await pool.run(tasks) { event in
            switch event {
            case .succeeded(let attempt):
                recorder.tried(attempt)
                recorder.record(attempt.id, .ok, error: nil)
                say("\(attempt.id): ok" + String(format: " in %.2f s", attempt.seconds)
                    + (attempt.attempt > 1 ? " (try \(attempt.attempt))" : ""))
            case .attemptFailed(let attempt, let final):
                recorder.tried(attempt)
                say("\(attempt.id): try \(attempt.attempt) \(attempt.status.rawValue): \(attempt.error ?? "")")
                if final { recorder.record(attempt.id, .failed, error: attempt.error ?? attempt.status.rawValue) }
            case .tick, .note:
                break
            }
        }
        // Tasks that never reached a worker (none could be started) have a fate but no event.
        for id in tasks where !recorder.hasRecorded(id) && outcome.fates[id] != nil {
            recorder.record(id, outcome.fates[id] == .ok ? .ok : .failed, error: outcome.errors[id] ?? "did not run")
        }
        var summary = Summary()
        summary.tasks = tasks.count
        summary.ok = tasks.filter { outcome.fates[$0] == .ok }.count
        summary.failed = tasks.count - summary.ok
        summary.unwritten = recorder.unwritten
        return summary
    }
}

/// Writes the records of one array task as its tasks end, with every try so far.
private final class Recorder: Sendable {
    private struct State {
        var tries: [String: [TaskAttempt]] = [:]
        var recorded: Set<String> = []
        var unwritten: [String] = []
    }

    let location: any StorageLocation
    let layout: ArrayRunLayout
    let journal: RunJournal?
    let positions: [String: Int]
    let node: String
    let batchTask: String?
    let say: @Sendable (String) -> Void
    private let state = Mutex(State())

    init(location: any StorageLocation, layout: ArrayRunLayout, journal: RunJournal?, positions: [String: Int],
         node: String, batchTask: String?, say: @escaping @Sendable (String) -> Void) {
        self.location = location
        self.layout = layout
        self.journal = journal
        self.positions = positions
        self.node = node
        self.batchTask = batchTask
        self.say = say
    }

    func tried(_ attempt: TaskAttempt) {
        state.withLock { $0.tries[attempt.id, default: []].append(attempt) }
    }

    func hasRecorded(_ id: String) -> Bool { state.withLock { $0.recorded.contains(id) || $0.unwritten.contains(id) } }

    var unwritten: [String] { state.withLock { $0.unwritten } }

    /// Journals a success (its outputs are in place), then writes the task's record.
    func record(_ id: String, _ status: TaskFate, error failure: String?) {
        let attempts = state.withLock { $0.tries[id] ?? [] }
        let entry = ArrayTaskRecord(task: id, position: positions[id] ?? -1, status: status, error: failure, node: node,
                                    batchTask: batchTask, attempts: attempts)
        do {
            if status == .ok, let success = entry.succeeded { try journal?.record(success) }
            try location.write(layout.record(position: entry.position), bytes: try entry.encoded())
            state.withLock { _ = $0.recorded.insert(id) }
        } catch {
            state.withLock { $0.unwritten.append(id) }
            say("\(id): its result could not be recorded: \(error)")
        }
    }
}
