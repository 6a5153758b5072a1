import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// distpy's event-detection flow (butter → sta_lta → peak_to_peak → write_witsml) and f–k velocity filter (fft along
/// time and channels → velocity_map → velocity_mask → multiply → ifft ×2 → real), written as distpy writes them
/// (configs/event-detection.json, configs/fk-velocity-filter.json), validate and run through `distswift process` on
/// synthetic records with known answers and on chunks ingested from a real file.
@Suite("distpy's event-detection and f–k flows run end to end")
struct DistpyFlowTests {
    static let rate = 2000.0

    static func config(_ name: String) throws -> String {
        try String(contentsOfFile: TestPaths.packageRoot + "/configs/" + name, encoding: .utf8)
    }

    /// The graph with extra entries appended (write_npy probes of intermediate results).
    static func extended(_ name: String, _ extra: [[String: Any]]) throws -> String {
        var json = try JSONSerialization.jsonObject(with: Data(try config(name).utf8)) as! [String: Any]
        json["command_list"] = (json["command_list"] as! [[String: Any]]) + extra
        return String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self)
    }

    /// Two events: sharp-onset 150 Hz bursts decaying over 40 ms, arriving at 1.3 s + 2 ms per channel and at
    /// 2.7 s − 2 ms per channel, on white noise of amplitude 0.05.
    static func events(channels: Int, samples: Int) -> (Array2D<Double>, [[Double]]) {
        var state: UInt64 = 11
        let arrivals = (0..<channels).map { c -> [Double] in
            let shift: Double = 0.002 * Double(c)
            return [1.3 + shift, 2.7 - shift]
        }
        var values = [Double](repeating: 0, count: channels * samples)
        for c in 0..<channels {
            for t in 0..<samples {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let time = Double(t) / rate
                var v = 0.1 * (Double(state >> 11) / Double(1 << 53) - 0.5)
                for a in arrivals[c] where time >= a {
                    v += sin(2 * .pi * 150 * (time - a)) * exp(-(time - a) / 0.04)
                }
                values[c * samples + t] = v
            }
        }
        return (Array2D(rows: channels, columns: samples, values: values), arrivals)
    }

    @Test("both flows validate as written")
    func validate() throws {
        for name in ["event-detection.json", "fk-velocity-filter.json"] {
            let run = try runProcess(TestPaths.distswiftBinary, ["validate", TestPaths.packageRoot + "/configs/" + name,
                                                                 "--rate", "2000"])
            #expect(run.status == 0, "\(name): \(run.stderr)")
        }
    }

    @Test("event detection: STA/LTA peaks fall on the synthetic arrivals; peak_to_peak marks the chunks with events")
    func eventDetection() throws {
        let (data, arrivals) = Self.events(channels: 12, samples: 8_000)
        let folder = try TemporaryFolder("flow-events")
        try ChunkContinuityTests.store(data, rate: Self.rate, chunkSeconds: 1, at: folder.file("store"))
        let graph = try Self.extended("event-detection.json", [
            ["name": "write_npy", "uid": 5, "in_uid": 2, "directory_out": "stalta"],
            ["name": "write_npy", "uid": 6, "in_uid": 3, "directory_out": "p2p"],
        ])
        try ChunkContinuityTests.process(folder, graph: graph)
        let fbe = try FileManager.default.contentsOfDirectory(atPath: folder.file("results/events")).filter { $0.hasSuffix(".fbe") }
        #expect(fbe.count == 4, "one FBE per chunk: \(fbe)")
        let (ratio, _) = try ChunkContinuityTests.joined(folder, "stalta")
        for c in 0..<data.rows {
            for arrival in arrivals[c] {
                let window = Int((arrival - 0.2) * Self.rate)..<Int((arrival + 0.2) * Self.rate)
                let peak = window.max { ratio[c, $0] < ratio[c, $1] }!
                let error = Double(peak) / Self.rate - arrival
                #expect(abs(error) <= 50 / Self.rate / 2, "channel \(c): peak at \(Double(peak) / Self.rate) s, arrival \(arrival) s")
            }
        }
        // One channels × 1 file per chunk, in time order.
        let p2pFolder = LocalStorage(root: folder.file("results/p2p"))
        let p2p = try (0..<4).map { try NPYArrayFile(location: p2pFolder, path: "\(1_704_067_200 + $0).npy").read(as: Double.self) }
        for c in 0..<data.rows {
            let quiet = max(p2p[0][c, 0], p2p[3][c, 0]), loud = min(p2p[1][c, 0], p2p[2][c, 0])
            #expect(loud > 10 * quiet, "channel \(c): \(p2p.map { $0[c, 0] })")
        }
    }

    @Test("f–k filter keeps a 1500 m/s wave and removes a 300 m/s one by at least 20 dB")
    func fkFilter() throws {
        let channels = 100, samples = 4_000
        var values = [Double](repeating: 0, count: channels * samples)
        var fast = values, slow = values
        for c in 0..<channels {
            for t in 0..<samples {
                let time = Double(t) / Self.rate, x = Double(c)  // 1 m spacing
                fast[c * samples + t] = sin(2 * .pi * 60 * (time - x / 1500))
                slow[c * samples + t] = sin(2 * .pi * 60 * (time - x / 300))
                values[c * samples + t] = fast[c * samples + t] + slow[c * samples + t]
            }
        }
        let folder = try TemporaryFolder("flow-fk")
        try ChunkContinuityTests.store(Array2D(rows: channels, columns: samples, values: values), rate: Self.rate,
                                       chunkSeconds: 1, at: folder.file("store"))
        try ChunkContinuityTests.process(folder, graph: try Self.config("fk-velocity-filter.json"))
        let (out, _) = try ChunkContinuityTests.joined(folder, "fk")
        func gain(_ wave: [Double]) -> Double {
            zip(out.values, wave).reduce(0) { $0 + $1.0 * $1.1 } / wave.reduce(0) { $0 + $1 * $1 }
        }
        let kept = gain(fast), removed = gain(slow)
        #expect(abs(kept - 1) < 0.01, "1500 m/s gain \(kept)")
        #expect(20 * log10(abs(removed) + 1e-300) <= -20, "300 m/s gain \(removed)")
    }

    @Test("both flows run on chunks ingested from a real file (Terra15)",
          .enabled(if: TestPaths.sharedData != nil, "needs the sample data in ../shared/data"))
    func realFile() throws {
        let folder = try TemporaryFolder("flow-real")
        let file = "terra15_v5_test_file.hdf5"
        let input = folder.file("in")
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: TestPaths.sharedData! + "/das/" + file, toPath: input + "/" + file)
        let ingest = try runProcess(TestPaths.distswiftBinary, ["ingest", try folder.write("ingest.json",
            #"{"in_directory": "\#(input)", "out_directory": "\#(folder.file("store"))"}"#), "--quiet"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let chunks = try ChunkStore.open(LocalStorage(root: folder.file("store"))).chunks.map { String($0.file.dropLast(4)) }
        for (name, output, ext) in [("event-detection.json", "events", "fbe"), ("fk-velocity-filter.json", "fk", "npy")] {
            let config = try folder.write("system-\(name)", #"{"in_directory": "store", "out_directory": "results-\#(name)", "config": "\#(TestPaths.packageRoot)/configs/\#(name)"}"#)
            let run = try runProcess(TestPaths.distswiftBinary, ["process", config, "--quiet"])
            #expect(run.status == 0, "\(name): \(run.stderr)")
            let written = (try? FileManager.default.contentsOfDirectory(atPath: folder.file("results-\(name)/\(output)"))) ?? []
            #expect(Set(written.filter { $0.hasSuffix("." + ext) && $0 != "measured_depth.npy" })
                    == Set(chunks.map { "\($0).\(ext)" }), "\(name): \(written)")
        }
        let (filtered, _) = try ChunkContinuityTests.joined(folder, "../results-fk-velocity-filter.json/fk")
        #expect(filtered.values.allSatisfy(\.isFinite) && filtered.values.contains { $0 != 0 })
    }
}
