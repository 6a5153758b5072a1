import DistSwiftIO
import DistSwiftTestSupport
import DistSwiftWorkers
import Foundation
import Testing

/// The worker loop with a job that commits in groups (ingest's `IngestStaging`): answers wait for the commit, a
/// notice says each held task is done, and a failed commit fails the held tasks as I/O failures (tried again).
@Suite("Worker loop group commits")
struct GroupCommitLoopTests {
    /// Records what it performed and when it was committed; task "bad" fails; commits fail when `failCommit`.
    final class GroupJob: WorkerJob, @unchecked Sendable {
        var log: [String] = []
        let failCommit: Bool
        init(failCommit: Bool = false) { self.failCommit = failCommit }
        var commitsInGroups: Bool { true }
        func perform(_ taskID: String) throws -> TaskOutcome {
            log.append(taskID)
            if taskID == "bad" { throw StoreError(location: "/store", problem: "has no chunk bad") }
            return TaskOutcome(bytes: 1)
        }
        func commit() throws {
            log.append("commit")
            if failCommit { throw StoreError(location: "/store", problem: "disk full") }
        }
    }

    /// Serves `ids`; input counts as waiting while more than `groupEnd` lines remain unread... i.e. the input
    /// pauses after the ids whose index is in `pauses`. Returns the output lines in order.
    func serve(_ ids: [String], pausesAfter pauses: Set<Int>, job: GroupJob) throws -> [String] {
        let lines = try ids.map { try TaskLine.encode(TaskMessage(id: $0, attempt: 1)) }
        var next = 0
        var output: [String] = []
        WorkerLoop(job: .success(job)).serve(
            nextLine: {
                defer { next += 1 }
                return next < lines.count ? lines[next] : nil
            },
            hasWaitingInput: { next < lines.count && !pauses.contains(next - 1) },
            send: { output.append($0) })
        return output
    }

    @Test("answers wait for the group's commit; each held task is announced as staged first")
    func grouping() throws {
        let job = GroupJob()
        let output = try serve(["a", "b", "c", "d", "e"], pausesAfter: [2], job: job)
        #expect(job.log == ["a", "b", "c", "commit", "d", "e", "commit"])
        let kinds = output.map { line -> String in
            if let staged = try? TaskLine.decode(TaskStaged.self, from: line) { return "staged " + staged.staged }
            return "answer " + ((try? TaskLine.decode(TaskAttempt.self, from: line))?.id ?? "?")
        }
        #expect(kinds == ["staged a", "staged b", "answer a", "answer b", "answer c", "staged d", "answer d",
                          "answer e"])
    }

    @Test("a failed commit fails the group's successful tasks as I/O failures; a failed task keeps its own error")
    func failedCommit() throws {
        let job = GroupJob(failCommit: true)
        let output = try serve(["a", "bad", "c"], pausesAfter: [], job: job)
        let answers = output.compactMap { line -> TaskAttempt? in
            line.contains("\"staged\":") ? nil : try? TaskLine.decode(TaskAttempt.self, from: line)
        }
        #expect(answers.map(\.id) == ["a", "bad", "c"])
        #expect(answers.allSatisfy { $0.status == .failed })
        #expect(answers[0].failure == .io && answers[0].error?.contains("disk full") == true)
        #expect(answers[1].failure == .input && answers[1].error == "/store has no chunk bad")
    }

    @Test("no more than WorkerLoop.largestGroup tasks are held, however much input waits")
    func largestGroup() throws {
        let job = GroupJob()
        let ids = (0..<(WorkerLoop.largestGroup + 5)).map { "t\($0)" }
        _ = try serve(ids, pausesAfter: [], job: job)
        let commits = job.log.indices.filter { job.log[$0] == "commit" }
        #expect(commits == [WorkerLoop.largestGroup, job.log.count - 1])
    }

    @Test("GroupCommit: nothing is visible before commit, everything after; a roll-back leaves nothing behind")
    func groupCommitStorage() throws {
        let folder = try TemporaryFolder()
        let local = LocalStorage(root: folder.path)
        let group = GroupCommit(local)
        for i in 0..<6 { try group.write("sub/f\(i).txt", bytes: Array("file \(i)".utf8)) }
        #expect(try local.list("sub").isEmpty, "staged files are hidden")
        #expect(group.pendingCount == 6)
        group.rollBack(toPending: 4)
        try group.commit()
        #expect(try local.list("sub").map(\.name) == (0..<4).map { "f\($0).txt" })
        #expect(try local.readAll("sub/f3.txt") == Array("file 3".utf8))
        let everything = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/sub")
        #expect(everything.count == 4, "no temporary file left: \(everything)")
        try group.write("g.txt", bytes: [1])
        group.discard()
        #expect(!local.exists("g.txt") && group.pendingCount == 0)
    }
}
