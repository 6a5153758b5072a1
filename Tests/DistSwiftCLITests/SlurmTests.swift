import DistSwiftObjectStore
import DistSwiftTestSupport
import Foundation
import Testing

/// A private two-node Slurm cluster on loopback (`Tests/cluster/slurm-cluster.sh`): munged, slurmctld and two slurmd
/// "nodes" with their own ports, state and PID files in a temporary folder, reached through `SLURM_CONF`.
final class SlurmTestCluster: Sendable {
    static let script = TestPaths.packageRoot + "/Tests/cluster/slurm-cluster.sh"

    /// Root can install Slurm from Debian when it is missing; anyone else needs it installed.
    static let canRun: Bool = {
        getuid() == 0 || ["sbatch", "slurmctld", "slurmd", "munged"].allSatisfy { name in
            (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/usr/sbin").split(separator: ":").contains {
                FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
            } || FileManager.default.isExecutableFile(atPath: "/usr/sbin/\(name)")
        }
    }()

    let folder: TemporaryFolder
    let slurmConf: String
    /// The seconds `up` took (installing Slurm first when it was missing).
    let startSeconds: Double

    init() throws {
        folder = try TemporaryFolder("distswift-slurm")
        let started = Date()
        let up = try runProcess("/bin/bash", [Self.script, "up", folder.path])
        startSeconds = Date().timeIntervalSince(started)
        slurmConf = folder.file("slurm.conf")
        guard up.status == 0 else {
            let logs = (try? FileManager.default.contentsOfDirectory(atPath: folder.file("log"))) ?? []
            let tails = logs.map { name in
                let text = (try? String(contentsOfFile: folder.file("log/" + name), encoding: .utf8)) ?? ""
                return "== \(name)\n" + text.split(separator: "\n").suffix(15).joined(separator: "\n")
            }
            _ = try? runProcess("/bin/bash", [Self.script, "down", folder.path])
            throw StartFailure(description: "slurm-cluster.sh up failed (\(up.status)):\n\(up.stderr)\n"
                                   + tails.joined(separator: "\n"))
        }
    }

    struct StartFailure: Error, CustomStringConvertible {
        let description: String
    }

    /// The environment distswift runs in: this process's, with the cluster's config.
    var environment: [String: String] {
        ProcessInfo.processInfo.environment.merging(["SLURM_CONF": slurmConf]) { $1 }
    }

    /// The daemons' PIDs, from their PID files.
    func daemonPIDs() -> [Int32] {
        let run = folder.file("run")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: run)) ?? []
        return names.filter { $0.hasSuffix(".pid") }.compactMap { name in
            (try? String(contentsOfFile: run + "/" + name, encoding: .utf8))
                .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
    }

    /// Stops every daemon by its PID file; returns the PIDs still alive afterwards (none, normally).
    func down() -> [Int32] {
        let pids = daemonPIDs()
        _ = try? runProcess("/bin/bash", [Self.script, "down", folder.path])
        return pids.filter(Self.isAlive)
    }

    /// A zombie (exited, not yet reaped by whoever inherited it) counts as gone.
    static func isAlive(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        guard let close = stat.lastIndex(of: ")") else { return false }
        return !stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    func command(_ name: String, _ arguments: String...) throws -> PythonReference.Result {
        try runProcess("/usr/bin/env", [name] + arguments, environment: environment)
    }
}

/// Brings the cluster up once for the whole suite and down at its end, also when a test fails, and checks that no
/// daemon outlives it.
struct SlurmClusterScope: SuiteTrait, TestScoping {
    @TaskLocal static var cluster: SlurmTestCluster?

    func provideScope(for test: Test, testCase: Test.Case?,
                      performing function: @Sendable () async throws -> Void) async throws {
        let cluster = try SlurmTestCluster()
        print("slurm test cluster up in \(String(format: "%.1f", cluster.startSeconds)) s")
        let daemons = cluster.daemonPIDs()
        #expect(daemons.count == 4 && daemons.allSatisfy(SlurmTestCluster.isAlive), "munged, slurmctld, 2 × slurmd")
        do {
            try await Self.$cluster.withValue(cluster) { try await function() }
        } catch {
            let left = cluster.down()
            #expect(left.isEmpty, "daemons still running after down: \(left)")
            throw error
        }
        let left = cluster.down()
        #expect(left.isEmpty, "daemons still running after down: \(left)")
    }
}

extension Trait where Self == SlurmClusterScope {
    static var slurmCluster: Self { Self() }
}

/// `ingest` and `process` with `--engine slurm` on a real two-node cluster whose MaxArraySize is 4, so that six
/// chunks are packed (two per array task) by default and split into two arrays with one per array task.
@Suite("Slurm job arrays", .serialized, .slurmCluster,
       .enabled(if: SlurmTestCluster.canRun, "Slurm is not installed and this is not root, so it cannot be installed"))
struct SlurmTests {
    var cluster: SlurmTestCluster { SlurmClusterScope.cluster! }

    typealias Project = RMSProject

    @Test("process as job arrays on both nodes: outputs equal a local run's byte for byte, packed or split arrays")
    func processOnBothNodes() throws {
        let local = try Project(environment: cluster.environment)
        let localRun = try local.process("--quiet")
        #expect(localRun.status == 0, "\(localRun.stderr)")
        let reference = try local.outputs()
        #expect(reference.count == 7)  // six chunks and the axis file

        let project = try Project(environment: cluster.environment)
        let started = Date()
        let run = try project.slurm("--partition", "debug", "--time", "5", "--mem", "100", "--max-parallel", "2",
                                    "--sbatch-option", "--comment=distswift-test")
        let seconds = Date().timeIntervalSince(started)
        print("slurm process of 6 chunks (3 array tasks) took \(String(format: "%.1f", seconds)) s")
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("2 chunks per array task"), "\(run.stdout)")
        #expect(run.stdout.contains("process: 6 tasks: 6 ok"))
        #expect(try project.outputs() == reference)

        let report = try project.reportJSON()
        #expect((report["engine"] as? String)?.hasPrefix("slurm job ") == true)
        #expect(report["nodes"] as? [String] == ["node1", "node2"], "both nodes ran tasks: \(report["nodes"] ?? "-")")
        let tasks = report["tasks"] as? [[String: Any]] ?? []
        #expect(tasks.count == 6 && tasks.allSatisfy { $0["status"] as? String == "ok" })
        let records = try taskRecords(project.results)
        #expect(Set(records.compactMap { $0["node"] as? String }) == ["node1", "node2"])
        #expect(records.allSatisfy { ($0["batchTask"] as? String)?.contains("_") == true })
        let svg = try String(contentsOfFile: project.results + "/timeline.svg", encoding: .utf8)
        #expect(svg.contains(">node1<") && svg.contains(">node2<"))
        let manifest = try project.latestManifest()
        let submissions = manifest["submissions"] as? [[String: Any]] ?? []
        let arguments = submissions.first?["arguments"] as? [String] ?? []
        #expect(arguments.contains("--array=0-2%2") && arguments.contains("--comment=distswift-test"), "\(arguments)")

        // The array tasks journalled their chunks: a local rerun finds nothing to do.
        let localRerun = try project.process()
        #expect(localRerun.status == 0 && localRerun.stdout.contains("skipped 6 chunks already processed"),
                "\(localRerun.stdout)")

        // One chunk per array task: six array tasks, more than MaxArraySize 4, in two arrays; the same outputs.
        let split = try project.slurm("--force", "--tasks-per-array-task", "1")
        #expect(split.status == 0, "\(split.stderr)")
        #expect((try project.latestManifest()["submissions"] as? [[String: Any]])?.count == 2)
        #expect(try project.outputs() == reference)
    }

    @Test("ingest as job arrays: the store equals a local ingest's byte for byte")
    func ingest() throws {
        let folder = try TemporaryFolder("distswift-slurm-ingest")
        let synth = try distswift("synth", "--segy", folder.file("in/raw"), "--files", "4", "--channels", "16", "--rate",
                                  "1000", "--seconds", "4")
        #expect(synth.status == 0, "\(synth.stderr)")
        func config(_ out: String) throws -> String {
            try folder.write("\(out).json", """
                {"in_drive": "in", "out_drive": "\(out)", "project": ".", "data": "raw", "results": "store"}
                """)
        }
        let local = try runProcess(TestPaths.distswiftBinary, ["ingest", try config("local"), "--quiet"])
        #expect(local.status == 0, "\(local.stderr)")
        let started = Date()
        let slurm = try runProcess(TestPaths.distswiftBinary,
                                   ["ingest", try config("slurm"), "--engine", "slurm", "--poll-seconds", "0.2"],
                                   environment: cluster.environment)
        print("slurm ingest of 4 SEG-Y files (4 array tasks) took \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        #expect(slurm.status == 0, "\(slurm.stdout)\n\(slurm.stderr)")
        #expect(slurm.stdout.contains("ingested synth_20240101_000003.sgy: 1 chunks"), "\(slurm.stdout)")
        let expected = try storeFiles(folder.file("local/store"))
        #expect(expected.keys.contains("store.json") && expected.count >= 8)
        #expect(try storeFiles(folder.file("slurm/store")) == expected)
        let report = try json(folder.file("slurm/store/run.json"))
        #expect((report["nodes"] as? [String])?.isEmpty == false)
    }

    @Test("S3 drives through job arrays: ingest from an s3:// archive into an s3:// store, then process it; objects equal a local run's files",
          .enabled(if: SeaweedFSServer.shouldRun, "\(SeaweedFSServer.missing)"))
    func ingestAndProcessOnS3() throws {
        let server = try SeaweedFSServer()
        defer { server.stop() }
        let folder = try TemporaryFolder("distswift-slurm-s3")
        let synth = try distswift("synth", "--segy", folder.file("local/archive/p/raw"), "--files", "3", "--channels",
                                  "16", "--rate", "1000", "--seconds", "3")  // whole-second files: chunks are named by second
        #expect(synth.status == 0, "\(synth.stderr)")
        let client = server.client()
        try client.createBucket("cluster")
        let raw = folder.file("local/archive/p/raw")
        for name in try FileManager.default.contentsOfDirectory(atPath: raw) {
            try client.putObject(bucket: "cluster", key: "archive/p/raw/" + name,
                                 body: try Data(contentsOf: URL(fileURLWithPath: raw + "/" + name)))
        }
        _ = try folder.write("graph.json", """
            {"command_list": [
              {"name": "fft", "uid": 1, "in_uid": 0},
              {"name": "rms_from_fft", "uid": 2, "in_uid": 1, "low_freq": 0, "high_freq": -1},
              {"name": "write_npy", "uid": 3, "in_uid": 2, "directory_out": "rms"}
            ]}
            """)
        func config(_ name: String, _ drive: String, data: String, results: String) throws -> String {
            try folder.write(name, """
                {"in_drive": "\(drive)\(data == "raw" ? "archive" : "work")", "out_drive": "\(drive)work",
                 "project": "p", "data": "\(data)", "results": "\(results)", "config": "graph.json",
                 "s3": {"endpoint": "\(server.endpoint)", "path_style": true}}
                """)
        }
        // Slurm's jobs get the submitting environment: the cluster's SLURM_CONF and the S3 keys.
        var environment = cluster.environment.merging(server.environment) { $1 }
        environment["AWS_ENDPOINT_URL"] = nil
        for (drive, engine) in [("local/", ["--engine", "local"]), ("s3://cluster/", ["--engine", "slurm", "--poll-seconds", "0.2"])] {
            let tag = drive.hasPrefix("s3") ? "s3" : "local"
            for (stage, data, results) in [("ingest", "raw", "store"), ("process", "store", "products")] {
                let file = try config("\(tag)-\(stage).json", drive, data: data, results: results)
                // Logs of a run whose results are in S3 go to ./distswift-slurm-logs: run from the test's folder.
                let planning = stage == "process" ? ["--fft-planning", "estimate"] : []
                let run = try runProcess(TestPaths.distswiftBinary, [stage, file] + planning + engine,
                                         environment: environment, currentDirectory: folder.path)
                #expect(run.status == 0, "\(tag) \(stage): \(run.stdout)\n\(run.stderr)")
            }
        }
        let local = try storeFiles(folder.file("local/work/p/store"))
        #expect(local.keys.filter { $0.hasSuffix(".npy") }.count >= 4, "\(local.keys.sorted())")  // 3 chunks + depth
        for (name, bytes) in local where name.hasSuffix(".npy") {
            #expect(try client.getObject(bucket: "cluster", key: "work/p/store/" + name) == bytes, "store \(name)")
        }
        let products = try files(under: folder.file("local/work/p/products/rms"))
        #expect(products.count >= 3, "\(products.keys.sorted())")  // one per chunk
        for (name, bytes) in products {
            #expect(try client.getObject(bucket: "cluster", key: "work/p/products/rms/" + name) == bytes, "rms \(name)")
        }
        let report = try JSONSerialization.jsonObject(
            with: try client.getObject(bucket: "cluster", key: "work/p/products/run.json")) as? [String: Any] ?? [:]
        #expect((report["engine"] as? String)?.hasPrefix("slurm job ") == true)
        #expect(FileManager.default.fileExists(atPath: folder.file("distswift-slurm-logs")))
    }

    @Test("a task that fails on a node is reported with its Slurm log; --retry-failed resubmits it alone")
    func failedTaskRetried() throws {
        let project = try Project(environment: cluster.environment)
        let victim = Project.chunks[3]
        let run = try project.slurm("--tasks-per-array-task", "1", faults: ["DISTSWIFT_FAULT_FAIL_TASK": victim])
        #expect(run.status == 1)
        #expect(run.stderr.contains("\(victim) on node") && run.stderr.contains("fails by fault injection"), "\(run.stderr)")
        #expect(run.stderr.contains("1 of 6 chunks failed"))
        let log = try #require(run.stderr.firstMatch(of: /log: (\S+\.out)\)/).map { String($0.1) }, "\(run.stderr)")
        #expect(log.hasSuffix("_3.out") && FileManager.default.fileExists(atPath: log), "\(log)")
        #expect(try String(contentsOfFile: log, encoding: .utf8).contains("\(victim): try 3 failed"))
        let report = try project.reportJSON()
        let failed = (report["tasks"] as? [[String: Any]] ?? []).filter { $0["status"] as? String == "failed" }
        #expect(failed.map { $0["id"] as? String } == [victim])
        #expect(try project.outputs().count == 6)  // five chunks and the axis file

        let retry = try project.slurm("--retry-failed")
        #expect(retry.status == 0, "\(retry.stderr)")
        #expect(try project.latestManifest()["tasks"] as? [String] == [victim], "only the failed task is resubmitted")
        let retried = try project.reportJSON()
        #expect((retried["tasks"] as? [[String: Any]])?.map { $0["id"] as? String } == [victim])
        #expect(try project.outputs().count == 7)
    }

    @Test("--detach prints the job id at once; status follows the run, writes its report and assembles the store")
    func detachAndStatus() throws {
        let folder = try TemporaryFolder("distswift-slurm-detach")
        let synth = try distswift("synth", "--segy", folder.file("in/raw"), "--files", "3", "--channels", "16", "--rate",
                                  "1000", "--seconds", "3")
        #expect(synth.status == 0, "\(synth.stderr)")
        let config = try folder.write("system.json", """
            {"in_drive": "in", "out_drive": "out", "project": ".", "data": "raw", "results": "store"}
            """)
        let submit = try runProcess(TestPaths.distswiftBinary, ["ingest", config, "--engine", "slurm", "--detach", "--quiet"],
                                    environment: cluster.environment)
        #expect(submit.status == 0, "\(submit.stderr)")
        let jobID = submit.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!jobID.isEmpty && jobID.allSatisfy(\.isNumber), "\(submit.stdout)")
        #expect(!FileManager.default.fileExists(atPath: folder.file("out/store/store.json")))

        let store = folder.file("out/store")
        var status = try distswift("status", store, environment: cluster.environment)
        for _ in 0..<150 where !status.stdout.contains("over:") {
            Thread.sleep(forTimeInterval: 0.2)
            status = try distswift("status", store, environment: cluster.environment)
        }
        #expect(status.status == 0, "\(status.stdout)\n\(status.stderr)")
        #expect(status.stdout.contains("job \(jobID)") && status.stdout.contains("3 files: 3 ok"), "\(status.stdout)")
        #expect(status.stdout.contains("store.json assembled") && status.stdout.contains("run report:"))
        #expect(FileManager.default.fileExists(atPath: store + "/store.json"))
        #expect(try json(store + "/run.json")["job"] as? String == "ingest")
        // Reported once: asking again only reports.
        let again = try distswift("status", config, environment: cluster.environment)
        #expect(again.status == 0 && !again.stdout.contains("run report:"), "\(again.stdout)")
    }

    @Test("an array task killed on its node leaves no record: status names the task and the Slurm log")
    func killedArrayTask() throws {
        let project = try Project(environment: cluster.environment)
        let victim = Project.chunks[1]
        let submit = try project.slurm("--detach", "--quiet", "--tasks-per-array-task", "1",
                                       faults: ["DISTSWIFT_FAULT_SLEEP_ON_TASK": victim + ":60"])
        #expect(submit.status == 0, "\(submit.stderr)")
        let firstJob = try #require(submit.stdout.split(separator: ",").first.map(String.init))
        // Slot 1 is index 1 of the first array; cancel it once it runs.
        let log = try latestRunFolder(project.results) + "/logs/slurm-\(firstJob.trimmingCharacters(in: .whitespacesAndNewlines))_1.out"
        for _ in 0..<150 where !((try? String(contentsOfFile: log, encoding: .utf8))?.contains("array slot 1") ?? false) {
            Thread.sleep(forTimeInterval: 0.1)
        }
        let cancel = try cluster.command("scancel", "\(firstJob.trimmingCharacters(in: .whitespacesAndNewlines))_1")
        #expect(cancel.status == 0, "\(cancel.stderr)")
        var status = try distswift("status", project.results, environment: cluster.environment)
        for _ in 0..<150 where !status.stdout.contains("over:") {
            Thread.sleep(forTimeInterval: 0.2)
            status = try distswift("status", project.results, environment: cluster.environment)
        }
        #expect(status.status == 1, "\(status.stdout)\n\(status.stderr)")
        #expect(status.stdout.contains("5 ok") && status.stdout.contains("1 without a record"), "\(status.stdout)")
        #expect(status.stdout.contains("failed: \(victim): its array task ended without recording it"))
        #expect(status.stdout.contains(log) && status.stdout.contains("CANCELLED"), "\(status.stdout)")
        let failed = (try project.reportJSON()["tasks"] as? [[String: Any]] ?? []).filter { $0["status"] as? String == "failed" }
        #expect(failed.map { $0["id"] as? String } == [victim])
    }

    @Test("a submission sbatch rejects is reported with sbatch's own message")
    func rejectedSubmission() throws {
        let project = try Project(environment: cluster.environment)
        let run = try project.slurm("--partition", "nosuchpartition")
        #expect(run.status == 1)
        #expect(run.stderr.contains("sbatch rejected the submission") && run.stderr.contains("invalid partition"),
                "\(run.stderr)")
    }
}

/// What `--engine slurm` says where Slurm is not, and options that need it; no cluster needed.
@Suite("Slurm engine without a cluster")
struct SlurmWithoutClusterTests {
    @Test("--engine slurm without sbatch on PATH says so and how to get it; Slurm options need --engine slurm")
    func clearErrors() throws {
        let folder = try TemporaryFolder("distswift-no-slurm")
        let synth = try distswift("synth", "--store", folder.file("store"), "--channels", "4", "--rate", "100",
                                  "--seconds", "1")
        #expect(synth.status == 0, "\(synth.stderr)")
        let config = try folder.write("system.json", #"{"in_directory": "store", "out_directory": "results", "config": "g.json"}"#)
        _ = try folder.write("g.json", #"{"command_list": [{"name": "fft", "uid": 1, "in_uid": 0}]}"#)
        let run = try distswift("process", config, "--engine", "slurm", environment: ["PATH": folder.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("--engine slurm needs Slurm's sbatch on PATH"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.file("results/.distswift/slurm")), "nothing submitted")
        let misplaced = try distswift("process", config, "--partition", "debug")
        #expect(misplaced.status != 0 && misplaced.stderr.contains("--partition is an option of --engine slurm"),
                "\(misplaced.stderr)")
        let none = try distswift("status", folder.path)
        #expect(none.status == 1 && none.stderr.contains("no slurm run"), "\(none.stderr)")
    }
}

private func json(_ path: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any] ?? [:]
}

/// Every file under `folder` by relative path, as bytes, hidden files excluded.
private func files(under folder: String) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(atPath: folder)
    while let name = enumerator?.nextObject() as? String {
        if name.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder), !isFolder.boolValue {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
        }
    }
    return files
}

/// A store's files without the run's own report (which differs in times and engine).
private func storeFiles(_ store: String) throws -> [String: Data] {
    try files(under: store).filter { $0.key != "run.json" && $0.key != "timeline.svg" }
}

private func latestRunFolder(_ location: String) throws -> String {
    let runs = location + "/.distswift/slurm"
    let latest = try #require(try FileManager.default.contentsOfDirectory(atPath: runs).sorted().last)
    return runs + "/" + latest
}

private func taskRecords(_ location: String) throws -> [[String: Any]] {
    let tasks = try latestRunFolder(location) + "/tasks"
    return try FileManager.default.contentsOfDirectory(atPath: tasks).map { try json(tasks + "/" + $0) }
}

extension RMSProject {
    func slurm(_ arguments: String..., faults: [String: String] = [:]) throws -> PythonReference.Result {
        try runProcess(TestPaths.distswiftBinary,
                       ["process", config, "--fft-planning", "estimate", "--engine", "slurm", "--poll-seconds", "0.2"]
                           + arguments,
                       environment: environment.merging(faults) { $1 })
    }

    func reportJSON() throws -> [String: Any] { try json(results + "/run.json") }

    /// The manifest of the latest Slurm run.
    func latestManifest() throws -> [String: Any] { try json(latestRunFolder(results) + "/manifest.json") }
}
