import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// distpy's example graphs (configs/, unchanged) validate and run end to end through `distswift process`, on a
/// synthetic store and on chunks ingested from real instrument files.
@Suite("Example graphs run end to end")
struct ExampleGraphTests {
    /// Graph → the folder its writer fills and the extension of the per-chunk files.
    static let graphs: [(file: String, folder: String, ext: String)] = [
        ("strainrate2noiselog.json", "NoiseLog", "fbe"),
        ("strainrate2thumbnail.json", "png", "png"),
        ("seismic2vlf.json", "vlf", "fbe"),
        ("rms2summary.json", "tfa", "fbe"),
        ("vlf2summary.json", "tfa", "fbe"),
    ]

    private func process(_ graph: String, store: String, in folder: TemporaryFolder) throws
        -> (result: PythonReference.Result, results: String)
    {
        let config = try folder.write("system-\(graph)", """
            {"in_directory": "\(store)", "out_directory": "results-\(graph)", "BOX_SIZE": 16,
             "config": "\(TestPaths.packageRoot)/configs/\(graph)"}
            """)
        return (try runProcess(TestPaths.distswiftBinary, ["process", config, "--quiet"]),
                folder.file("results-\(graph)"))
    }

    @Test("every example graph validates at 4 kHz", arguments: graphs.map(\.file))
    func validates(_ graph: String) throws {
        let result = try runProcess(TestPaths.distswiftBinary,
                                    ["validate", TestPaths.packageRoot + "/configs/" + graph, "--rate", "4000"])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test("every example graph runs on a synthetic store: one output per chunk", arguments: graphs)
    func synthetic(_ graph: (file: String, folder: String, ext: String)) throws {
        let folder = try TemporaryFolder()
        let store = folder.file("store")
        #expect(try runProcess(TestPaths.distswiftBinary, ["synth", "--store", store, "--channels", "40",
                                                           "--rate", "4000", "--seconds", "2"]).status == 0)
        let (result, results) = try process(graph.file, store: store, in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let written = (try? FileManager.default.contentsOfDirectory(atPath: results + "/" + graph.folder)) ?? []
        #expect(written.filter { $0.hasSuffix("." + graph.ext) }.sorted()
                == ["1704067200.\(graph.ext)", "1704067201.\(graph.ext)"], "\(written)")
    }

    @Test("the example graphs run on chunks ingested from real files (Terra15 3.2 kHz, FORGE SEG-Y 2 kHz)",
          .enabled(if: TestPaths.sharedData != nil, "needs the sample data in ../shared/data"))
    func realChunks() throws {
        let folder = try TemporaryFolder()
        // Terra15 (3217 Hz) holds every noise-log band below Nyquist; FORGE (2 kHz) does not reach 1000 Hz, so
        // the noise log is run on Terra15 and the others on FORGE.
        for (file, graphs) in [("terra15_v5_test_file.hdf5", ["strainrate2noiselog.json"]),
                               ("FORGE_78-32_iDASv3-P11_UTC190428135038.sgy",
                                ["strainrate2thumbnail.json", "seismic2vlf.json", "rms2summary.json",
                                 "vlf2summary.json"])] {
            let input = folder.file("in-\(file)")
            try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: TestPaths.sharedData! + "/das/" + file, toPath: input + "/" + file)
            let store = folder.file("store-\(file)")
            let ingestConfig = try folder.write("ingest-\(file).json",
                                                #"{"in_directory": "\#(input)", "out_directory": "\#(store)"}"#)
            let ingest = try runProcess(TestPaths.distswiftBinary, ["ingest", ingestConfig, "--quiet"])
            #expect(ingest.status == 0, "\(ingest.stderr)")
            let chunks = try ChunkStore.open(LocalStorage(root: store)).chunks.map { String($0.file.dropLast(4)) }
            for graph in graphs {
                let (result, results) = try process(graph, store: store, in: folder)
                #expect(result.status == 0, "\(graph) on \(file): \(result.stderr)")
                let entry = Self.graphs.first { $0.file == graph }!
                let written = (try? FileManager.default.contentsOfDirectory(atPath: results + "/" + entry.folder)) ?? []
                #expect(Set(written.filter { $0.hasSuffix("." + entry.ext) })
                        == Set(chunks.map { "\($0).\(entry.ext)" }), "\(graph) on \(file): \(written)")
            }
        }
    }

    @Test("the noise log refuses data whose Nyquist is below its bands, naming the command and the numbers",
          .enabled(if: TestPaths.sharedData != nil, "needs the sample data in ../shared/data"))
    func nyquistFromTheStore() throws {
        let folder = try TemporaryFolder()
        let store = folder.file("store")
        #expect(try runProcess(TestPaths.distswiftBinary, ["synth", "--store", store, "--channels", "8",
                                                           "--rate", "1000", "--seconds", "1"]).status == 0)
        let (result, _) = try process("strainrate2noiselog.json", store: store, in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("command_list[3].low_freq[1] low frequency 600.0 Hz is at or above Nyquist (500.0 Hz"))
        #expect(result.stderr.contains("command_list[3].low_freq[2] low frequency 1000.0 Hz"))
        #expect(!result.stderr.contains("low_freq[0]"))  // 200 Hz is below Nyquist
    }
}

@Suite("distswift describe and commands")
struct DescribeAndCommandsTests {
    @Test("describe writes the graph as DOT (nodes, edges with the kind of data) and as Markdown")
    func describe() throws {
        let folder = try TemporaryFolder()
        let result = try runProcess(TestPaths.distswiftBinary, ["describe",
                                    TestPaths.packageRoot + "/configs/strainrate2noiselog.json", "--output", folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        let dot = try String(contentsOfFile: folder.file("strainrate2noiselog.dot"), encoding: .utf8)
        #expect(dot.hasPrefix("digraph") && dot.contains("n2 -> n3 [label=\"spectrum along time\"]"))
        #expect(dot.contains("n5 -> n7 [label=\"per-channel values\", style=dashed]"))  // the gathered band-00
        let markdown = try String(contentsOfFile: folder.file("strainrate2noiselog.md"), encoding: .utf8)
        #expect(markdown.hasPrefix("# Standard 3-band Noise Log, GPU-enabled"))
        #expect(markdown.contains("| 4 | `multiple_calcs` | uid 2 |  | per-channel values |"))
        if result.stdout.contains(".svg") {
            #expect(FileManager.default.fileExists(atPath: folder.file("strainrate2noiselog.svg")))
        }
    }

    @Test("commands lists every command; commands NAME prints its reference; an unknown name gets suggestions")
    func commands() throws {
        let list = try runProcess(TestPaths.distswiftBinary, ["commands"])
        #expect(list.status == 0 && list.stdout.contains("multiple_calcs") && list.stdout.contains("butter"))
        let one = try runProcess(TestPaths.distswiftBinary, ["commands", "rms_from_fft"])
        #expect(one.stdout.contains("## rms_from_fft") && one.stdout.contains("| `high_freq` | number | `-1` | Hz |"))
        let unknown = try runProcess(TestPaths.distswiftBinary, ["commands", "rms_form_fft"])
        #expect(unknown.status == 1 && unknown.stderr.contains("did you mean 'rms_from_fft'"))
    }
}
