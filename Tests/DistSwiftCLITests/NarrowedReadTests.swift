import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// When selections are the only readers of the chunk, `process` reads only the block they keep from the store
/// (`ReadNarrowingCommand`). The outputs must be those of the whole read, bit for bit: each graph runs twice on
/// the same three-chunk store, once alone (narrowed) and once with a `copy` of the chunk beside it (a second reader
/// that needs every sample, so the chunk is read whole and the selection selects as it always did).
@Suite("Chunk reads narrowed to what selections keep")
struct NarrowedReadTests {
    /// 40 channels at 100–139 m, 3 s at 2 kHz in 1-s chunks.
    static func threeChunkStore(_ folder: TemporaryFolder) throws {
        let data = ChunkContinuityTests.record(channels: 40, samples: 6_000, rate: ChunkContinuityTests.rate)
        try ChunkContinuityTests.store(data, rate: ChunkContinuityTests.rate, chunkSeconds: 1,
                                       at: folder.file("store"))
    }

    /// Runs `entries` (JSON objects; the first reads uid 0, the last is written to `out`) and returns the
    /// worker's log.
    static func run(_ folder: TemporaryFolder, _ entries: [String], precision: String, box: Int? = nil,
                    besideCopy: Bool) throws -> String {
        var list = entries
        if besideCopy { list.insert(#"{"name": "copy", "uid": 90, "in_uid": 0}"#, at: 0) }
        let graph = #"{"precision": "\#(precision)", "command_list": ["# + list.joined(separator: ",\n") + "]}"
        _ = try folder.write("graph.json", graph)
        let boxField = box.map { #", "BOX_SIZE": \#($0)"# } ?? ""
        let config = try folder.write("system.json", #"{"in_directory": "store", "out_directory": "results", "config": "graph.json"\#(boxField)}"#)
        let run = try runProcess(TestPaths.distswiftBinary, ["process", config, "--fft-planning", "estimate",
                                                              "--workers", "1"])
        #expect(run.status == 0, "\(run.stderr)")
        return run.stderr
    }

    /// Every file under `results/out` (relative path → bytes).
    static func files(_ folder: TemporaryFolder, _ out: String) throws -> [String: Data] {
        let root = folder.file("results/" + out)
        var found: [String: Data] = [:]
        let names = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
        for name in names {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isFolder), !isFolder.boolValue
            else { continue }
            found[name] = try Data(contentsOf: URL(fileURLWithPath: root + "/" + name))
        }
        return found
    }

    static let cases: [(name: String, entries: [String], box: Int?)] = [
        ("select distance", [#"{"name": "select", "uid": 1, "in_uid": 0, "distance": [110, 125]}"#], nil),
        ("select time", [#"{"name": "select", "uid": 1, "in_uid": 0, "time": [0.1, 0.4]}"#], nil),
        ("select time, channel blocks", [#"{"name": "select", "uid": 1, "in_uid": 0, "time": [0.25, 0.5]}"#], 16),
        ("select samples", [#"{"name": "select", "uid": 1, "in_uid": 0, "time": [100, 1900], "samples": true}"#], nil),
        ("clip", [#"{"name": "clip", "uid": 1, "in_uid": 0, "xmin": 104.6, "xmax": 131, "tmin": 0.2, "tmax": 0.7}"#], nil),
        ("clip first half", [#"{"name": "clip", "uid": 1, "in_uid": 0, "double_ended": 0, "xmin": 103}"#], nil),
        ("extract channel", [#"{"name": "extract", "uid": 1, "in_uid": 0, "axis": 0, "index": -3}"#], nil),
        ("extract sample", [#"{"name": "extract", "uid": 1, "in_uid": 0, "axis": 1, "index": 1234}"#], nil),
        ("extract sample, channel blocks", [#"{"name": "extract", "uid": 1, "in_uid": 0, "axis": 1, "index": 7}"#], 16),
        // The second selection reads the first one's output, not the chunk: it selects as always.
        ("select distance, then time", [#"{"name": "select", "uid": 1, "in_uid": 0, "distance": [105, 130]}"#,
                                        #"{"name": "select", "uid": 2, "in_uid": 1, "time": [0.3, 0.6]}"#], nil),
        // A channel range read with the time halo the zero-phase filter after it needs.
        ("select distance, halo", [#"{"name": "select", "uid": 1, "in_uid": 0, "distance": [120, 130]}"#,
                                   #"{"name": "butter", "uid": 2, "in_uid": 1, "type": "lowpass", "freq": 300}"#], nil),
    ]

    @Test("each selection's narrowed read gives the whole read's outputs, bit for bit",
          arguments: ["float64", "float32"])
    func narrowedEqualsWhole(precision: String) throws {
        for (name, entries, box) in Self.cases {
            let last = entries.count
            let writer = #"{"name": "write_npy", "uid": 50, "in_uid": \#(last), "directory_out": "out"}"#
            let narrowed = try TemporaryFolder("narrowed"), whole = try TemporaryFolder("whole")
            try Self.threeChunkStore(narrowed)
            try Self.threeChunkStore(whole)
            let narrowedLog = try Self.run(narrowed, entries + [writer], precision: precision, box: box,
                                           besideCopy: false)
            let wholeLog = try Self.run(whole, entries + [writer], precision: precision, box: box, besideCopy: true)
            #expect(narrowedLog.contains("chunk read narrowed to what uid 1"), "\(name): \(narrowedLog)")
            #expect(!wholeLog.contains("chunk read narrowed"), "\(name): \(wholeLog)")
            let a = try Self.files(narrowed, "out"), b = try Self.files(whole, "out")
            #expect(a.count >= 4, "\(name): \(a.keys.sorted())")  // 3 chunks and their axes
            #expect(a.keys.sorted() == b.keys.sorted(), "\(name)")
            for (file, bytes) in a { #expect(bytes == b[file], "\(name) \(precision): \(file) differs") }
        }
    }

    @Test("describe says when the chunk read is narrowed, and not when another command reads the chunk")
    func describeSaysSo() throws {
        let folder = try TemporaryFolder("describe")
        let alone = try folder.write("alone.json", #"{"command_list": [{"name": "select", "uid": 1, "in_uid": 0, "distance": [1, 5]}]}"#)
        let shared = try folder.write("shared.json", #"{"command_list": [{"name": "select", "uid": 1, "in_uid": 0, "distance": [1, 5]}, {"name": "copy", "uid": 2, "in_uid": 0}]}"#)
        for graph in [alone, shared] {
            let run = try runProcess(TestPaths.distswiftBinary, ["describe", graph, "--output", folder.path])
            #expect(run.status == 0, "\(run.stderr)")
        }
        let narrowed = try String(contentsOfFile: folder.file("alone.md"), encoding: .utf8)
        #expect(narrowed.contains("chunk read narrowed: only the block that uid 1 select keeps is read from the store"))
        let whole = try String(contentsOfFile: folder.file("shared.md"), encoding: .utf8)
        #expect(whole.contains("buffers reused") && !whole.contains("chunk read narrowed"))
    }

    @Test("selections that keep different blocks read the chunk whole, and each keeps its own")
    func disagreeingReadersReadWhole() throws {
        let both = try TemporaryFolder("both"), alone = try TemporaryFolder("alone")
        try Self.threeChunkStore(both)
        try Self.threeChunkStore(alone)
        let entries = [#"{"name": "select", "uid": 1, "in_uid": 0, "distance": [110, 125]}"#,
                       #"{"name": "write_npy", "uid": 2, "in_uid": 1, "directory_out": "near"}"#,
                       #"{"name": "select", "uid": 3, "in_uid": 0, "distance": [126, 139]}"#,
                       #"{"name": "write_npy", "uid": 4, "in_uid": 3, "directory_out": "far"}"#]
        let log = try Self.run(both, entries, precision: "float64", besideCopy: false)
        #expect(!log.contains("chunk read narrowed"), "\(log)")
        let narrowedLog = try Self.run(alone, Array(entries.prefix(2)), precision: "float64", besideCopy: false)
        #expect(narrowedLog.contains("chunk read narrowed"))
        let a = try Self.files(both, "near"), b = try Self.files(alone, "near")
        #expect(!a.isEmpty && a == b)
        let far = try NPYArrayFile(location: LocalStorage(root: both.file("results/far")),
                                   path: "1704067201.npy").read(as: Double.self)
        #expect(far.rows == 14)
    }
}
