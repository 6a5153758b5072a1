import DistSwiftTestSupport
import Foundation
import Testing

/// `ingest` and `process` through the worker pool, with real worker processes and faults injected into them:
/// crashes, failures, timeouts, a controller killed mid-run, Ctrl-C. Serialized: the timeout and kill tests measure
/// wall time, which other pools running beside them on two cores would stretch.
@Suite("Worker pool", .serialized)
struct PoolTests {
    typealias Project = RMSProject

    /// The parts of run.json the tests read (decoded independently of the controller's own type).
    struct Report: Decodable {
        struct Task: Decodable {
            let id: String
            let status: String
            let attempt: Int
            let worker: Int?
            let pid: Int32?
            let error: String?
        }
        struct Attempt: Decodable {
            let id: String
            let status: String
            let attempt: Int
            let worker: Int
            let pid: Int32
        }
        struct Totals: Decodable {
            let tasks: Int
            let ok: Int
            let failed: Int
            let interrupted: Int
            let skipped: Int
        }
        struct Worker: Decodable {
            let worker: Int
            let utilisation: Double
        }
        let workers: Int
        let totals: Totals
        let tasks: [Task]
        let attempts: [Attempt]
        let workerUtilisation: [Worker]

        func task(_ id: String) -> Task? { tasks.first { $0.id == id } }
        func attempts(of id: String) -> [Attempt] { attempts.filter { $0.id == id } }
    }

    /// An uninterrupted run in a folder of its own: the reference the other runs' outputs are compared with.
    static let reference: [String: Data] = {
        let project = try! Project()
        let run = try! project.process("--workers", "1", "--quiet")
        precondition(run.status == 0, run.stderr)
        return try! project.outputs()
    }()

    @Test("a worker killed with SIGKILL mid-task is replaced, its task retried, and every output is written")
    func workerKilled() throws {
        let project = try Project()
        let victim = Project.chunks[2]
        let run = try project.process("--workers", "2", faults: ["DISTSWIFT_FAULT_KILL_ON_TASK": victim])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try project.outputs() == Self.reference)
        let report = try project.report()
        let tries = report.attempts(of: victim)
        #expect(tries.map(\.status) == ["crashed", "ok"])
        #expect(tries.count == 2 && tries[0].pid != tries[1].pid)
        #expect(report.totals.ok == 6 && report.totals.failed == 0)
    }

    @Test("a task that always fails is reported with its error, the others finish, exit 1; --retry-failed then completes it")
    func taskAlwaysFails() throws {
        let project = try Project()
        let victim = Project.chunks[3]
        let run = try project.process("--workers", "2", faults: ["DISTSWIFT_FAULT_FAIL_TASK": victim])
        #expect(run.status == 1)
        #expect(run.stderr.contains("\(victim): fails by fault injection"), "\(run.stderr)")
        #expect(run.stderr.contains("1 of 6 chunks failed"))
        let report = try project.report()
        let failed = try #require(report.task(victim))
        #expect(failed.status == "failed" && failed.attempt == 3)  // the first try and --retries 2
        #expect(failed.error?.contains("fault injection") == true)
        #expect(report.totals.ok == 5 && report.totals.failed == 1)
        #expect(try project.outputs().count == 6)  // five chunks and the axis file
        #expect(try Set(project.journalTasks()) == Set(Project.chunks).subtracting([victim]))

        let retry = try project.process("--workers", "2", "--retry-failed")
        #expect(retry.status == 0, "\(retry.stderr)")
        let retried = try project.report()
        #expect(retried.tasks.map(\.id) == [victim] && retried.tasks[0].status == "ok")
        #expect(try project.outputs() == Self.reference)
    }

    @Test("a task that runs past --task-timeout has its worker killed and is retried on a new one")
    func timeout() throws {
        let project = try Project()
        let victim = Project.chunks[1]
        // What a worker killed while renaming an output into place leaves: a hidden temporary of a dead process
        // on this host (`.NAME.partial-PID-HOSTTAG-RANDOM`). A run that killed a worker removes such debris.
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let dead = gone.processIdentifier
        var hash: UInt32 = 2_166_136_261
        for byte in ProcessInfo.processInfo.hostName.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let debris = project.results + "/rms/.x.npy.partial-\(dead)-\(String(format: "%08x", hash))-0badf00d"
        try FileManager.default.createDirectory(atPath: project.results + "/rms", withIntermediateDirectories: true)
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: debris))
        let started = Date()
        let run = try project.process("--workers", "2", "--task-timeout", "3",
                                      faults: ["DISTSWIFT_FAULT_SLEEP_ON_TASK": victim + ":60"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(!FileManager.default.fileExists(atPath: debris), "the killed workers' debris is removed")
        #expect((run.stdout + run.stderr).contains("removed 1 unfinished write of killed workers"), "\(run.stdout)")
        let tries = try project.report().attempts(of: victim)
        #expect(tries.map(\.status) == ["timedOut", "ok"])
        #expect(tries.count == 2 && tries[0].pid != tries[1].pid)
        #expect(try project.outputs() == Self.reference)
    }

    @Test("a controller killed with SIGKILL mid-run, then rerun: every chunk processed once, outputs identical")
    func controllerKilledAndResumed() throws {
        let project = try Project()
        // One slow chunk keeps the first run going after others are journalled.
        let controller = try project.startProcess(faults: ["DISTSWIFT_FAULT_SLEEP_ON_TASK": Project.chunks[4] + ":3"])
        var journalled: [String] = []
        for _ in 0..<400 where journalled.count < 2 {
            Thread.sleep(forTimeInterval: 0.025)
            journalled = (try? project.journalTasks()) ?? []
        }
        kill(controller.processIdentifier, SIGKILL)
        controller.waitUntilExit()
        #expect(journalled.count >= 2 && journalled.count < 6, "\(journalled)")

        let rerun = try project.process("--workers", "2")
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let tasks = try project.journalTasks()
        #expect(tasks.count == 6 && Set(tasks) == Set(Project.chunks), "each chunk exactly once: \(tasks)")
        let report = try project.report()
        #expect(report.totals.skipped + report.totals.ok == 6 && report.totals.skipped >= 2)
        #expect(rerun.stdout.contains("skipped \(report.totals.skipped) chunks already processed"))
        #expect(try project.outputs() == Self.reference)
        // Nothing left to do: a third run skips everything.
        let third = try project.process("--workers", "2")
        #expect(third.status == 0)
        #expect(try project.report().totals.skipped == 6)
        #expect(try project.journalTasks().count == 6)
    }

    @Test("Ctrl-C stops the run: workers stopped, finished chunks kept, report written, exit 130; a rerun finishes")
    func interrupt() throws {
        let project = try Project()
        let controller = try project.startProcess(faults: ["DISTSWIFT_FAULT_SLEEP_ON_TASK": Project.chunks[4] + ":60"])
        for _ in 0..<400 where ((try? project.journalTasks()) ?? []).count < 5 {
            Thread.sleep(forTimeInterval: 0.025)
        }
        kill(controller.processIdentifier, SIGINT)
        controller.waitUntilExit()
        #expect(controller.terminationStatus == 130)
        let report = try project.report()
        #expect(report.totals.ok == 5 && report.totals.interrupted == 1)
        let stopped = try #require(report.task(Project.chunks[4]))
        #expect(stopped.status == "interrupted")
        // The sleeping worker was stopped with the controller, not left running.
        if let pid = stopped.pid { #expect(kill(pid, 0) != 0, "worker \(pid) still runs") }
        let rerun = try project.process("--workers", "2", "--quiet")
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try project.report().tasks.map(\.id) == [Project.chunks[4]])
        #expect(try project.outputs() == Self.reference)
    }

    @Test("--workers 2 gives the same outputs as --workers 1; run.json and timeline.svg describe the run")
    func twoWorkersAsOne() throws {
        let project = try Project()
        let run = try project.process("--workers", "2")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("process: 6 tasks: 6 ok"))
        #expect(try project.outputs() == Self.reference)
        let report = try project.report()
        #expect(report.workers == 2 && report.tasks.count == 6 && report.totals.tasks == 6)
        #expect(Set(report.tasks.map(\.id)) == Set(Project.chunks))
        #expect(report.tasks.allSatisfy { $0.status == "ok" && $0.attempt == 1 && $0.worker != nil })
        #expect(report.workerUtilisation.count == 2)
        #expect(report.workerUtilisation.allSatisfy { $0.utilisation > 0 && $0.utilisation <= 1 })
        let svg = try String(contentsOfFile: project.results + "/timeline.svg", encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.contains("worker 1"))
        #expect(svg.components(separatedBy: "<title>").count - 1 == 6)  // one bar per try
    }

    @Test("an edited graph does not count the old journal as done; --retry-failed refuses the old graph's report")
    func editedGraphRedoesWork() throws {
        let project = try Project()
        let first = try project.process("--quiet", faults: ["DISTSWIFT_FAULT_FAIL_TASK": Project.chunks[0]])
        #expect(first.status == 1)
        let graph = project.folder.file("graph.json")
        let edited = try String(contentsOfFile: graph, encoding: .utf8)
            .replacingOccurrences(of: #""high_freq": -1"#, with: #""high_freq": 400"#)
        try edited.write(toFile: graph, atomically: false, encoding: .utf8)
        let retry = try project.process("--retry-failed", "--quiet")
        #expect(retry.status == 1 && retry.stderr.contains("is the report of another run"), "\(retry.stderr)")
        let rerun = try project.process("--quiet")
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try project.report().totals.ok == 6)  // all six again, not only the one that failed
        #expect(try project.outputs() != Self.reference)
    }

    @Test("a graph edited while a run is interrupted: the restarted worker refuses the job, nothing is journalled under the old graph")
    func graphEditedMidRunIsRefused() throws {
        let project = try Project()
        // One worker: chunk 1 sleeps (the graph is edited meanwhile), chunk 2 kills it; its replacement loads the
        // edited graph, whose fingerprint is not the one the run journals under.
        let log = project.folder.file("controller.err")
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let controller = Process()
        controller.executableURL = URL(fileURLWithPath: TestPaths.distswiftBinary)
        controller.arguments = ["process", project.config, "--workers", "1", "--fft-planning", "estimate", "--quiet"]
        controller.environment = project.environment.merging([
            "DISTSWIFT_FAULT_SLEEP_ON_TASK": Project.chunks[1] + ":3",
            "DISTSWIFT_FAULT_KILL_ON_TASK": Project.chunks[2],
        ]) { $1 }
        controller.standardOutput = FileHandle.nullDevice
        controller.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        try controller.run()
        for _ in 0..<400 where ((try? project.journalTasks()) ?? []).isEmpty {
            Thread.sleep(forTimeInterval: 0.025)
        }
        let graph = project.folder.file("graph.json")
        let edited = try String(contentsOfFile: graph, encoding: .utf8)
            .replacingOccurrences(of: #""high_freq": -1"#, with: #""high_freq": 400"#)
        try edited.write(toFile: graph, atomically: false, encoding: .utf8)
        controller.waitUntilExit()
        let stderr = try String(contentsOfFile: log, encoding: .utf8)
        #expect(controller.terminationStatus == 1, "\(stderr)")
        #expect(stderr.contains("graph.json (the graph, or a graph it includes) changed after this run started")
                    && stderr.contains("the job is refused")
                    && stderr.contains("restore the graph as it was, or run process again"), "\(stderr)")
        #expect(stderr.contains("4 of 6 chunks failed"), "\(stderr)")
        // Only the chunks the original graph computed are journalled, and only their outputs exist.
        #expect(try Set(project.journalTasks()) == Set(Project.chunks[0...1]))
        #expect(try Set(project.outputs().keys).isSuperset(of: Project.chunks[0...1]))
        #expect(try project.outputs().keys.filter { Project.chunks[2...].contains($0) }.isEmpty)

        // Resumed with the edited graph: its own fingerprint, so every chunk is done with it.
        let resumed = try project.process("--workers", "2", "--quiet")
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try project.report().totals.ok == 6)
        #expect(try project.outputs() != Self.reference)
    }

    @Test("shards 0/2 and 1/2 together process every chunk once, each journalled in its own file")
    func shards() throws {
        let project = try Project()
        for shard in ["0/2", "1/2"] {
            let run = try project.process("--shard", shard, "--quiet")
            #expect(run.status == 0, "\(run.stderr)")
        }
        #expect(try project.outputs() == Self.reference)
        let first = try project.report("run-shard-0-of-2.json").tasks.map(\.id)
        let second = try project.report("run-shard-1-of-2.json").tasks.map(\.id)
        #expect(first == [0, 2, 4].map { Project.chunks[$0] } && second == [1, 3, 5].map { Project.chunks[$0] })
        let journals = try FileManager.default.contentsOfDirectory(atPath: project.results + "/.distswift").sorted()
        #expect(journals == ["journal-shard-0-of-2.jsonl", "journal-shard-1-of-2.jsonl"])
        // Either shard's rerun, or an unsharded one, sees all the work done.
        let all = try project.process("--quiet")
        #expect(all.status == 0)
        #expect(try project.report().totals.skipped == 6)
    }

    @Test("ingest through the pool: a bad file among good ones is reported, the good ones are ingested, exit 1")
    func ingestWithBadFile() throws {
        let folder = try TemporaryFolder("distswift-pool-ingest")
        let input = folder.file("raw")
        let synth = try distswift("synth", "--prodml", input, "--files", "3", "--channels", "16", "--rate", "1000",
                                  "--seconds", "6")
        #expect(synth.status == 0, "\(synth.stderr)")
        _ = try folder.write("raw/broken.h5", "not an HDF5 file")
        let config = try folder.write("system.json", #"{"in_directory": "raw", "out_directory": "store"}"#)
        let run = try distswift("ingest", config, "--workers", "2")
        #expect(run.status == 1)
        #expect(run.stderr.contains("broken.h5") && run.stderr.contains("1 of 4 files failed"), "\(run.stderr)")
        #expect(run.stdout.contains("ingested synth_20240101_000002.h5: 2 chunks"))
        let manifest = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: folder.file("store/store.json")))) as! [String: Any]
        #expect((manifest["chunks"] as! [Any]).count == 6)
        #expect(try distswift("store", "verify", folder.file("store")).status == 0)
        let report = try JSONDecoder().decode(Report.self,
                                              from: Data(contentsOf: URL(fileURLWithPath: folder.file("store/run.json"))))
        #expect(report.tasks.count == 4 && report.totals.ok == 3 && report.totals.failed == 1)
        #expect(report.task("broken.h5")?.status == "failed")
        #expect(FileManager.default.fileExists(atPath: folder.file("store/timeline.svg")))
        // A rerun skips the good files and tries the bad one again.
        let again = try distswift("ingest", config, "--workers", "2")
        #expect(again.status == 1 && again.stdout.contains("skipped synth_20240101_000000.h5"))
    }
}

extension RMSProject {
    /// Starts `process` with two workers without waiting for it, to signal it mid-run.
    func startProcess(faults: [String: String]) throws -> Process {
        let controller = Process()
        controller.executableURL = URL(fileURLWithPath: TestPaths.distswiftBinary)
        controller.arguments = ["process", config, "--workers", "2", "--fft-planning", "estimate", "--quiet"]
        controller.environment = environment.merging(faults) { $1 }
        controller.standardOutput = FileHandle.nullDevice
        controller.standardError = FileHandle.nullDevice
        try controller.run()
        return controller
    }

    func journalTasks() throws -> [String] {
        guard let text = try? String(contentsOfFile: journal, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { line in
            let entry = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return entry["task"] as! String
        }
    }

    func report(_ name: String = "run.json") throws -> PoolTests.Report {
        try JSONDecoder().decode(PoolTests.Report.self, from: Data(contentsOf: URL(fileURLWithPath: results + "/" + name)))
    }
}
