import DistSwiftCalc
import DistSwiftControllers
import DistSwiftIO
import DistSwiftObjectStore
import Foundation

/// Every parser that reads bytes from outside distswift, as a fuzz target: each takes arbitrary bytes and must
/// return or throw, never crash, hang or read out of bounds. `scripts/fuzz.sh TARGET SECONDS` runs one under
/// libFuzzer with AddressSanitizer; built normally, `distswift-fuzz TARGET FILE…` replays files through it (the
/// regression corpus in Tests/Fuzz/corpus and every crash found, run by the test suite).
enum FuzzTargets {
    static let all: [String: @Sendable (Data) -> Void] = [
        "segy": { fileReader($0, ext: "sgy") { try SEGYReader(path: $0) } },
        "tdms": { fileReader($0, ext: "tdms") { try TDMSReader(path: $0) } },
        "npy-header": { _ = try? NPYHeader.parse([UInt8]($0), source: "fuzz.npy") },
        // The header's Python literal alone, wrapped in a valid NPY 1.0 prefix so every input reaches the parser.
        "python-literal": { data in
            let text = [UInt8](data.prefix(65_000))
            let prefix = NPYHeader.magic + [1, 0, UInt8(text.count & 0xFF), UInt8(text.count >> 8)]
            _ = try? NPYHeader.parse(prefix + text, source: "fuzz.npy")
        },
        "system-config": { _ = try? SystemConfig.parse(data: $0, file: "/fuzz/system.json", environment: [:]) },
        "graph": { data in
            guard let document = try? GraphDocument.parse(data: data, file: "/fuzz/graph.json") else { return }
            _ = try? GraphValidator(registry: .standard).plan(
                document, context: GraphContext(samplingRateHz: 1000, samplesPerChunk: 1000,
                                                channelPositions: (0..<8).map(Double.init)))
        },
        "plots": { _ = try? PlotsConfig.parse(data: $0, file: "/fuzz/plots.json", input: scratch) },
        "witsml-fbe": { _ = try? WITSMLFBEReader.parse($0, source: "fuzz.fbe") },
        "s3-xml": { data in
            guard let root = S3XMLElement.parse(data) else { return }
            _ = S3ListPage.parse(root, urlEncodedKeys: true)
        },
        "store-json": { _ = try? StoreManifest.decode($0, source: "fuzz/store.json") },
        "journal": { data in
            try? scratch.write(".distswift/journal.jsonl", bytes: [UInt8](data))
            _ = try? RunJournal(location: scratch, fingerprint: "fuzz", shard: .all).finishedTasks()
        },
    ]

    /// A scratch folder of this process for parsers that read files: in memory (/dev/shm) where there is one, so the
    /// file writes and syncs of every input cost no disk time.
    static let scratch: LocalStorage = {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm/" : NSTemporaryDirectory()
        let path = base + "distswift-fuzz-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return LocalStorage(root: path)
    }()

    /// A file-based reader: the bytes as a file, opened, its metadata read and the first samples decoded.
    static func fileReader(_ data: Data, ext: String, open: (String) throws -> any RecordReader) {
        let path = scratch.root + "/input." + ext
        guard FileManager.default.createFile(atPath: path, contents: data) else { return }
        guard let reader = try? open(path) else { return }
        let samples = min(reader.metadata.sampleCount, 64)
        _ = try? reader.read(samples: 0..<samples, as: Float.self)
        if reader.metadata.sampleCount > samples {
            _ = try? reader.read(samples: (reader.metadata.sampleCount - 1)..<reader.metadata.sampleCount, as: Double.self)
        }
    }
}
