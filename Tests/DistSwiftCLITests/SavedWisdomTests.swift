import DistSwiftTestSupport
import Foundation
import Testing

/// A pool worker saves FFTW's wisdom when it exits (`--fft-planning measure`, the default) so the next process
/// plans for free; it rewrites the files only when it learned a plan they lack. Before, every worker rewrote both
/// files at every exit (FFTW lists its wisdom in hash-table order, so even unchanged wisdom came out different),
/// which each run waited for. Real runs with a cache folder of the test's own (`XDG_CACHE_HOME`).
@Suite("FFTW wisdom is saved only when a worker learned something new")
struct SavedWisdomTests {
    @Test("a rerun of the same shapes leaves the wisdom files untouched; a new chunk length adds to them")
    func wisdomRewrittenOnlyWhenItGrows() throws {
        let folder = try TemporaryFolder("distswift-wisdom")
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = folder.file("cache")
        let files = ["fftw-wisdom-double", "fftw-wisdom-float"].map { folder.file("cache/distswift/" + $0) }
        func stamps() throws -> [UInt64] {
            try files.map { try (FileManager.default.attributesOfItem(atPath: $0)[.systemFileNumber] as! NSNumber).uint64Value }
        }
        func lines() throws -> [Set<Substring>] {
            try files.map { Set(try String(contentsOfFile: $0, encoding: .utf8).split(separator: "\n")) }
        }

        let config = try smallNoiseProject(in: folder)
        let first = try distswift("process", config, "--workers", "1", environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        let saved = try stamps(), savedLines = try lines()
        // The float32 store's transforms are single precision: their plans are in the float file (the double file
        // holds FFTW's header alone).
        #expect(savedLines.contains { $0.count > 2 }, "the first run measured plans and saved them")

        let rerun = try distswift("process", config, "--workers", "1", "--force", environment: environment)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try stamps() == saved, "nothing new was planned, so neither file was replaced")
        #expect(try lines() == savedLines)

        // Another chunk length (one-second chunks at 800 Hz) is another transform: its plan is new, so the wisdom
        // grows and is written again.
        let synth = try distswift("synth", "--store", folder.file("project/longer"), "--channels", "8", "--rate", "800",
                                  "--seconds", "2")
        #expect(synth.status == 0, "\(synth.stderr)")
        let longer = try folder.write("longer.json", #"{"in_drive": ".", "out_drive": ".", "project": "project", "data": "longer", "results": "out-longer", "config": "noise.json"}"#)
        let grown = try distswift("process", longer, "--workers", "1", environment: environment)
        #expect(grown.status == 0, "\(grown.stderr)")
        let grownLines = try lines()
        #expect(try stamps() != saved)
        #expect(zip(savedLines, grownLines).allSatisfy { $0.isSubset(of: $1) }, "saved plans are kept")
        #expect(zip(savedLines, grownLines).contains { $0.count < $1.count }, "the new length's plan was added")
    }
}
