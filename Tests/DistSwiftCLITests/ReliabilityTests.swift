import DistSwiftTestSupport
import Foundation
import Testing

/// Hostile conditions: two runs on one location, locks left by killed runs, a symbolic link planted in the results
/// location, a full disk.
@Suite("Reliability: one run per location, no writes through links, full disks")
struct ReliabilityTests {
    @Test("a second process run on the same location refuses, naming the first; every chunk is processed once")
    func secondRunRefuses() throws {
        let project = try RMSProject()
        let first = try project.startProcess(faults: ["DISTSWIFT_FAULT_SLEEP_ON_TASK": RMSProject.chunks[1] + ":3"])
        // Wait until the first run holds the lock and has started its chunks.
        for _ in 0..<400 where ((try? project.journalTasks()) ?? []).isEmpty {
            Thread.sleep(forTimeInterval: 0.025)
        }
        let second = try project.process("--workers", "1")
        first.waitUntilExit()
        #expect(second.status != 0)
        #expect(second.stderr.contains("is in use by another run: `distswift process` (pid \(first.processIdentifier) on "),
                "\(second.stderr)")
        #expect(first.terminationStatus == 0)
        let tasks = try project.journalTasks()
        #expect(tasks.count == 6 && Set(tasks) == Set(RMSProject.chunks), "each chunk exactly once: \(tasks)")
        #expect(!FileManager.default.fileExists(atPath: project.results + "/.distswift/run.lock"), "released at the end")
    }

    @Test("a lock left by a run that no longer exists is taken over with a note; one held on another host is not")
    func staleAndForeignLocks() throws {
        let project = try RMSProject()
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let lock = project.results + "/.distswift/run.lock"
        try FileManager.default.createDirectory(atPath: project.results + "/.distswift", withIntermediateDirectories: true)
        func plant(pid: Int32, host: String) throws {
            let text = #"{"process": {"pid": \#(pid), "host": "\#(host)"}, "command": "distswift process", "started": "2026-01-01T00:00:00Z"}"#
            try text.write(toFile: lock, atomically: false, encoding: .utf8)
        }
        try plant(pid: gone.processIdentifier, host: ProcessInfo.processInfo.hostName)
        // Temporaries of atomic writes (`.NAME.partial-PID-HOSTTAG-RANDOM`, HOSTTAG the FNV-1a hash of the host
        // name): only the one whose writer ran on this host and is gone is the killed run's debris.
        var hash: UInt32 = 2_166_136_261
        for byte in ProcessInfo.processInfo.hostName.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let tag = String(format: "%08x", hash)
        let debris = [
            "rms/.a.npy.partial-\(gone.processIdentifier)-\(tag)-0badf00d": false,   // writer gone: removed
            "rms/.b.npy.partial-\(getpid())-\(tag)-0badf00d": true,                  // writer still runs
            "rms/.c.npy.partial-\(gone.processIdentifier)-\(tag == "00000000" ? "00000001" : "00000000")-0badf00d": true,  // another host
            ".d.json.partial-\(gone.processIdentifier)-0badf00d": true,              // an older name, no host
        ]
        try FileManager.default.createDirectory(atPath: project.results + "/rms", withIntermediateDirectories: true)
        for name in debris.keys { try Data([1, 2, 3]).write(to: URL(fileURLWithPath: project.results + "/" + name)) }
        let run = try project.process("--workers", "1")
        #expect(run.status == 0, "\(run.stderr)")
        #expect((run.stdout + run.stderr).contains("took over the lock of `distswift process` (pid \(gone.processIdentifier)"),
                "\(run.stdout)")
        #expect((run.stdout + run.stderr).contains("removed 1 unfinished write it left behind"), "\(run.stdout)")
        for (name, kept) in debris {
            #expect(FileManager.default.fileExists(atPath: project.results + "/" + name) == kept, "\(name)")
        }
        try plant(pid: 1, host: "another-node-7")
        let foreign = try project.process("--workers", "1", "--force")
        #expect(foreign.status != 0)
        #expect(foreign.stderr.contains("pid 1 on host another-node-7") && foreign.stderr.contains("remove " + lock),
                "\(foreign.stderr)")
    }

    @Test("a symbolic link inside the results location cannot take a write outside it")
    func symlinkEscape() throws {
        let project = try RMSProject()
        let outside = try TemporaryFolder("distswift-outside")
        try FileManager.default.createDirectory(atPath: project.results, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: project.results + "/rms", withDestinationPath: outside.path)
        let run = try project.process("--workers", "1")
        #expect(run.status != 0)
        #expect(run.stderr.contains("symbolic link") && run.stderr.contains(outside.path), "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty, "nothing written outside")
    }

    @Test("info reads a file in a child process: a native crash there is reported as a corrupt file, exit 1, no signal",
          .enabled(if: TestPaths.sharedData != nil, "needs ../shared/data"))
    func infoIsolated() throws {
        let febus = TestPaths.sharedData! + "/das/valencia_febus_example.h5"
        let crash = try runProcess(TestPaths.distswiftBinary, ["info", febus],
                                   environment: ProcessInfo.processInfo.environment.merging(["DISTSWIFT_FAULT_CRASH_INFO": "1"]) { $1 })
        #expect(crash.status == 1)
        #expect(crash.stderr.contains("\(febus) is corrupt: the native reader (libhdf5 or segyio) crashed on it with signal 11"),
                "\(crash.stderr)")
        // Mutated copies of the real Febus file (bytes of the superblock and object headers flipped, truncations):
        // every run ends with a status of its own, 0 or 1 with a message, never by a signal.
        let folder = try TemporaryFolder("distswift-mutated")
        let original = try Data(contentsOf: URL(fileURLWithPath: febus))
        var generator = SystemRandomNumberGenerator()
        for i in 0..<40 {
            var bytes = [UInt8](original)
            if i % 4 == 3 {
                bytes = Array(bytes.prefix(Int.random(in: 64..<bytes.count, using: &generator)))
            } else {
                for _ in 0..<(1 + i % 5) {
                    let at = Int.random(in: 0..<min(bytes.count, 8192), using: &generator)
                    bytes[at] = UInt8.random(in: 0...255, using: &generator)
                }
            }
            let path = folder.file("m\(i).h5")
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let run = try runProcess(TestPaths.distswiftBinary, ["info", path])
            #expect(run.status == 0 || run.status == 1, "m\(i).h5: status \(run.status)")
            if run.status != 0 { #expect(run.stderr.contains("distswift: error:"), "m\(i).h5: \(run.stderr)") }
        }
    }

    @Test("a source rewritten since its ingest (same name and size) is noticed and re-ingested; a touched but unchanged one is not; --verify-sources checks content even when the time was kept")
    func rewrittenSources() throws {
        let folder = try TemporaryFolder("distswift-rewritten")
        func synth(_ dir: String, seed: Int) throws {
            let run = try runProcess(TestPaths.distswiftBinary, ["synth", "--segy", dir, "--files", "3", "--channels", "16",
                                                                 "--rate", "1000", "--seconds", "3", "--seed", "\(seed)"])
            #expect(run.status == 0, "\(run.stderr)")
        }
        try synth(folder.file("in/p/raw"), seed: 1)
        try synth(folder.file("other"), seed: 2)
        let config = try folder.write("s.json", #"{"in_drive": "\#(folder.file("in"))", "out_drive": "\#(folder.file("out"))", "project": "p", "data": "raw", "results": "store"}"#)
        func ingest(_ extra: String...) throws -> PythonReference.Result {
            try runProcess(TestPaths.distswiftBinary, ["ingest", config, "--workers", "1"] + extra)
        }
        #expect(try ingest().status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.file("in/p/raw")).sorted()
        let chunk = folder.file("out/p/store/1704067201.npy")
        let before = try Data(contentsOf: URL(fileURLWithPath: chunk))
        // (a) Rewritten with other content of the same size: re-ingested, with a note; the others are skipped.
        let target = folder.file("in/p/raw/" + names[1])
        try FileManager.default.removeItem(atPath: target)
        try FileManager.default.copyItem(atPath: folder.file("other/" + names[1]), toPath: target)
        let rerun = try ingest()
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stdout.contains("ingested \(names[1]): ") && rerun.stdout.contains("content changed"), "\(rerun.stdout)")
        #expect(rerun.stdout.contains("skipped \(names[0])") && rerun.stdout.contains("skipped \(names[2])"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: chunk)) != before, "the store holds the new content")
        // (b) Touched but unchanged: the checksum says so, nothing is redone.
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: folder.file("in/p/raw/" + names[0]))
        let touched = try ingest()
        #expect(touched.stdout.contains("skipped \(names[0])") && !touched.stdout.contains("ingested "), "\(touched.stdout)")
        // (c) Rewritten back in place with the old time kept: the stamp is trusted by default, --verify-sources finds it.
        let reference = folder.file("time-reference")
        #expect(try runProcess("/bin/cp", ["-p", target, reference]).status == 0)
        let original = try runProcess(TestPaths.distswiftBinary, ["synth", "--segy", folder.file("again"), "--files", "3",
                                                                  "--channels", "16", "--rate", "1000", "--seconds", "3", "--seed", "1"])
        #expect(original.status == 0)
        // Rewritten in place (same inode, as `cp -p` over the old file does) with the old time put back.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: target))
        try handle.write(contentsOf: try Data(contentsOf: URL(fileURLWithPath: folder.file("again/" + names[1]))))
        try handle.close()
        #expect(try runProcess("/usr/bin/touch", ["-r", reference, target]).status == 0)
        #expect(try ingest().stdout.contains("skipped \(names[1])"))
        let verified = try ingest("--verify-sources")
        #expect(verified.stdout.contains("ingested \(names[1]): ") && verified.stdout.contains("content changed"), "\(verified.stdout)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: chunk)) == before, "back to the first content")
    }

    /// The tries of each task in a run.json, with their status and failure kind.
    static func tries(inReport path: String) throws -> [String: [(status: String, failure: String?)]] {
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        var tries: [String: [(String, String?)]] = [:]
        for attempt in report["attempts"] as! [[String: Any]] {
            tries[attempt["id"] as! String, default: []].append((attempt["status"] as! String, attempt["failure"] as? String))
        }
        return tries
    }

    @Test("a failure of the input is tried once; an I/O failure is retried; run.json says which")
    func failureKinds() throws {
        let folder = try TemporaryFolder("distswift-failure-kinds")
        let synth = try runProcess(TestPaths.distswiftBinary, ["synth", "--prodml", folder.file("raw"), "--files", "2",
                                                               "--channels", "8", "--rate", "1000", "--seconds", "2"])
        #expect(synth.status == 0)
        _ = try folder.write("raw/notes.txt", "not a DAS record")
        let config = try folder.write("system.json", #"{"in_directory": "raw", "out_directory": "store"}"#)
        let ingest = try runProcess(TestPaths.distswiftBinary, ["ingest", config, "--workers", "1", "--retries", "2"])
        #expect(ingest.status == 1)
        let ingestTries = try Self.tries(inReport: folder.file("store/run.json"))
        #expect(ingestTries["notes.txt"]?.count == 1 && ingestTries["notes.txt"]?.first?.failure == "input",
                "an unrecognised file is not tried again: \(String(describing: ingestTries["notes.txt"]))")

        // The output folder's name is taken by a file: writing there fails on every try, as an I/O error.
        let project = try RMSProject()
        try FileManager.default.createDirectory(atPath: project.results, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: project.results + "/rms", contents: Data("a file".utf8))
        let process = try project.process("--workers", "1", "--retries", "2")
        #expect(process.status == 1)
        let processTries = try Self.tries(inReport: project.results + "/run.json")
        let first = processTries[RMSProject.chunks[0]] ?? []
        #expect(first.count == 3 && first.allSatisfy { $0.status == "failed" && $0.failure == "io" }, "\(first)")
    }

    /// A small tmpfs mounted by the test (needs root, as CI runs); nil with the reason when it cannot be mounted.
    static func mountTmpfs(at path: String, kilobytes: Int) -> String? {
        let mount = try? runProcess("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", path])
        return mount?.status == 0 ? nil : "cannot mount a tmpfs here: \(mount?.stderr ?? "mount failed")"
    }

    @Test("a full disk during ingest and during process: a clear error naming the location, nothing partial, finished chunks kept; a rerun after freeing space gives the uninterrupted outputs")
    func fullDisk() throws {
        let folder = try TemporaryFolder("distswift-full-disk")
        let raw = folder.file("in/p/raw"), disk = folder.file("disk")
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        let synth = try runProcess(TestPaths.distswiftBinary, ["synth", "--segy", raw, "--files", "6", "--channels", "64",
                                                               "--rate", "2000", "--seconds", "6"])
        #expect(synth.status == 0, "\(synth.stderr)")
        if let reason = Self.mountTmpfs(at: disk, kilobytes: 1200) {
            print("skipped: \(reason)")
            return
        }
        defer { _ = try? runProcess("/bin/umount", ["-l", disk]) }
        _ = try folder.write("graph.json", #"{"command_list": [{"name": "butter", "uid": 1, "in_uid": 0, "freq": 300}, {"name": "write_npy", "uid": 2, "in_uid": 1, "directory_out": "filtered"}]}"#)
        func config(_ name: String, out: String, results: String) throws -> String {
            try folder.write(name, #"{"in_drive": "\#(folder.file("in"))", "out_drive": "\#(out)", "project": "p", "data": "raw", "results": "\#(results)", "config": "\#(folder.file("graph.json"))"}"#)
        }
        // 6 chunks of 64 × 2000 float32 = 512 kB each: the 1.2 MB disk holds two.
        let ingest = try config("ingest.json", out: disk, results: "store")
        let full = try runProcess(TestPaths.distswiftBinary, ["ingest", ingest, "--workers", "1", "--quiet"])
        #expect(full.status != 0)
        #expect(full.stderr.contains(disk) && full.stderr.lowercased().contains("no space"), "\(full.stderr)")
        let left = try FileManager.default.subpathsOfDirectory(atPath: disk + "/p/store")
        #expect(!left.contains { $0.contains(".partial-") }, "no temporary file left: \(left)")
        // Each chunk on the disk is complete (numpy reads every one).
        for file in left where file.hasSuffix(".npy") && !file.contains("/") {
            let read = try PythonReference.run("import numpy, sys; numpy.load(sys.argv[1])", arguments: [disk + "/p/store/" + file])
            #expect(read.status == 0, "\(file): \(read.stderr)")
        }
        // Free space (a bigger disk), rerun: the store equals one ingested without interruption.
        #expect(try runProcess("/bin/mount", ["-o", "remount,size=20m", disk]).status == 0)
        let rerun = try runProcess(TestPaths.distswiftBinary, ["ingest", ingest, "--workers", "1", "--quiet"])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let reference = try config("reference.json", out: folder.file("ref"), results: "store")
        #expect(try runProcess(TestPaths.distswiftBinary, ["ingest", reference, "--workers", "1", "--quiet"]).status == 0)
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.file("ref/p/store")) where file.hasSuffix(".npy") {
            #expect(FileManager.default.contentsEqual(atPath: folder.file("ref/p/store/" + file), andPath: disk + "/p/store/" + file),
                    "\(file)")
        }

        // Process onto a full disk: its outputs do not fit, the error names the location, the rerun completes.
        #expect(try runProcess("/bin/mount", ["-o", "remount,size=7m", disk]).status == 0)
        let processConfig = try folder.write("process.json", #"{"in_drive": "\#(disk)", "out_drive": "\#(disk)", "project": "p", "data": "store", "results": "out", "config": "\#(folder.file("graph.json"))"}"#)
        let processFull = try runProcess(TestPaths.distswiftBinary, ["process", processConfig, "--workers", "1", "--quiet",
                                                                     "--fft-planning", "estimate"])
        #expect(processFull.status != 0)
        #expect(processFull.stderr.contains(disk) && processFull.stderr.lowercased().contains("no space"), "\(processFull.stderr)")
        let written = (try? FileManager.default.subpathsOfDirectory(atPath: disk + "/p/out")) ?? []
        #expect(!written.contains { $0.contains(".partial-") }, "no temporary file left: \(written)")
        #expect(try runProcess("/bin/mount", ["-o", "remount,size=20m", disk]).status == 0)
        let processRerun = try runProcess(TestPaths.distswiftBinary, ["process", processConfig, "--workers", "1", "--quiet",
                                                                      "--fft-planning", "estimate"])
        #expect(processRerun.status == 0, "\(processRerun.stderr)")
        let outputs = try FileManager.default.contentsOfDirectory(atPath: disk + "/p/out/filtered").filter { $0.hasSuffix(".npy") && $0 != "measured_depth.npy" }
        #expect(outputs.count == 6, "\(outputs)")
    }
}
