import DistSwiftControllers
import DistSwiftIO
import DistSwiftTestSupport
import DistSwiftWorkers
import Foundation
import Testing

/// The parts of the worker pool that need no process: the in-flight rule, the worker loop's protocol, fault
/// parsing, the resume journal. `PoolTests` (CLI) runs the whole pool with real worker processes.
@Suite("Worker pool parts")
struct PoolPartsTests {
    @Test("in-flight depth: 1 before any task finished, ~50 ms of work for short tasks, Pool.map's tail limit")
    func inFlightDepth() {
        #expect(InFlightDepth.automatic(meanTaskSeconds: nil, pendingTasks: 10_000, workers: 4) == 1)
        // A long task: one running, one waiting.
        #expect(InFlightDepth.automatic(meanTaskSeconds: 2, pendingTasks: 10_000, workers: 4) == 2)
        // 5 ms tasks: 1 + 10 in flight.
        #expect(InFlightDepth.automatic(meanTaskSeconds: 0.005, pendingTasks: 10_000, workers: 4) == 11)
        // Near the end, at least four hand-outs per worker stay in the queue.
        #expect(InFlightDepth.automatic(meanTaskSeconds: 0.005, pendingTasks: 40, workers: 4) == 2)
        #expect(InFlightDepth.automatic(meanTaskSeconds: 0.005, pendingTasks: 3, workers: 4) == 1)
        #expect(InFlightDepth.automatic(meanTaskSeconds: 1e-7, pendingTasks: 1_000_000, workers: 1) == 64)
    }

    /// A job whose task "bad" throws and whose other tasks report their name's length as bytes.
    struct EchoJob: WorkerJob {
        func perform(_ taskID: String) throws -> TaskOutcome {
            if taskID == "bad" { throw StoreError(location: "/store", problem: "has no chunk bad") }
            return TaskOutcome(bytes: taskID.count, note: "echo")
        }
    }

    private func serve(_ lines: [String], job: Result<any WorkerJob, any Error>,
                       faults: WorkerFaults = .none) throws -> [TaskAttempt] {
        var input = lines.makeIterator()
        var output: [String] = []
        WorkerLoop(job: job, faults: faults).serve(nextLine: { input.next() }, send: { output.append($0) })
        #expect(output.allSatisfy { !$0.contains("\n") })
        return try output.map { try TaskLine.decode(TaskAttempt.self, from: $0) }
    }

    /// A job that commits in groups and counts its tasks and commits.
    final class GroupingJob: WorkerJob, @unchecked Sendable {
        var performed: [String] = []
        var commits = 0
        var commitsInGroups: Bool { true }
        func perform(_ taskID: String) throws -> TaskOutcome {
            performed.append(taskID)
            return TaskOutcome(bytes: 1, note: nil)
        }
        func commit() throws { commits += 1 }
    }

    @Test("a worker whose controller is gone runs no further task and commits nothing it holds")
    func controllerGone() throws {
        let lines = try ["a", "b", "c", "d"].map { try TaskLine.encode(TaskMessage(id: $0, attempt: 1)) }
        // The controller dies while "b" runs: "b" is held uncommitted, "c" and "d" (still in the pipe) never run.
        let job = GroupingJob()
        var input = lines.makeIterator()
        var output: [String] = []
        WorkerLoop(job: .success(job)).serve(nextLine: { input.next() }, hasWaitingInput: { true },
                                             controllerAlive: { job.performed.count < 2 }, send: { output.append($0) })
        #expect(job.performed == ["a", "b"] && job.commits == 0, "\(job.performed), \(job.commits) commits")
        #expect(output.count == 2 && output.allSatisfy { $0.contains("staged") }, "only staged notices: \(output)")
        // With its controller there, the same input is run whole and committed once at the end of input.
        let alive = GroupingJob()
        input = lines.makeIterator()
        output = []
        WorkerLoop(job: .success(alive)).serve(nextLine: { input.next() }, hasWaitingInput: { true },
                                               send: { output.append($0) })
        #expect(alive.performed == ["a", "b", "c", "d"] && alive.commits == 1)
    }

    @Test("the worker loop answers one line per task, in order, with status, error, times and bytes")
    func workerLoop() throws {
        let lines = try [TaskMessage(id: "a.npy", attempt: 1), TaskMessage(id: "bad", attempt: 2)].map(TaskLine.encode)
        let results = try serve(lines + ["", "not json"], job: .success(EchoJob()))
        #expect(results.map(\.id) == ["a.npy", "bad", ""])
        #expect(results[0].status == .ok && results[0].bytes == 5 && results[0].note == "echo")
        #expect(results[0].endNs >= results[0].startNs && results[0].pid == getpid())
        #expect(results[1].status == .failed && results[1].attempt == 2)
        #expect(results[1].error == "/store has no chunk bad")
        #expect(results[2].status == .failed && results[2].error?.contains("not a task message") == true)
    }

    @Test("a worker whose job cannot load answers every task with the load error instead of dying")
    func workerLoopWithoutJob() throws {
        let load = ConfigError(file: "/s.json", key: "config", problem: "is missing")
        let results = try serve([try TaskLine.encode(TaskMessage(id: "x", attempt: 1))], job: .failure(load))
        #expect(results.count == 1 && results[0].status == .failed)
        #expect(results[0].error?.contains("config") == true)
    }

    @Test("fault variables: the failing task fails on every try; ids may hold colons")
    func faults() throws {
        let faults = WorkerFaults.fromEnvironment([
            WorkerFaults.failVariable: "b", WorkerFaults.sleepVariable: "dir:a.h5:0.01",
            WorkerFaults.killVariable: "",
        ])
        #expect(faults == WorkerFaults(killOnTask: nil, failTask: "b", sleepOnTask: "dir:a.h5", sleepSeconds: 0.01))
        let lines = try [TaskMessage(id: "b", attempt: 1), TaskMessage(id: "b", attempt: 3),
                         TaskMessage(id: "dir:a.h5", attempt: 1)].map(TaskLine.encode)
        let results = try serve(lines, job: .success(EchoJob()), faults: faults)
        #expect(results.map(\.status) == [.failed, .failed, .ok])
        #expect(results[0].error?.contains(WorkerFaults.failVariable) == true)
    }

    @Test("protocol lines never hold a line break, whatever the error text")
    func protocolLines() throws {
        let result = TaskAttempt(id: "a", attempt: 1, status: .failed, error: "one\ntwo\u{2028}three\u{85}four\u{2029}é",
                                 startNs: 0, endNs: 1, bytes: 0, pid: 1)
        let line = try TaskLine.encode(result)
        #expect(!line.contains("\n") && !line.contains("\u{2028}") && !line.contains("\u{2029}") && !line.contains("\u{85}"))
        #expect(try TaskLine.decode(TaskAttempt.self, from: line) == result)
    }

    @Test("the journal counts only its own fingerprint's entries, across shards, and survives a torn last line")
    func journal() throws {
        let folder = try TemporaryFolder()
        let results = LocalStorage(root: folder.path)
        func finished(_ id: String) -> TaskAttempt {
            TaskAttempt(id: id, attempt: 1, status: .ok, startNs: 0, endNs: 1, bytes: 8, pid: 1, worker: 0)
        }
        let journal = RunJournal(location: results, fingerprint: "graph-1", shard: .all)
        try journal.record(finished("a.npy"))
        try RunJournal(location: results, fingerprint: "graph-1", shard: Shard(index: 1, count: 2)).record(finished("b.npy"))
        try RunJournal(location: results, fingerprint: "graph-2", shard: .all).record(finished("c.npy"))
        // A controller killed in the middle of an append leaves half a line.
        try results.appendDurably(journal.path, bytes: Array(#"{"task":"d.n"#.utf8))
        #expect(try journal.finishedTasks() == ["a.npy", "b.npy"])
        try journal.repairTornEnd()
        try journal.record(finished("e.npy"))
        #expect(try journal.finishedTasks() == ["a.npy", "b.npy", "e.npy"])
        let text = try String(contentsOfFile: folder.file(".distswift/journal.jsonl"), encoding: .utf8)
        #expect(text.split(separator: "\n").count == 4 && text.hasSuffix("\n"))
        // Entries written before the journal held the successful try still count.
        try results.appendDurably(journal.path, bytes: Array(#"{"finishedNs":1,"fingerprint":"graph-1","task":"f.npy"}"#.utf8 + [10]))
        #expect(try journal.finishedTasks().contains("f.npy"))
    }

    @Test("the content fingerprint tells apart the same bytes split differently")
    func fingerprint() {
        var a = ContentFingerprint()
        a.add("ab")
        a.add("c")
        var b = ContentFingerprint()
        b.add("a")
        b.add("bc")
        #expect(a.hex != b.hex && a.hex.count == 16)
        var c = ContentFingerprint()
        c.add("ab")
        c.add("c")
        #expect(a.hex == c.hex)
    }
}
