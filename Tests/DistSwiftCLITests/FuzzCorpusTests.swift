import DistSwiftTestSupport
import Foundation
import Testing

/// The fuzz targets' seed corpus and every input that once crashed a parser (Tests/Fuzz/corpus/TARGET/regression-*),
/// replayed through the targets as built for the tests: each must be parsed or refused, never crash.
@Suite("Fuzz corpus replay (regressions of every crash found)")
struct FuzzCorpusTests {
    static let replayer = URL(fileURLWithPath: TestPaths.distswiftBinary).deletingLastPathComponent()
        .appendingPathComponent("distswift-fuzz").path
    static let corpus = TestPaths.packageRoot + "/Tests/Fuzz/corpus"

    @Test("every target replays its corpus without a crash", arguments: [
        "segy", "tdms", "npy-header", "python-literal", "system-config", "graph", "plots", "witsml-fbe", "s3-xml",
        "store-json", "journal", "seismic-unix", "miniseed", "cf-tie-points",
    ])
    func replay(target: String) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpus + "/" + target)
        #expect(!files.isEmpty, "a seed corpus for \(target)")
        let run = try runProcess(Self.replayer, [target, Self.corpus + "/" + target])
        #expect(run.status == 0, "\(target): \(run.stderr.prefix(2000))")
        #expect(run.stdout.contains("\(target): \(files.count) inputs, no crash"), "\(run.stdout)")
    }

    @Test("the replayer knows exactly the targets that have a corpus")
    func targetsHaveCorpora() throws {
        let listed = try runProcess(Self.replayer, ["--list"]).stdout.split(separator: "\n").map(String.init)
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.corpus).sorted()
        #expect(listed == folders)
    }
}
