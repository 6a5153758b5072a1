import DistSwiftIngesters
import DistSwiftIO
import DistSwiftObjectStore
import DistSwiftTestSupport
import Foundation
import Testing

/// Counts the requests an S3Client sends (through the real transport), to check the reader's read-ahead.
final class CountingTransport: HTTPTransport, @unchecked Sendable {
    private let inner = URLSessionTransport()
    private let lock = NSLock()
    private var methods: [String] = []

    func send(_ request: HTTPRequest, timeout: TimeInterval) throws -> HTTPResponse {
        lock.withLock { methods.append(request.method) }
        return try inner.send(request, timeout: timeout)
    }

    var sent: [String] { lock.withLock { methods } }
    func reset() { lock.withLock { methods = [] } }
}

/// S3Storage, the StorageLocation of s3:// drives, against a real S3 server (SeaweedFS, credentials on).
@Suite("S3 storage location against SeaweedFS", .enabled(if: SeaweedFSServer.shouldRun, "\(SeaweedFSServer.missing)"),
       .seaweedFS)
struct S3StorageTests {
    var server: SeaweedFSServer { SeaweedFSServer.current! }

    func storage(_ bucket: String, prefix: String = "project/data", client: S3Client? = nil) throws -> S3Storage {
        let client = client ?? server.client()
        try client.createBucket(bucket)
        return S3Storage(client: client, location: S3Location(bucket: bucket, prefix: prefix))
    }

    @Test("files and folders: write, list (temporary names hidden), listFiles, exists, read, remove, sublocation")
    func storageContract() throws {
        let store = try storage("contract")
        try store.write("a.txt", bytes: Array("alpha".utf8))
        try store.write("sub dir/b+c:d.npy", bytes: [1, 2, 3])
        try store.write("sub dir/deeper/e.json", bytes: Array("{}".utf8))
        try store.write(".x.partial-1-abc", bytes: [0])
        try store.makeFolder("empty")
        #expect(try store.list("").map { "\($0.name) \($0.isFolder) \($0.size)" }
                == ["a.txt false 5", "empty true 0", "sub dir true 0"])
        #expect(try store.list("empty").isEmpty)
        // A listing carries each object's ETag, the change stamp a HEAD would give; a rewrite changes it.
        let stamp = try #require(try store.list("").first { $0.name == "a.txt" }?.changeStamp)
        #expect(stamp == store.changeStamp("a.txt"))
        try store.write("a.txt", bytes: Array("omega".utf8))
        #expect(try store.list("").first { $0.name == "a.txt" }?.changeStamp == store.changeStamp("a.txt"))
        #expect(store.changeStamp("a.txt") != stamp, "same size, new content: a new stamp")
        #expect(try store.listFiles(recursivelyUnder: "") == ["a.txt", "sub dir/b+c:d.npy", "sub dir/deeper/e.json"])
        #expect(try store.listFiles(recursivelyUnder: "sub dir") == ["b+c:d.npy", "deeper/e.json"])
        #expect(store.exists("a.txt") && store.exists("sub dir") && store.exists("sub dir/deeper"))
        #expect(!store.exists("b.txt") && !store.exists("sub"))
        #expect(try store.readAll("sub dir/b+c:d.npy") == [1, 2, 3])
        #expect(store.address(of: "sub dir/b+c:d.npy") == "s3://contract/project/data/sub dir/b+c:d.npy")
        #expect(store.localPath(of: "a.txt") == nil)
        let sub = try store.sublocation("sub dir")
        #expect(try sub.readAll("deeper/e.json") == Array("{}".utf8))
        #expect(sub.description == "s3://contract/project/data/sub dir")
        try store.remove("sub dir")
        #expect(!store.exists("sub dir/deeper/e.json") && !store.exists("sub dir"))
        #expect { _ = try store.list("nowhere") } throws: { "\($0)".contains("s3://contract/project/data/nowhere") }
        #expect { _ = try store.openForReading("missing.npy") } throws: { "\($0)".contains("no such object") }
        #expect(throws: StoragePathError.self) { try store.write("../escape", bytes: [1]) }
    }

    @Test("positioned reads: values at offsets; small reads near each other cost one request")
    func positionedReads() throws {
        let counter = CountingTransport()
        let client = S3Client(configuration: server.client().configuration, transport: counter)
        let store = try storage("reads", client: client)
        let values = (0..<300_000).map { Float($0) * 0.5 }
        try store.writeAtomically("values.bin") { try $0.write(values) }
        let reader = try store.openForReading("values.bin")
        #expect(try reader.size() == values.count * 4)
        counter.reset()
        // A header parser's pattern: many small reads in the first kilobytes.
        for offset in stride(from: 0, to: 4096, by: 16) {
            #expect(try reader.read(Float.self, count: 4, at: offset) == Array(values[(offset / 4)..<(offset / 4 + 4)]))
        }
        #expect(counter.sent == ["GET"])
        // A large read goes straight to the server, and returns exactly its bytes.
        #expect(try reader.read(Float.self, count: 200_000, at: 40_000) == Array(values[10_000..<210_000]))
        #expect(try reader.readBytes(at: values.count * 4 - 2, count: 2).count == 2)
        #expect(throws: (any Error).self) { _ = try reader.readBytes(at: values.count * 4 - 2, count: 3) }
    }

    @Test("an atomic write that fails part-way leaves no object, and no multipart parts, behind")
    func failedWriteLeavesNothing() throws {
        let store = try storage("atomic", client: server.client(partSize: 5 << 20, multipartThreshold: 5 << 20))
        struct Interrupted: Error {}
        let block = [UInt8](repeating: 7, count: 1 << 20)
        #expect(throws: Interrupted.self) {
            try store.writeAtomically("big/chunk.npy") { writer in
                for _ in 0..<12 { try writer.write(block) }
                // More than two parts are on the server by now, but nothing is visible under the name.
                #expect(!store.exists("big/chunk.npy"))
                throw Interrupted()
            }
        }
        #expect(!store.exists("big/chunk.npy"))
        #expect(try store.client.listMultipartUploads(bucket: "atomic", prefix: "project/data/big/").isEmpty)
        // The same write, finished: 12 MiB in parts.
        try store.writeAtomically("big/chunk.npy") { writer in for _ in 0..<12 { try writer.write(block) } }
        #expect(try store.openForReading("big/chunk.npy").size() == 12 << 20)
    }

    @Test("appendDurably rewrites the journal object with each entry added")
    func journalAppends() throws {
        let store = try storage("journal", prefix: "results")
        for line in ["one\n", "two\n", "three\n"] { try store.appendDurably(".distswift/journal.jsonl", bytes: Array(line.utf8)) }
        #expect(String(decoding: try store.readAll(".distswift/journal.jsonl"), as: UTF8.self) == "one\ntwo\nthree\n")
    }

    @Test("files that need a real path: staged to local scratch for reading and writing, scratch removed after")
    func localScratch() throws {
        let store = try storage("scratch")
        var scratchPath = ""
        try store.writeAtomically("fbe/0001.h5", viaTemporaryFile: { path in
            scratchPath = path
            #expect(path.hasSuffix("0001.h5"))
            try Data("hdf5-ish".utf8).write(to: URL(fileURLWithPath: path))
        })
        #expect(!FileManager.default.fileExists(atPath: scratchPath))
        let text = try store.withLocalFile("fbe/0001.h5") { path -> String in
            scratchPath = path
            return try String(contentsOfFile: path, encoding: .utf8)
        }
        #expect(text == "hdf5-ish" && !FileManager.default.fileExists(atPath: scratchPath))
    }

    @Test("a chunk store written to S3 reads back equal to the same store written locally, byte for byte")
    func chunkStoreRoundTrip() throws {
        let scene = SyntheticScene.standard(channels: 16, channelSpacingM: 2, samplingRateHz: 500, durationS: 2.5,
                                            startTimeNs: 1_704_067_200_000_000_000)
        let remote = try storage("chunks", prefix: "work/store")
        let folder = try TemporaryFolder()
        let local = LocalStorage(root: folder.path)
        try SyntheticStoreWriter.write(scene, to: remote)
        try SyntheticStoreWriter.write(scene, to: local)
        #expect(try remote.listFiles(recursivelyUnder: "") == local.listFiles(recursivelyUnder: ""))
        for file in try local.listFiles(recursivelyUnder: "") {
            #expect(try remote.readAll(file) == local.readAll(file), "\(file)")
        }
        let opened = try ChunkStore.open(remote)
        #expect(opened.chunks.count == 3 && opened.channelCount == 16)
        #expect(try opened.read(opened.chunks[1], as: Float.self).values
                == ChunkStore.open(local).read(opened.chunks[1], as: Float.self).values)
    }

    @Test("a system config with s3:// drives: endpoint from its s3 object, keys from the environment")
    func systemConfig() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("system.json", """
            {"in_drive": "s3://das-archive/field", "out_drive": "s3://das-work", "project": "well 7",
             "data": "raw", "results": "store", "s3": {"endpoint": "\(server.endpoint)", "path_style": true}}
            """)
        let environment = ["HOME": folder.path, "AWS_ACCESS_KEY_ID": SeaweedFSServer.accessKey,
                           "AWS_SECRET_ACCESS_KEY": SeaweedFSServer.secretKey]
        let config = try SystemConfig.load(path: path, environment: environment)
        #expect(config.input.description == "s3://das-archive/field/well 7/raw")
        #expect(config.output.description == "s3://das-work/well 7/store")
        let output = try #require(config.output as? S3Storage)
        #expect(output.client.configuration.endpoint.description == server.endpoint)
        try output.client.createBucket("das-work")
        try config.output.write("probe.txt", bytes: [42])
        #expect(try config.output.readAll("probe.txt") == [42])
        // Without credentials the config itself is refused, naming the drive key and what to set.
        #expect {
            _ = try SystemConfig.load(path: path, environment: ["HOME": folder.path])
        } throws: { "\($0)".contains("key 'in_drive'") && "\($0)".contains("AWS_ACCESS_KEY_ID") }
    }
}
