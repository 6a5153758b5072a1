import DistSwiftObjectStore
import DistSwiftTestSupport
import Foundation
import Testing

/// `distswift watch` on an S3 prefix, against a real S3 server (SeaweedFS): a synthetic interrogator uploads record
/// files while the watch polls the prefix — each file is taken once, a multipart upload in progress and an object
/// overwritten by a longer one are not taken early, and a watch killed with SIGKILL resumes without re-ingesting.
@Suite("Live watch on an S3 prefix", .serialized,
       .enabled(if: SeaweedFSServer.shouldRun, "\(SeaweedFSServer.missing)"), .seaweedFS)
struct WatchS3Tests {
    var server: SeaweedFSServer { SeaweedFSServer.current! }

    @Test("files uploaded while the watch polls: each once, complete, also across kill -9; outputs equal a batch run's")
    func uploadsWhileWatching() throws {
        let project = try WatchTests.LiveProject()
        let (staging, names) = try WatchGrowingTests.staged(project)
        let client = server.client()
        try client.createBucket("live")
        let config = try project.folder.write("s3-live.json", """
            {"in_drive": "s3://live/in", "out_drive": ".", "project": "proj", "data": "raw", "results": "store",
             "parallel_flag": 1, "ncpu": 2, "BOX_SIZE": 128, "s3": {"endpoint": "\(server.endpoint)", "path_style": true}}
            """)
        var environment = server.environment
        environment["AWS_ENDPOINT_URL"] = nil
        func body(_ name: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: staging + "/" + name)) }
        func upload(_ name: String) throws {
            try client.putObject(bucket: "live", key: "in/proj/raw/" + name, body: try body(name))
        }
        func ingested(_ name: String) -> Bool {
            FileManager.default.fileExists(atPath: project.store + "/sources/" + name + ".json")
        }
        let watchArguments = ["--settle", "1.5", "--poll", "0.2", "--exit-when-idle", "6"]
        let first = try project.watch(watchArguments, log: "first", config: config, environment: environment)
        for name in names.prefix(3) {
            try upload(name)
            Thread.sleep(forTimeInterval: 0.3)
        }
        // A multipart upload in progress is not an object yet: not listed, not taken, until it is completed.
        let key = "in/proj/raw/" + names[3]
        let upload3 = try client.createMultipartUpload(bucket: "live", key: key)
        let part = try client.uploadPart(bucket: "live", key: key, uploadID: upload3, partNumber: 1, body: try body(names[3]))
        Thread.sleep(forTimeInterval: 2.5)
        #expect(!ingested(names[3]), "taken while its multipart upload was in progress")
        try client.completeMultipartUpload(bucket: "live", key: key, uploadID: upload3, parts: [part])
        // An object rewritten longer (a writer that re-uploads as it goes) is taken at its final size only.
        let full = try body(names[4])
        try client.putObject(bucket: "live", key: "in/proj/raw/" + names[4], body: full.prefix(full.count / 2))
        Thread.sleep(forTimeInterval: 0.6)
        try upload(names[4])
        // Killed once a few files are in; the rest arrive while no watch runs and then while the next one does.
        for _ in 0..<200 where !(ingested(names[3]) && ingested(names[1])) { Thread.sleep(forTimeInterval: 0.05) }
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        // Records only: the kill may land between a record's write and its rename (a hidden temporary, no record).
        let stamps = try WatchTests.modificationTimes(project.store + "/sources").filter { !$0.key.contains(".partial-") }
        #expect(stamps.count >= 3, "\(stamps.keys.sorted()) \(project.log("first"))")
        try upload(names[5])
        let second = try project.watch(watchArguments, log: "second", config: config, environment: environment)
        Thread.sleep(forTimeInterval: 1)
        for name in names[6...] {
            try upload(name)
            Thread.sleep(forTimeInterval: 0.3)
        }
        second.waitUntilExit()
        #expect(second.terminationStatus == 0, "\(project.log("second"))")
        #expect(project.log("first").contains("polling every 0.2 s"), "\(project.log("first"))")
        let after = try WatchTests.modificationTimes(project.store + "/sources").filter { !$0.key.contains(".partial-") }
        #expect(after.count == 8, "\(after.keys.sorted())")
        for (name, time) in stamps { #expect(after[name] == time, "\(name) was ingested again") }
        for (name, path, size) in try project.sourceRecords() {
            #expect(size == (try body(path).count), "\(name) was taken before it was complete")
        }
        let final = try project.journalChunks().filter { !$0.1 }.map(\.0)
        #expect(final.count == 7 && Set(final).count == 7, "each chunk once: \(final)")
        // The reference: the same files from a local folder, batch ingest + process.
        try WatchGrowingTests.deliver(names, from: staging, to: project.raw)
        #expect(try project.liveOutputs == (try project.batchOutputs()), "\(project.log("second"))")
    }
}
