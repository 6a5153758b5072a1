import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// Chunked == monolithic: the same samples stored as 1-s chunks and as one chunk, the same graph run by
/// `distswift process` on both, give the same outputs at every sample — boundaries included — to 1e-6 of the
/// output's peak (float64). Before halos, a band-pass differed by up to 40 % of the peak near every boundary.
@Suite("Chunk boundaries do not show (halos)")
struct ChunkContinuityTests {
    /// A record of `channels` × `samples` at `rate`: a few tones per channel, a moving pulse and white noise.
    static func record(channels: Int, samples: Int, rate: Double, seed: UInt64 = 7) -> Array2D<Double> {
        var state = seed
        func noise() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(Int64(bitPattern: state >> 11) % 2_000_001 - 1_000_000) / 1_000_000
        }
        var values = [Double](repeating: 0, count: channels * samples)
        for c in 0..<channels {
            for t in 0..<samples {
                let time = Double(t) / rate
                var v = sin(2 * .pi * (150 + Double(c)) * time) + 0.5 * sin(2 * .pi * 7 * time + Double(c))
                v += 0.8 * sin(2 * .pi * 600 * time) + 0.3 * noise()
                let arrival = 0.5 + Double(c) * 0.01
                v += 2 * exp(-pow((time - arrival) * 40, 2)) * sin(2 * .pi * 250 * time)
                values[c * samples + t] = v
            }
        }
        return Array2D(rows: channels, columns: samples, values: values)
    }

    /// A float64 store of `record` cut into chunks of `chunkSeconds`, written as segments starting at the given
    /// sample offsets (a gap between segments when they do not touch).
    static func store(_ record: Array2D<Double>, rate: Double, chunkSeconds: Double, at folder: String,
                      segments: [Range<Int>]? = nil, gapSeconds: Double = 0, spacing: Double = 1) throws {
        let location = LocalStorage(root: folder)
        let start: Int64 = 1_704_067_200_000_000_000
        let manifest = StoreManifest(samplingRateHz: rate, chunkSeconds: chunkSeconds, channelCount: record.rows,
                                     channelSpacingM: spacing, firstChannelM: 100, startTimeNs: start, dtype: .float64,
                                     units: "1/s")
        let writer = ChunkStoreWriter(location: location, metadata: manifest)
        try writer.writeAxes(channelPositions: (0..<record.rows).map { 100 + Double($0) * spacing })
        var chunks: [ChunkRecord] = []
        for (i, segment) in (segments ?? [0..<record.columns]).enumerated() {
            let offsetNs = Int64((Double(segment.lowerBound) / rate + Double(i) * gapSeconds) * 1e9)
            chunks += try writer.writeRecord(sampleCount: segment.count, startTimeNs: start + offsetNs, source: nil) {
                range in
                let columns = (segment.lowerBound + range.lowerBound)..<(segment.lowerBound + range.upperBound)
                var values: [Double] = []
                for r in 0..<record.rows {
                    values += record.values[(r * record.columns + columns.lowerBound)..<(r * record.columns + columns.upperBound)]
                }
                return Array2D(rows: record.rows, columns: columns.count, values: values)
            }
        }
        try writer.commit(chunks: chunks, sources: [])
    }

    /// Runs `graph` on the store in `folder`/store with results in `folder`/results.
    static func process(_ folder: TemporaryFolder, graph: String, boxSize: Int? = nil) throws {
        _ = try folder.write("graph.json", graph)
        let box = boxSize.map { #", "BOX_SIZE": \#($0)"# } ?? ""
        let config = try folder.write("system.json", #"{"in_directory": "store", "out_directory": "results", "config": "graph.json"\#(box)}"#)
        let run = try runProcess(TestPaths.distswiftBinary, ["process", config, "--fft-planning", "estimate", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
    }

    /// A record of `channels` × 12,000 samples with a 0.75-s gap after sample 5,000, stored in 1-s chunks
    /// (`chunked`) and in 4-s chunks, each segment one chunk (`wholes`: the monolithic records), both run through
    /// `graph`: each side of the gap in `chunked` must equal its own record in `wholes`.
    static func processedAcrossGap(_ name: String, channels: Int = 3, graph: String) throws
        -> (chunked: TemporaryFolder, wholes: TemporaryFolder) {
        let data = record(channels: channels, samples: 12_000, rate: rate)
        let chunked = try TemporaryFolder(name), wholes = try TemporaryFolder(name + "-whole")
        let segments = [0..<5_000, 5_000..<12_000]
        try store(data, rate: rate, chunkSeconds: 1, at: chunked.file("store"), segments: segments, gapSeconds: 0.75)
        try store(data, rate: rate, chunkSeconds: 4, at: wholes.file("store"), segments: segments, gapSeconds: 0.75)
        try process(chunked, graph: graph)
        try process(wholes, graph: graph)
        return (chunked, wholes)
    }

    /// Every chunk output of `results/folder` joined along time (chunks in time order), and their time axes.
    static func joined(_ folder: TemporaryFolder, _ output: String) throws -> (Array2D<Double>, [Int64]) {
        let location = LocalStorage(root: folder.file("results/" + output))
        let files = try location.list("").filter { !$0.isFolder && $0.name.hasSuffix(".npy") && $0.name != "measured_depth.npy" }
            .map(\.name).sorted { ChunkName.startTimeNs(of: $0)! < ChunkName.startTimeNs(of: $1)! }
        let parts = try files.map { try NPYArrayFile(location: location, path: $0).read(as: Double.self) }
        let times = try files.flatMap { file -> [Int64] in
            try NPYArrayFile.timesNs(location: location, path: "time/" + file)
        }
        let rows = parts[0].rows, columns = parts.map(\.columns).reduce(0, +)
        var values: [Double] = []
        values.reserveCapacity(rows * columns)
        for r in 0..<rows { for p in parts { values += p.values[(r * p.columns)..<((r + 1) * p.columns)] } }
        return (Array2D(rows: rows, columns: columns, values: values), times)
    }

    /// The largest difference over the output's peak.
    static func relativeDifference(_ a: Array2D<Double>, _ b: Array2D<Double>) -> Double {
        precondition(a.rows == b.rows && a.columns == b.columns, "\(a.shape) vs \(b.shape)")
        let peak = b.values.map(abs).max() ?? 1
        return zip(a.values, b.values).map { abs($0 - $1) }.max()! / peak
    }

    /// Each output joined over the chunks of `a` and of `b` agrees within `tolerance` of its peak, with the same
    /// time axis; `label` prefixes the messages.
    static func expectJoinedEqual(_ a: TemporaryFolder, _ b: TemporaryFolder, outputs: [String], tolerance: Double,
                                  label: String = "") throws {
        for output in outputs {
            let (x, timesX) = try joined(a, output)
            let (y, timesY) = try joined(b, output)
            let difference = relativeDifference(x, y)
            #expect(difference < tolerance, "\(label)\(output): \(difference)")
            #expect(timesX == timesY, "\(label)\(output): time axes differ")
        }
    }

    static let rate = 2000.0
    static let graph = """
        {"command_list": [
          {"name": "butter", "uid": 1, "in_uid": 0, "type": "bandpass", "freq": [100, 400], "order": 4},
          {"name": "write_npy", "uid": 2, "in_uid": 1, "directory_out": "bandpass"},
          {"name": "butter", "uid": 3, "in_uid": 0, "type": "lowpass", "freq": 300},
          {"name": "write_npy", "uid": 4, "in_uid": 3, "directory_out": "lowpass"},
          {"name": "butter", "uid": 5, "in_uid": 0, "type": "highpass", "freq": 20, "padtype": "odd"},
          {"name": "write_npy", "uid": 6, "in_uid": 5, "directory_out": "highpass"},
          {"name": "butter", "uid": 7, "in_uid": 0, "type": "bandstop", "freq": [500, 700], "padtype": "constant"},
          {"name": "write_npy", "uid": 8, "in_uid": 7, "directory_out": "bandstop"},
          {"name": "downsample", "uid": 9, "in_uid": 3, "tsample": 3},
          {"name": "write_npy", "uid": 10, "in_uid": 9, "directory_out": "decimated"},
          {"name": "diff", "uid": 11, "in_uid": 0, "window_length": 1},
          {"name": "write_npy", "uid": 12, "in_uid": 11, "directory_out": "diff1"},
          {"name": "diff", "uid": 13, "in_uid": 0, "window_length": 2},
          {"name": "write_npy", "uid": 14, "in_uid": 13, "directory_out": "diff2"},
          {"name": "downsample", "uid": 15, "in_uid": 0, "tsample": 7},
          {"name": "butter", "uid": 16, "in_uid": 15, "type": "lowpass", "freq": 50},
          {"name": "write_npy", "uid": 17, "in_uid": 16, "directory_out": "downsample_then_butter"}
        ]}
        """
    static let outputs = ["bandpass", "lowpass", "highpass", "bandstop", "decimated", "diff1", "diff2",
                          "downsample_then_butter"]

    @Test("six 1-s chunks equal one 6-s chunk for butter (every type and pad), downsample, diff and their chains")
    func chunkedEqualsMonolithic() throws {
        let data = Self.record(channels: 16, samples: 12_000, rate: Self.rate)
        let chunked = try TemporaryFolder("halo-chunked"), whole = try TemporaryFolder("halo-whole")
        try Self.store(data, rate: Self.rate, chunkSeconds: 1, at: chunked.file("store"))
        try Self.store(data, rate: Self.rate, chunkSeconds: 6, at: whole.file("store"))
        try Self.process(chunked, graph: Self.graph)
        try Self.process(whole, graph: Self.graph)
        for output in Self.outputs {
            let (a, timesA) = try Self.joined(chunked, output)
            let (b, timesB) = try Self.joined(whole, output)
            #expect(Self.relativeDifference(a, b) < 1e-6, "\(output)")
            #expect(timesA == timesB, "\(output): time axes differ")
        }
    }

    @Test("a windowed macro (graph command) is continuous across chunks like the commands it includes")
    func macroHalo() throws {
        let data = Self.record(channels: 4, samples: 8_000, rate: Self.rate)
        let chunked = try TemporaryFolder("halo-macro"), whole = try TemporaryFolder("halo-macro-whole")
        let inner = #"{"command_list": [{"name": "butter", "uid": 1, "in_uid": 0, "type": "bandpass", "freq": [100, 400]}, {"name": "downsample", "uid": 2, "in_uid": 1, "tsample": 3}]}"#
        let graph = #"{"command_list": [{"name": "graph", "uid": 1, "in_uid": 0, "file": "inner.json"}, {"name": "write_npy", "uid": 2, "in_uid": 1, "directory_out": "m"}]}"#
        for (folder, seconds) in [(chunked, 1.0), (whole, 4.0)] {
            _ = try folder.write("inner.json", inner)
            try Self.store(data, rate: Self.rate, chunkSeconds: seconds, at: folder.file("store"))
            try Self.process(folder, graph: graph)
        }
        let (a, timesA) = try Self.joined(chunked, "m")
        let (b, timesB) = try Self.joined(whole, "m")
        #expect(Self.relativeDifference(a, b) < 1e-6)
        #expect(timesA == timesB)
    }

    @Test("chunk lengths that are not a multiple of the step keep the global phase; time.npy holds the kept samples' true times")
    func decimationPhase() throws {
        let data = Self.record(channels: 4, samples: 12_000, rate: Self.rate)
        let folder = try TemporaryFolder("halo-phase")
        try Self.store(data, rate: Self.rate, chunkSeconds: 1, at: folder.file("store"))
        try Self.process(folder, graph: #"{"command_list": [{"name": "downsample", "uid": 1, "in_uid": 0, "tsample": 7}, {"name": "write_npy", "uid": 2, "in_uid": 1, "directory_out": "d"}]}"#)
        let (out, times) = try Self.joined(folder, "d")
        let kept = Array(stride(from: 0, to: 12_000, by: 7))
        #expect(out.columns == kept.count)
        #expect(out.values.prefix(out.columns) == ArraySlice(kept.map { data[0, $0] }))
        let start: Int64 = 1_704_067_200_000_000_000
        #expect(times == kept.map { start + Int64($0) * 500_000 }, "2 kHz: 500,000 ns per sample")
    }

    @Test("with a gap in the store, each side equals its own monolithic record, edges included")
    func gapEdges() throws {
        let graph = #"{"command_list": [{"name": "butter", "uid": 1, "in_uid": 0, "type": "bandpass", "freq": [100, 400], "order": 4}, {"name": "write_npy", "uid": 2, "in_uid": 1, "directory_out": "bp"}]}"#
        let (chunked, wholes) = try Self.processedAcrossGap("halo-gap", channels: 8, graph: graph)
        let (a, timesA) = try Self.joined(chunked, "bp")
        let (b, timesB) = try Self.joined(wholes, "bp")
        #expect(Self.relativeDifference(a, b) < 1e-6)
        #expect(timesA == timesB)
        #expect(timesA[5_000] - timesA[4_999] == 750_500_000, "the gap is in the times")
    }

    @Test("BOX_SIZE 100 equals whole-chunk processing for a graph that mixes neighbouring channels")
    func channelHalo() throws {
        let data = Self.record(channels: 250, samples: 1_000, rate: Self.rate)
        let blocks = try TemporaryFolder("halo-box"), whole = try TemporaryFolder("halo-box-whole")
        try Self.store(data, rate: Self.rate, chunkSeconds: 0.25, at: blocks.file("store"))
        try Self.store(data, rate: Self.rate, chunkSeconds: 0.25, at: whole.file("store"))
        let graph = """
            {"command_list": [
              {"name": "diff", "uid": 1, "in_uid": 0, "axis": 0, "window_length": 2},
              {"name": "downsample", "uid": 2, "in_uid": 1, "xsample": 3},
              {"name": "diff", "uid": 3, "in_uid": 2, "axis": 0},
              {"name": "butter", "uid": 4, "in_uid": 3, "type": "lowpass", "freq": 300},
              {"name": "write_npy", "uid": 5, "in_uid": 4, "directory_out": "mixed"}
            ]}
            """
        try Self.process(blocks, graph: graph, boxSize: 100)
        try Self.process(whole, graph: graph, boxSize: 0)
        let (a, _) = try Self.joined(blocks, "mixed")
        let (b, _) = try Self.joined(whole, "mixed")
        #expect(Self.relativeDifference(a, b) < 1e-12)
        let depth = try NPYArrayFile(location: LocalStorage(root: blocks.file("results/mixed")), path: "measured_depth.npy")
            .readVector(as: Double.self)
        #expect(depth.count == a.rows && depth.first == 100 && depth[1] - depth[0] == 3, "every 3rd channel's position")
    }

    @Test("a band check above the Nyquist of a downsampled rate names the command that changed the rate")
    func nyquistAfterDownsample() throws {
        let folder = try TemporaryFolder("halo-nyquist")
        let graph = try folder.write("g.json", #"{"command_list": [{"name": "downsample", "uid": 1, "in_uid": 0, "tsample": 4}, {"name": "fft", "uid": 2, "in_uid": 1}, {"name": "rms_from_fft", "uid": 3, "in_uid": 2, "low_freq": 100, "high_freq": 2000}]}"#)
        let run = try runProcess(TestPaths.distswiftBinary, ["validate", graph, "--rate", "10000"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("command_list[2].high_freq") && run.stderr.contains("2500 Hz after `downsample` (uid 1)"),
                "\(run.stderr)")
        let ok = try runProcess(TestPaths.distswiftBinary, ["validate", try folder.write("ok.json", #"{"command_list": [{"name": "butter", "uid": 1, "in_uid": 0, "freq": 100}, {"name": "downsample", "uid": 2, "in_uid": 1, "tsample": 4}, {"name": "fft", "uid": 3, "in_uid": 2}]}"#), "--rate", "10000", "--samples", "10000"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("uid 1 butter: time ") && ok.stdout.contains("reads around each chunk:"), "\(ok.stdout)")
        #expect(ok.stdout.contains("uid 3 fft: time per chunk") && ok.stdout.contains("frequency[2500]"), "\(ok.stdout)")
    }
}

/// The catalogue's windowed commands (issue 16): each declares the samples and channels it reads around a value, so
/// 1-s chunks equal one 6-s chunk and BOX_SIZE blocks equal the whole fibre.
@Suite("Chunk boundaries do not show for the catalogue's windowed commands")
struct CatalogueContinuityTests {
    static let windowed: [(String, String)] = [
        ("running_mean", #""name": "running_mean", "window_length": 25"#),
        ("running_mean0", #""name": "running_mean", "window_length": 3, "axis": 0"#),
        ("sta_lta", #""name": "sta_lta", "sta": 20, "lta": 300"#),
        ("broaden", #""name": "broaden", "window_length": 40"#),
        ("gradient1", #""name": "gradient", "axis": 1, "edge_order": 2"#),
        ("gradient0", #""name": "gradient", "axis": 0"#),
        ("gaussian", #""name": "gaussian", "xsigma": 1.5, "tsigma": 6, "torder": 1"#),
        ("sobel", #""name": "sobel", "mode": "reflect""#),
        ("convolve", #""name": "convolve", "coeffs": [[1, 2, 0, -1], [0, 3, 1, 2]]"#),
        ("correlate", #""name": "correlate""#),
        ("median_filter", #""name": "median_filter", "distance": 5"#),
        ("wiener", #""name": "wiener", "xdir": 3, "tdir": 9, "noisePower": 0.05"#),
        ("dip_filter", #""name": "dip_filter", "velocity": 3000, "bandwidth": 2"#),
        ("lin_transform", #""name": "lin_transform", "m": 3, "c": 1"#),
        ("bounded_select", #""name": "bounded_select", "min_val": -0.5, "max_val": 0.5"#),
    ]

    @Test("six 1-s chunks equal one 6-s chunk for every windowed catalogue command")
    func chunkedEqualsMonolithic() throws {
        try ChunkContinuityTests.expectChunkedEqualsMonolithic(Self.windowed, channels: 12, tolerance: 1e-9, name: "cat")
    }

    @Test("BOX_SIZE 16 equals the whole fibre for every windowed catalogue command")
    func channelBlocks() throws {
        try ChunkContinuityTests.expectBlocksEqualWholeFibre(Self.windowed, tolerance: 1e-12, name: "cat")
    }
}
