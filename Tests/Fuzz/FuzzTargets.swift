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
        // Sniffed first, as `info` does for every file that is not HDF5: the SU sniff reads trace headers at offsets
        // computed from the bytes themselves (both byte orders).
        "seismic-unix": { fileReader($0, ext: "su", sniff: SeismicUnixReader.sniff) { try SeismicUnixReader(path: $0) } },
        // Through libmseed (record detection, decoding of every encoding) and our wrapper's copy of its traces.
        "miniseed": { fileReader($0, ext: "mseed", sniff: MiniSEEDReader.sniff) { try MiniSEEDReader(path: $0) } },
        "cf-tie-points": { cfTiePoints($0) },
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
    static func fileReader(_ data: Data, ext: String, sniff: ((RecordProbe) -> Bool)? = nil,
                           open: (String) throws -> any RecordReader) {
        let path = scratch.root + "/input." + ext
        guard FileManager.default.createFile(atPath: path, contents: data) else { return }
        if let sniff { _ = sniff(RecordProbe(path: path)) }
        guard let reader = try? open(path) else { return }
        let samples = min(reader.metadata.sampleCount, 64)
        _ = try? reader.read(samples: 0..<samples, as: Float.self)
        if reader.metadata.sampleCount > samples {
            _ = try? reader.read(samples: (reader.metadata.sampleCount - 1)..<reader.metadata.sampleCount, as: Double.self)
        }
    }

    /// The xdas NetCDF-CF coordinate arithmetic fed from bytes (an HDF5 file cannot be mutated into reaching it):
    /// line 1 the time `units` attribute, line 2 the `coordinate_interpolation` attribute, then little-endian
    /// 64-bit words — the sample count, then half tie indices and half tie values (read as Int64 and as Double).
    static func cfTiePoints(_ data: Data) {
        let bytes = [UInt8](data)
        let lines = bytes.split(separator: 0x0A, maxSplits: 2, omittingEmptySubsequences: false)
        guard lines.count == 3 else { return }
        _ = CFTiePoints.mappingGroups(String(decoding: lines[1], as: UTF8.self))
        let words = stride(from: lines[2].startIndex, to: lines[2].endIndex - 7, by: 8).map { start in
            lines[2][start..<(start + 8)].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        }
        guard let countWord = words.first else { return }
        let count = Int(countWord % 4096)
        let half = (words.count - 1) / 2
        let indices = words[1..<(1 + half)].map { Int64(bitPattern: $0) }
        let raw = Array(words[(1 + half)..<(1 + 2 * half)])
        if let units = CFTimeUnits(String(decoding: lines[0], as: UTF8.self)) {
            for values in [try? CFTiePoints.nanoseconds(raw.map { Int64(bitPattern: $0) }, units: units, path: "fuzz.nc"),
                           try? CFTiePoints.nanoseconds(raw.map { Double(bitPattern: $0) }, units: units, path: "fuzz.nc")] {
                guard let values else { continue }
                _ = try? CFTiePoints.timeAxis(indices: indices, nanoseconds: values, sampleCount: count, path: "fuzz.nc")
            }
        }
        _ = try? CFTiePoints.positions(indices: indices, values: raw.map { Double(bitPattern: $0) }, count: count,
                                       path: "fuzz.nc")
    }
}
