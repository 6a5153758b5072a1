import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// Runs the real `distswift` binary.
func distswift(_ arguments: String..., environment: [String: String]? = nil) throws -> PythonReference.Result {
    try runProcess(TestPaths.distswiftBinary, arguments, environment: environment)
}

@Suite("distswift command line")
struct CLITests {
    @Test("--version and --help")
    func versionAndHelp() throws {
        let version = try distswift("--version")
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == DistSwiftVersion.current)
        let help = try distswift("--help")
        #expect(help.status == 0)
        for sub in ["config", "store", "synth"] { #expect(help.stdout.contains(sub)) }
        let synthHelp = try distswift("synth", "--help")
        #expect(synthHelp.stdout.contains("Example"))
    }

    @Test("synth writes a store that store info and store verify describe, and numpy reads")
    func synthAndInspect() throws {
        let folder = try TemporaryFolder()
        let store = folder.file("project/raw")
        let synth = try distswift("synth", "--store", store, "--channels", "32", "--rate", "1000", "--seconds", "2.5")
        #expect(synth.status == 0, "\(synth.stderr)")
        let info = try distswift("store", "info", store, "--chunks")
        #expect(info.status == 0)
        #expect(info.stdout.contains("channels       32"))
        #expect(info.stdout.contains("chunks         3"))
        #expect(info.stdout.contains("partial chunks 1704067202.npy"))
        #expect(try distswift("store", "verify", store).status == 0)
        // The same store through a system config.
        let config = try folder.write("system.json", #"{"in_drive": ".", "out_drive": ".", "project": "project", "data": "raw", "results": "out"}"#)
        let viaConfig = try distswift("store", "info", config)
        #expect(viaConfig.status == 0 && viaConfig.stdout.contains("chunks         3"))
        guard PythonReference.isAvailable else { return }
        let out = try PythonReference.check("""
            import sys, json, numpy as np
            m = json.load(open(sys.argv[1] + '/store.json'))
            a = np.load(sys.argv[1] + '/' + m['chunks'][0]['file'])
            assert a.shape == (32, 1000) and a.dtype == np.float32 and np.isfinite(a).all() and a.std() > 0
            print(float(m['sampling_rate_hz']), m['channel_count'])
            """, arguments: [store])
        #expect(out.trimmingCharacters(in: .whitespacesAndNewlines) == "1000.0 32")
    }

    @Test("a bad system config exits non-zero with the file and key named")
    func badConfig() throws {
        let folder = try TemporaryFolder()
        let config = try folder.write("system.json", #"{"in_drive": "a", "out_drive": "b", "project": "p", "data": "d", "results": "r", "BOXSIZE": 100}"#)
        let result = try distswift("config", config)
        #expect(result.status != 0)
        #expect(result.stderr.contains("system.json"))
        #expect(result.stderr.contains("'BOXSIZE'"))
        #expect(result.stderr.contains("did you mean 'BOX_SIZE'"))
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test("store verify fails on a truncated chunk and names it")
    func verifyFindsDamage() throws {
        let folder = try TemporaryFolder()
        let store = folder.file("s")
        #expect(try distswift("synth", "--store", store, "--channels", "8", "--rate", "100", "--seconds", "3").status == 0)
        let victim = store + "/1704067201.npy"
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: victim))
        try handle.truncate(atOffset: 200)
        try handle.close()
        let result = try distswift("store", "verify", store)
        #expect(result.status == 1)
        #expect(result.stderr.contains("1704067201.npy"))
        #expect(result.stderr.contains("truncated"))
    }

    @Test("a process killed in the middle of a write leaves no file under the final name")
    func atomicWriteSurvivesKill() throws {
        let folder = try TemporaryFolder()
        let store = folder.file("s")
        // The fault makes every writer stall after half a chunk's worth of bytes: the small axis files complete,
        // the first chunk is half written under its temporary name when the process is killed.
        let chunkBytes = 16 * 1000 * 4
        var environment = ProcessInfo.processInfo.environment
        environment[WriteFaults.environmentVariable] = String(chunkBytes / 2)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestPaths.distswiftBinary)
        process.arguments = ["synth", "--store", store, "--channels", "16", "--rate", "1000", "--seconds", "3"]
        process.environment = environment
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the stalled temporary file of some chunk holds bytes.
        var partial: String?
        for _ in 0..<200 where partial == nil {
            Thread.sleep(forTimeInterval: 0.05)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: store)) ?? []
            partial = names.first { $0.contains(".partial-") && $0.contains(".npy") }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let stalled = try #require(partial, "the writer never stalled")
        let final = String(stalled.dropFirst().prefix { $0 != "." }) + ".npy"
        let names = try FileManager.default.contentsOfDirectory(atPath: store)
        #expect(!names.contains(final), "\(final) appeared although its write was interrupted")
        #expect(!names.contains("store.json"), "the manifest of an unfinished store must not exist")
        // Nothing visible is incomplete: every listed .npy file is a whole, valid array.
        let location = LocalStorage(root: store)
        for entry in try location.list("") where entry.name.hasSuffix(".npy") {
            let file = try NPYArrayFile(location: location, path: entry.name)
            #expect(file.header.shape.reduce(1, *) > 0)
        }
        // A rerun completes the store.
        #expect(try distswift("synth", "--store", store, "--channels", "16", "--rate", "1000", "--seconds", "3").status == 0)
        #expect(try distswift("store", "verify", store).status == 0)
    }
}
