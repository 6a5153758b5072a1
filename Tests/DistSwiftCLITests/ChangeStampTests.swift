import DistSwiftTestSupport
import Foundation
import Testing

/// The change stamp that lets a rerun skip an unchanged source without hashing it lives in the source's record
/// (`change_stamp` in `sources/NAME.json`): one file fewer per input file. Stores ingested before kept it in
/// `.distswift/source-stamps/NAME`, which is still read.
@Suite("Ingest: change stamps in the per-source records")
struct ChangeStampTests {
    @Test("records carry the stamp and no stamp file is written; a record without one falls back to the old stamp file")
    func stampInRecord() throws {
        let folder = try TemporaryFolder("distswift-stamps")
        func synth(_ dir: String, seed: Int) throws {
            let run = try runProcess(TestPaths.distswiftBinary, ["synth", "--segy", dir, "--files", "2", "--channels", "8",
                                                                 "--rate", "1000", "--seconds", "2", "--seed", "\(seed)"])
            #expect(run.status == 0, "\(run.stderr)")
        }
        try synth(folder.file("in/p/raw"), seed: 1)
        try synth(folder.file("other"), seed: 2)
        let config = try folder.write("s.json", #"{"in_drive": "\#(folder.file("in"))", "out_drive": "\#(folder.file("out"))", "project": "p", "data": "raw", "results": "store"}"#)
        func ingest() throws -> PythonReference.Result {
            try runProcess(TestPaths.distswiftBinary, ["ingest", config, "--workers", "1"])
        }
        #expect(try ingest().status == 0)
        let store = folder.file("out/p/store")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.file("in/p/raw")).sorted()
        for name in names {
            let record = try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: store + "/sources/\(name).json"))) as! [String: Any]
            #expect((record["change_stamp"] as? String)?.isEmpty == false, "\(record)")
        }
        #expect(!FileManager.default.fileExists(atPath: store + "/.distswift/source-stamps"))
        #expect(!(try String(contentsOfFile: store + "/store.json", encoding: .utf8)).contains("stamp"),
                "the manifest depends on the data alone")

        // An older store: the stamp in a file of its own, none in the record.
        let recordPath = store + "/sources/\(names[0]).json"
        var record = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: recordPath))) as! [String: Any]
        let stamp = record.removeValue(forKey: "change_stamp") as! String
        try JSONSerialization.data(withJSONObject: record).write(to: URL(fileURLWithPath: recordPath))
        try FileManager.default.createDirectory(atPath: store + "/.distswift/source-stamps", withIntermediateDirectories: true)
        try Data(stamp.utf8).write(to: URL(fileURLWithPath: store + "/.distswift/source-stamps/" + names[0]))
        // Rewritten in place with other content and its old time put back: its stamp is unchanged, so it is trusted
        // (as `--verify-sources` documents) — which it can only be if the old stamp file was read.
        let target = folder.file("in/p/raw/" + names[0])
        let reference = folder.file("time-reference")
        #expect(try runProcess("/bin/cp", ["-p", target, reference]).status == 0)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: target))
        try handle.write(contentsOf: try Data(contentsOf: URL(fileURLWithPath: folder.file("other/" + names[0]))))
        try handle.close()
        #expect(try runProcess("/usr/bin/touch", ["-r", reference, target]).status == 0)
        let rerun = try ingest()
        #expect(rerun.status == 0 && rerun.stdout.contains("skipped \(names[0])"), "\(rerun.stdout) \(rerun.stderr)")
        // Without the stamp file the record says nothing about the stamp: the content is compared, and differs.
        try FileManager.default.removeItem(atPath: store + "/.distswift/source-stamps/" + names[0])
        let compared = try ingest()
        #expect(compared.stdout.contains("ingested \(names[0]): ") && compared.stdout.contains("content changed"),
                "\(compared.stdout)")
    }
}
