import DistSwiftControllers
import DistSwiftIO
import DistSwiftTestSupport
import DistSwiftWorkers
import Foundation
import Testing

/// The parts of `--engine slurm` that need no cluster: how tasks are cut into arrays, what sbatch is given, how
/// Slurm's answers are read, and how result records become a run's outcome. `SlurmTests` (CLI) runs the whole engine
/// on a real two-node Slurm cluster.
@Suite("Slurm engine parts")
struct SlurmPartsTests {
    @Test("arrays: one task per array task while they fit MaxArraySize, packed beyond, split when asked for fewer")
    func arrayPlan() {
        let fits = ArrayPlan(taskCount: 10, maxArraySize: 1001, tasksPerArrayTask: nil, maxParallel: nil)
        #expect(fits.tasksPerArrayTask == 1 && fits.parts == [.init(firstSlot: 0, slots: 10, maxParallel: nil)])
        // 2500 tasks, MaxArraySize 1001: packed 3 per array task into one array of 834.
        let packed = ArrayPlan(taskCount: 2500, maxArraySize: 1001, tasksPerArrayTask: nil, maxParallel: 8)
        #expect(packed.tasksPerArrayTask == 3 && packed.parts == [.init(firstSlot: 0, slots: 834, maxParallel: 8)])
        // One per array task asked for: three arrays of at most 1001, the parallel limit shared between them.
        let split = ArrayPlan(taskCount: 2500, maxArraySize: 1001, tasksPerArrayTask: 1, maxParallel: 8)
        #expect(split.parts == [.init(firstSlot: 0, slots: 1001, maxParallel: 2), .init(firstSlot: 1001, slots: 1001, maxParallel: 2),
                                .init(firstSlot: 2002, slots: 498, maxParallel: 2)])
        #expect(split.slotCount == 2500)
        #expect(ArrayPlan(taskCount: 6, maxArraySize: 4, tasksPerArrayTask: 1, maxParallel: 1).parts.map(\.maxParallel)
                    == [1, 1])
    }

    @Test("MaxArraySize from scontrol show config; Slurm's default when it is not shown")
    func clusterLimits() {
        let text = "Configuration data as of 2024-01-01T00:00:00\nMaxArraySize            = 4\nMaxJobCount             = 10000\n"
        #expect(SlurmClusterLimits(scontrolConfig: text).maxArraySize == 4)
        #expect(SlurmClusterLimits(scontrolConfig: "MaxJobCount = 5").maxArraySize == 1001)
    }

    @Test("squeue --array lines: running, pending with reasons, nothing")
    func queueParsing() {
        let states = SlurmQueue.parse("12_0|RUNNING|None\n12_[2-5]|PENDING|JobArrayTaskLimit\n13_1|PENDING|Resources\n"
                                      + "12_1|COMPLETING|None\n12_6|COMPLETED|None\n")
        #expect(states.running == 1 && states.pending == 2 && states.other == 1)
        #expect(states.pendingReasons == ["JobArrayTaskLimit", "Resources"])
        #expect(states.description == "1 running, 2 pending (JobArrayTaskLimit, Resources), 1 ending")
        #expect(SlurmQueue.parse("") == SlurmQueue.ArrayTaskStates())
    }

    static func manifest(tasks: Int, perArrayTask: Int, submissions: [ArrayRunManifest.Submission] = []) -> ArrayRunManifest {
        ArrayRunManifest(
            engine: "slurm", run: "20240101T000000Z-00000001", job: "process", fingerprint: "f", taskNoun: "chunks",
            journalFingerprint: "f", shard: "0/1", skipped: 0, tasks: (0..<tasks).map { "\($0).npy" },
            tasksPerArrayTask: perArrayTask, systemConfig: "/shared/it's/system.json",
            spec: JobSpec(systemConfig: "/shared/system.json",
                          work: .process(ProcessSettings(fftPlanning: .measure, precision: .float32)), fingerprint: "f"),
            pool: .init(PoolOptions(workers: 1)),
            logsFolder: "/shared/results/.distswift/slurm/R/logs", submittedAtNs: 0, submissions: submissions)
    }

    @Test("sbatch gets --parsable, the array with its limit, the log path, the resources, then the user's options")
    func batchScript() {
        let manifest = Self.manifest(tasks: 10, perArrayTask: 2)
        let options = SlurmOptions(partition: "debug", account: "das", time: "30", memory: "2G",
                                   sbatchOptions: ["--qos=long", "--job-name=mine"])
        let script = SlurmBatchScript(executable: "/shared/bin/distswift", systemConfig: manifest.systemConfig,
                                      manifest: manifest, part: .init(firstSlot: 4, slots: 1, maxParallel: 3),
                                      options: options)
        #expect(script.arguments == [
            "--parsable", "--array=0-0%3", "--job-name=distswift-process",
            "--output=/shared/results/.distswift/slurm/R/logs/slurm-%A_%a.out", "--partition=debug", "--account=das",
            "--time=30", "--mem=2G", "--qos=long", "--job-name=mine",
        ])
        #expect(script.text.hasPrefix("#!/bin/sh\n"))
        #expect(script.text.contains(#"exec '/shared/bin/distswift' 'array-task' '/shared/it'\''s/system.json' '--manifest' "#
                                     + #"'.distswift/slurm/20240101T000000Z-00000001/manifest.json' --slot "$((4 + SLURM_ARRAY_TASK_ID))""#))
        #expect(SlurmBatchSystem.jobID(parsable: "1234\n") == "1234")
        #expect(SlurmBatchSystem.jobID(parsable: "1234;cluster\n") == "1234")
        #expect(SlurmBatchSystem.jobID(parsable: "sbatch: error\n") == nil)
    }

    @Test("slots, positions and logs: packed slots map back to their submission and array index")
    func manifestSlots() {
        let manifest = Self.manifest(tasks: 7, perArrayTask: 2, submissions: [
            .init(jobID: "50", firstSlot: 0, slots: 2, arguments: []), .init(jobID: "51", firstSlot: 2, slots: 2, arguments: []),
        ])
        #expect(manifest.slotCount == 4)
        #expect(manifest.positions(slot: 0) == 0..<2 && manifest.positions(slot: 3) == 6..<7)
        #expect(manifest.slot(ofPosition: 5) == 2)
        let records = ArrayRunRecords(manifest: manifest)
        #expect(records.logPath(position: 5) == "/shared/results/.distswift/slurm/R/logs/slurm-51_0.out")
        #expect(records.logPath(position: 1) == "/shared/results/.distswift/slurm/R/logs/slurm-50_0.out")
    }

    @Test("records become the outcome: one row per node, failures with their log, missing records failed or pending")
    func recordsToOutcome() throws {
        let folder = try TemporaryFolder("distswift-slurm-parts")
        let location = LocalStorage(root: folder.path)
        let manifest = Self.manifest(tasks: 3, perArrayTask: 1, submissions: [
            .init(jobID: "7", firstSlot: 0, slots: 3, arguments: []),
        ])
        func attempt(_ id: String, _ status: TaskAttempt.Status, start: Int64) -> TaskAttempt {
            TaskAttempt(id: id, attempt: 1, status: status, error: status == .ok ? nil : "\(id): broken",
                        startNs: start, endNs: start + 1_000, bytes: 8, pid: 42, worker: 0)
        }
        let ok = ArrayTaskRecord(task: "0.npy", position: 0, status: .ok, error: nil, node: "nodeB", batchTask: "7_0",
                                 attempts: [attempt("0.npy", .ok, start: 10)])
        let failed = ArrayTaskRecord(task: "1.npy", position: 1, status: .failed, error: "1.npy: broken", node: "nodeA",
                                     batchTask: "7_1", attempts: [attempt("1.npy", .failed, start: 20)])
        for record in [ok, failed] {
            try location.write(manifest.layout.record(position: record.position), bytes: try record.encoded())
        }
        var records = ArrayRunRecords(manifest: manifest)
        #expect(try records.refresh(from: location).map(\.task) == ["0.npy", "1.npy"])
        #expect(try records.refresh(from: location).isEmpty)  // only new records are returned
        #expect(records.nodes == ["nodeA", "nodeB"] && records.missing == [2])

        let pending = records.outcome(lost: false, stopped: true)
        #expect(pending.fates == ["0.npy": .ok, "1.npy": .failed, "2.npy": .interrupted])
        #expect(pending.attempts.map(\.worker) == [1, 0])  // nodeB is row 1, nodeA row 0
        #expect(pending.errors["1.npy"] == "1.npy on nodeA: broken (log: /shared/results/.distswift/slurm/R/logs/slurm-7_1.out)")

        let lost = records.outcome(lost: true, stopped: false)
        #expect(lost.fates["2.npy"] == .failed)
        #expect(lost.errors["2.npy"]?.contains("ended without recording it") == true)
        #expect(lost.errors["2.npy"]?.contains("slurm-7_2.out") == true)
    }
}
