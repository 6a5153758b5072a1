import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// `ingest` commits the files a worker ingests in a row as a group (one sync for the group, answers only after it):
/// real runs killed with SIGKILL in the middle of a group lose nothing reported done, show no chunk that is not
/// whole, and a rerun finishes the store exactly as an uninterrupted run makes it.
@Suite("Ingest group commits (CLI)", .serialized)
struct GroupCommitIngestTests {
    static let fileCount = 40
    static let channels = 8

    /// 40 one-second SEG-Y files of 8 channels at 1 kHz in a project, and its system config.
    static func project(_ folder: TemporaryFolder) throws -> String {
        let raw = folder.file("archive/well/raw")
        let synth = try distswift("synth", "--segy", raw, "--files", "\(fileCount)", "--seconds", "\(fileCount)",
                                  "--channels", "\(channels)", "--rate", "1000")
        #expect(synth.status == 0, "\(synth.stderr)")
        return try folder.write("system.json", """
            {"in_drive": "archive", "out_drive": "work", "project": "well", "data": "raw", "results": "store"}
            """)
    }

    static func store(_ folder: TemporaryFolder) -> String { folder.file("work/well/store") }

    /// Every visible chunk file of a store with its bytes (hidden temporary files are not chunks).
    static func chunkFiles(_ store: String) throws -> [String: Data] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: store)) ?? []
        var files: [String: Data] = [:]
        for name in names where ChunkName.startTimeNs(of: name) != nil {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: store + "/" + name))
        }
        return files
    }

    static func hiddenTemporaries(_ store: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: store)) ?? []).filter(isTemporaryStorageName)
    }

    /// The per-source records in the store: source path → chunk files.
    static func records(_ store: String) throws -> [String: [String]] {
        let folder = store + "/sources"
        var records: [String: [String]] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasSuffix(".json") {
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
                as! [String: Any]
            let source = (json["source"] as! [String: Any])["path"] as! String
            records[source] = (json["chunks"] as! [[String: Any]]).map { $0["file"] as! String }
        }
        return records
    }

    /// The reference: the same files ingested by one uninterrupted run.
    static let reference: (chunks: [String: Data], manifest: StoreManifest) = {
        let folder = try! TemporaryFolder()
        let config = try! project(folder)
        let run = try! distswift("ingest", config, "--workers", "2", "--quiet")
        precondition(run.status == 0, run.stderr)
        let store = try! ChunkStore.open(LocalStorage(root: Self.store(folder)))
        return (try! chunkFiles(Self.store(folder)), store.manifest!)
    }()

    /// The pids of the processes whose parent is `pid` (from /proc).
    static func children(of pid: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> Int32? in
            guard let child = Int32(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return nil }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && Int32(fields[1]) == pid ? child : nil
        }
    }

    @Test("the whole run killed with SIGKILL mid-group: records only for whole chunks, no visible chunk that is not whole, and a rerun gives the uninterrupted store")
    func killedMidGroup() throws {
        let folder = try TemporaryFolder()
        let config = try Self.project(folder)
        let store = Self.store(folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.file("archive/well/raw")).sorted()
        // All 40 tasks at once to one worker, so it commits a group of 32 and then stages the next files; the 37th
        // sleeps, holding the worker inside its second group while the test kills everything.
        let controller = Process()
        controller.executableURL = URL(fileURLWithPath: TestPaths.distswiftBinary)
        controller.arguments = ["ingest", config, "--workers", "1", "--batch", "\(Self.fileCount)", "--quiet"]
        controller.environment = ProcessInfo.processInfo.environment
            .merging(["DISTSWIFT_FAULT_SLEEP_ON_TASK": names[36] + ":30"]) { $1 }
        controller.standardOutput = FileHandle.nullDevice
        controller.standardError = FileHandle.nullDevice
        try controller.run()
        var temporaries: [String] = []
        for _ in 0..<600 {
            temporaries = Self.hiddenTemporaries(store)
            let committed = (try? Self.records(store).count) ?? 0
            if temporaries.count >= 4 && committed >= 32 { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let workers = Self.children(of: controller.processIdentifier)
        kill(controller.processIdentifier, SIGKILL)
        for worker in workers { kill(worker, SIGKILL) }
        controller.waitUntilExit()

        // Mid-group: the second group's files are staged under hidden names, and none of them has a record.
        let records = try Self.records(store)
        #expect(temporaries.count >= 4, "staged files of the unfinished group: \(temporaries)")
        #expect(records.count == 32, "the first group of 32 was committed: \(records.keys.sorted())")
        #expect(Set(records.keys) == Set(names.prefix(32)))
        // Every record names chunks that are there and whole; every visible chunk equals the reference's.
        let chunks = try Self.chunkFiles(store)
        for (source, files) in records {
            for file in files { #expect(chunks[file] == Self.reference.chunks[file], "\(source): \(file)") }
        }
        for (file, bytes) in chunks { #expect(bytes == Self.reference.chunks[file], "\(file) is not whole") }
        #expect(!FileManager.default.fileExists(atPath: store + "/store.json"))

        // The rerun ingests the files without a record and makes the uninterrupted store.
        let rerun = try distswift("ingest", config, "--workers", "2")
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stdout.components(separatedBy: "skipped synth_").count - 1 == 32, "\(rerun.stdout)")
        let final = try ChunkStore.open(LocalStorage(root: store))
        #expect(final.manifest?.chunks == Self.reference.manifest.chunks)
        #expect(final.manifest?.sources == Self.reference.manifest.sources)
        #expect(try Self.chunkFiles(store) == Self.reference.chunks)
    }

    @Test("a worker killed with SIGKILL mid-group is replaced; its uncommitted files are ingested again, none lost")
    func workerKilledMidGroup() throws {
        let folder = try TemporaryFolder()
        let config = try Self.project(folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.file("archive/well/raw")).sorted()
        var environment = ProcessInfo.processInfo.environment
        environment["DISTSWIFT_FAULT_KILL_ON_TASK"] = names[20]
        let run = try runProcess(TestPaths.distswiftBinary,
                                 ["ingest", config, "--workers", "1", "--batch", "\(Self.fileCount)"],
                                 environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        let store = Self.store(folder)
        let final = try ChunkStore.open(LocalStorage(root: store))
        #expect(final.manifest?.chunks == Self.reference.manifest.chunks)
        #expect(try Self.chunkFiles(store) == Self.reference.chunks)
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: store + "/run.json")))
            as! [String: Any]
        let attempts = (report["attempts"] as! [[String: Any]]).filter { $0["id"] as? String == names[20] }
        #expect(attempts.map { $0["status"] as! String } == ["crashed", "ok"], "\(attempts)")
    }
}
