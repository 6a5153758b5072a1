import DistSwiftObjectStore
import DistSwiftTestSupport
import Foundation
import Testing

/// `distswift ingest` from an S3 archive into an S3 store, then `distswift process` on that store, with worker
/// processes, against a real S3 server (SeaweedFS, credentials on) — and the same run on local folders: every
/// output equals the local run's byte for byte.
@Suite("S3 end to end: ingest and process on s3:// drives",
       .enabled(if: SeaweedFSServer.shouldRun, "\(SeaweedFSServer.missing)"), .seaweedFS)
struct S3EndToEndTests {
    var server: SeaweedFSServer { SeaweedFSServer.current! }

    /// Outputs that hold run times or random ids, compared by content below instead of by bytes.
    static func isRunSpecific(_ path: String) -> Bool {
        path.hasSuffix("/run.json") || path.hasSuffix("/timeline.svg") || path.contains("/.distswift/")
            || path.hasSuffix(".h5")
    }

    /// A per-source record without its change stamp (which must be there), as a dictionary.
    static func withoutStamp(_ bytes: some Collection<UInt8>) throws -> NSDictionary {
        var record = try JSONSerialization.jsonObject(with: Data(bytes)) as! [String: Any]
        #expect(record.removeValue(forKey: "change_stamp") is String, "the record has its change stamp")
        return record as NSDictionary
    }

    @Test("SEG-Y and PRODML files in s3://…/archive → S3 chunk store → processed results equal to a local run's")
    func ingestAndProcess() throws {
        let folder = try TemporaryFolder()
        let raw = folder.file("local/archive/project/raw")
        let synth = [["--segy", raw, "--files", "2", "--seed", "1"],
                     ["--prodml", raw, "--files", "2", "--start", "2024-01-01T00:00:02Z", "--seed", "2"]]
        for arguments in synth {
            let made = try runProcess(TestPaths.distswiftBinary, ["synth"] + arguments
                                      + ["--channels", "64", "--rate", "2000", "--seconds", "2"])
            #expect(made.status == 0, "\(made.stderr)")
        }
        let client = server.client()
        try client.createBucket("e2e")
        for name in try FileManager.default.contentsOfDirectory(atPath: raw) {
            try client.putObject(bucket: "e2e", key: "archive/project/raw/\(name)",
                                 body: try Data(contentsOf: URL(fileURLWithPath: raw + "/" + name)))
        }
        _ = try folder.write("graph.json", #"""
            {"command_list": [
              {"name": "fft", "uid": 1, "in_uid": 0},
              {"name": "multiple_calcs", "uid": 2, "in_uid": 1, "func": "te_from_fft", "low_freq": [50, 200], "high_freq": [200, -1]},
              {"name": "write_npy", "uid": 3, "in_uid": 2, "directory_out": "bands"},
              {"name": "write_prodml_fbe", "uid": 4, "in_uid": 2, "directory_out": "fbe", "low_freq": [50, 200], "high_freq": [200, -1]}
            ]}
            """#)
        // The endpoint comes from the config's s3 object, the keys from the environment (as for workers).
        func config(_ name: String, input: String, output: String, data: String, results: String) throws -> String {
            try folder.write(name, """
                {"in_drive": "\(input)", "out_drive": "\(output)", "project": "project", "data": "\(data)",
                 "results": "\(results)", "parallel_flag": 1, "ncpu": 2, "config": "graph.json",
                 "s3": {"endpoint": "\(server.endpoint)", "path_style": true}}
                """)
        }
        var environment = server.environment
        environment["AWS_ENDPOINT_URL"] = nil
        for (drive, prefix) in [("s3://e2e/", "s3"), ("local/", "local")] {
            let ingest = try config("\(prefix)-ingest.json", input: drive + "archive", output: drive + "work",
                                    data: "raw", results: "store")
            let process = try config("\(prefix)-process.json", input: drive + "work", output: drive + "work",
                                     data: "store", results: "products")
            for (stage, file) in [("ingest", ingest), ("process", process)] {
                let run = try runProcess(TestPaths.distswiftBinary, [stage, file, "--quiet"], environment: environment)
                #expect(run.status == 0, "\(prefix) \(stage): \(run.stderr)")
            }
        }

        // Every object of the S3 run against every file of the local run.
        let listed = try client.listObjects(bucket: "e2e", prefix: "work/").objects.map { String($0.key.dropFirst(5)) }
        let local = LocalFiles(root: folder.file("local/work"))
        #expect(listed.sorted() == local.paths)
        #expect(listed.filter { $0.hasPrefix("project/store/") && $0.hasSuffix(".npy") }.count == 6)
        #expect(listed.filter { $0.hasPrefix("project/products/bands/") }.count == 5)
        let remoteCopy = try TemporaryFolder("s3-results")
        for path in listed {
            let bytes = try client.getObject(bucket: "e2e", key: "work/" + path)
            if Self.isRunSpecific(path) {
                try LocalFiles.save(bytes, to: remoteCopy.file(path))
            } else if path.contains("/sources/") {
                // A per-source record carries its input's change stamp (an ETag here, a time and inode there); the
                // rest of it depends on the data alone.
                #expect(try Self.withoutStamp(bytes) == (try Self.withoutStamp(try local.bytes(path))),
                        "\(path) differs from the local run's beyond its change stamp")
            } else {
                #expect(bytes == (try local.bytes(path)), "\(path) differs from the local run's")
            }
        }
        // HDF5 files carry random uuids: their data and other attributes must match; the journals list the same
        // tasks.
        guard PythonReference.hasH5py else { return }
        let out = try PythonReference.check("""
            import sys, os, json, h5py, numpy as np
            remote, local = sys.argv[1], sys.argv[2]
            def content(path):
                items = {}
                with h5py.File(path, "r") as f:
                    def visit(name, obj):
                        for k, v in obj.attrs.items():
                            if k not in ("uuid", "AcquisitionId"):
                                items[name + "@" + k] = repr(np.asarray(v).tolist())
                        if isinstance(obj, h5py.Dataset):
                            items[name] = obj[...].tobytes()
                    f.visititems(visit)
                    for k, v in f.attrs.items():
                        if k != "uuid": items["/@" + k] = repr(np.asarray(v).tolist())
                return items
            fbe = "project/products/fbe"
            names = sorted(os.listdir(os.path.join(local, fbe)))
            assert len(names) == 4, names
            for name in names:
                assert content(os.path.join(remote, fbe, name)) == content(os.path.join(local, fbe, name)), name
            tasks = lambda p: sorted(json.loads(l)["task"] for l in open(p) if l.strip())
            journal = "project/products/.distswift/journal.jsonl"
            assert tasks(os.path.join(remote, journal)) == tasks(os.path.join(local, journal))
            print("ok")
            """, arguments: [remoteCopy.path, folder.file("local/work")])
        #expect(out.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
    }

    @Test("a wrong secret stops ingest with the S3 message, not a crash")
    func wrongSecret() throws {
        let folder = try TemporaryFolder()
        try server.client().createBucket("refused")
        let config = try folder.write("system.json", """
            {"in_drive": "s3://refused/archive", "out_drive": "s3://refused/work", "project": "p", "data": "raw",
             "results": "store"}
            """)
        var environment = server.environment
        environment["AWS_SECRET_ACCESS_KEY"] = "wrong"
        let run = try runProcess(TestPaths.distswiftBinary, ["ingest", config], environment: environment)
        #expect(run.status != 0)
        #expect(run.stderr.contains("S3 refused the request signature (SignatureDoesNotMatch)"), "\(run.stderr)")
        #expect(run.stderr.contains("check AWS_SECRET_ACCESS_KEY"))
        #expect(!run.stderr.contains("Fatal error"))
    }
}

/// The files under a local folder, by relative path.
struct LocalFiles {
    let root: String

    var paths: [String] {
        let enumerator = FileManager.default.enumerator(atPath: root)
        var found: [String] = []
        while let path = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isFolder), !isFolder.boolValue {
                found.append(path)
            }
        }
        return found.sorted()
    }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: root + "/" + path)) }

    static func save(_ bytes: Data, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try bytes.write(to: URL(fileURLWithPath: path))
    }
}
