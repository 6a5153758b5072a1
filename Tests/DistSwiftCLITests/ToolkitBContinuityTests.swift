import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// Chunked == monolithic for the DASCore toolkit's windowed commands (issue 19, part B): six 1-s chunks and one
/// 6-s chunk of the same samples, run by `distswift process`, give the same values (NaNs at the same places: the
/// ends of the record) and the same UTC time axes.
@Suite("DASCore toolkit commands: chunk boundaries do not show")
struct ToolkitBContinuityTests {
    static let windowed: [(String, String)] = [
        ("rolling_mean", #""name": "rolling_mean", "time": 0.05"#),
        ("rolling_mean_step", #""name": "rolling_mean", "time": 0.0505, "step": 0.007"#),
        ("rolling_std", #""name": "rolling_std", "time": 101, "step": 30, "samples": true"#),
        ("rolling_median", #""name": "rolling_median", "time": 0.02, "step": 0.0035"#),
        ("rolling_max", #""name": "rolling_max", "time": 0.1, "step": 0.03"#),
        ("rolling_min", #""name": "rolling_min", "time": 64, "samples": true"#),
        ("agc", #""name": "agc", "time": 0.2"#),
        ("tau_p", #""name": "tau_p", "velocities": [300, 1000, 3000]"#),
    ]

    static var graph: String {
        let entries = windowed.enumerated().flatMap { i, c in
            [#"{"uid": \#(2 * i + 1), "in_uid": 0, \#(c.1)}"#,
             #"{"name": "write_npy", "uid": \#(2 * i + 2), "in_uid": \#(2 * i + 1), "directory_out": "\#(c.0)"}"#]
        }
        return #"{"command_list": ["# + entries.joined(separator: ",\n") + "]}"
    }

    /// The largest difference over the output's peak where both are finite; infinity when NaNs sit elsewhere.
    static func relativeDifference(_ a: Array2D<Double>, _ b: Array2D<Double>) -> Double {
        guard a.rows == b.rows, a.columns == b.columns else { return .infinity }
        var peak = 0.0, worst = 0.0
        for (x, y) in zip(a.values, b.values) {
            if x.isNaN != y.isNaN { return .infinity }
            if x.isNaN { continue }
            peak = max(peak, abs(y))
            worst = max(worst, abs(x - y))
        }
        return worst / max(peak, .leastNormalMagnitude)
    }

    @Test("six 1-s chunks equal one 6-s chunk for rolling statistics (with steps), agc and tau_p; time axes are the window centres")
    func chunkedEqualsMonolithic() throws {
        let rate = ChunkContinuityTests.rate
        let data = ChunkContinuityTests.record(channels: 6, samples: 12_000, rate: rate)
        let chunked = try TemporaryFolder("tkb-chunked"), whole = try TemporaryFolder("tkb-whole")
        try ChunkContinuityTests.store(data, rate: rate, chunkSeconds: 1, at: chunked.file("store"))
        try ChunkContinuityTests.store(data, rate: rate, chunkSeconds: 6, at: whole.file("store"))
        try ChunkContinuityTests.process(chunked, graph: Self.graph)
        try ChunkContinuityTests.process(whole, graph: Self.graph)
        for (output, _) in Self.windowed {
            let (a, timesA) = try ChunkContinuityTests.joined(chunked, output)
            let (b, timesB) = try ChunkContinuityTests.joined(whole, output)
            #expect(Self.relativeDifference(a, b) < 1e-9, "\(output)")
            #expect(timesA == timesB, "\(output): time axes differ")
            #expect(a.values.contains { !$0.isNaN }, "\(output): nothing but NaN")
        }
        // rolling_mean_step: 0.007 s at 2 kHz is 14 samples; outputs at every 14th sample of the record from its
        // first, so the UTC times are start + k · 7 ms.
        let (_, times) = try ChunkContinuityTests.joined(whole, "rolling_mean_step")
        let start: Int64 = 1_704_067_200_000_000_000
        #expect(times.count == (12_000 + 13) / 14)
        #expect(times.enumerated().allSatisfy { k, t in t == start + Int64(k) * 7_000_000 })
    }
}

/// Picks through `distswift process`: bursts placed across the 1-s chunk boundaries give the same pick table from
/// 1-s chunks as from one chunk (the trigger's and stalta's halos), at the bursts' times, in CSV and QuakeML.
@Suite("stalta → trigger → write_picks across chunk boundaries")
struct PicksAcrossChunksTests {
    static let rate = 2000.0
    /// Burst onsets (s) on channel 0; channel c starts c · 2 ms later. The first straddles the 1-s boundary.
    static let bursts = [0.994, 2.5, 3.9995]

    static func record(channels: Int, samples: Int) -> Array2D<Double> {
        var state: UInt64 = 11
        var values = [Double](repeating: 0, count: channels * samples)
        for c in 0..<channels {
            for t in 0..<samples {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                var v = 0.1 * (Double(state >> 11) / Double(1 << 53) - 0.5)
                let time = Double(t) / rate
                for onset in bursts {
                    let start = onset + Double(c) * 0.002
                    if time >= start && time < start + 0.05 { v += sin(2 * .pi * 200 * (time - start)) }
                }
                values[c * samples + t] = v
            }
        }
        return Array2D(rows: channels, columns: samples, values: values)
    }

    static let graph = """
        {"command_list": [
          {"name": "abs", "uid": 1, "in_uid": 0},
          {"name": "stalta", "uid": 2, "in_uid": 1, "time": [0.005, 0.1]},
          {"name": "trigger", "uid": 3, "in_uid": 2, "on": 4, "off": 1.5, "max_length": 0.2},
          {"name": "write_picks", "uid": 4, "in_uid": 3, "directory_out": "picks"}
        ]}
        """

    /// The CSV rows (without headers) of every chunk, in chunk order.
    static func rows(_ folder: TemporaryFolder) throws -> [String] {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.file("results/picks"))
            .filter { $0.hasSuffix(".csv") }.sorted()
        return try files.flatMap { file -> [String] in
            let text = try String(contentsOfFile: folder.file("results/picks/" + file), encoding: .utf8)
            let lines = text.split(separator: "\n").map(String.init)
            #expect(lines.first == "time_utc,time_ns,channel,distance_m,kind")
            return Array(lines.dropFirst())
        }
    }

    @Test("six 1-s chunks give the pick table of one 6-s chunk; onsets within 5 ms of every burst on every channel")
    func picksEqualAcrossChunks() throws {
        let channels = 5
        let data = Self.record(channels: channels, samples: 12_000)
        let chunked = try TemporaryFolder("picks-chunked"), whole = try TemporaryFolder("picks-whole")
        try ChunkContinuityTests.store(data, rate: Self.rate, chunkSeconds: 1, at: chunked.file("store"))
        try ChunkContinuityTests.store(data, rate: Self.rate, chunkSeconds: 6, at: whole.file("store"))
        try ChunkContinuityTests.process(chunked, graph: Self.graph)
        try ChunkContinuityTests.process(whole, graph: Self.graph)
        let a = try Self.rows(chunked), b = try Self.rows(whole)
        #expect(a == b)
        let onsets = b.filter { $0.hasSuffix(",on") }.map { $0.split(separator: ",") }
        #expect(onsets.count == Self.bursts.count * channels, "\(b)")
        let start: Int64 = 1_704_067_200_000_000_000
        for (k, burst) in Self.bursts.enumerated() {
            for c in 0..<channels {
                let expected = burst + Double(c) * 0.002
                let near = onsets.filter { Int($0[2]) == c }.map { Double(Int64($0[1])! - start) / 1e9 }
                    .filter { abs($0 - expected) < 0.005 }
                #expect(near.count == 1, "burst \(k) channel \(c): \(onsets)")
            }
        }
        // Distances are the channel positions (100 m + 1 m per channel) and every onset is followed by its end.
        #expect(onsets.allSatisfy { Double($0[3])! == 100 + Double(Int($0[2])!) })
        #expect(b.filter { $0.hasSuffix(",off") }.count == onsets.count)
        // The QuakeML files parse and hold one pick per CSV row, chunk by chunk.
        let script = """
            import glob, sys, xml.etree.ElementTree as ET
            n = 0
            for f in sorted(glob.glob(sys.argv[1] + "/*.xml")):
                n += len(ET.parse(f).getroot().findall(".//{http://quakeml.org/xmlns/bed/1.2}pick"))
            print(n)
            """
        if PythonReference.isAvailable {
            let count = try PythonReference.check(script, arguments: [chunked.file("results/picks")])
            #expect(count.trimmingCharacters(in: .whitespacesAndNewlines) == "\(a.count)")
        }
    }

    @Test("trigger refuses an off threshold above on, naming the key and the fix; exit 1")
    func badThresholds() throws {
        let folder = try TemporaryFolder("picks-bad")
        let graph = try folder.write("g.json", #"{"command_list": [{"name": "trigger", "uid": 1, "in_uid": 0, "on": 1, "off": 2}, {"name": "stalta", "uid": 2, "in_uid": 0, "time": [0.5, 0.1]}]}"#)
        let run = try runProcess(TestPaths.distswiftBinary, ["validate", graph])
        #expect(run.status == 1)
        #expect(run.stderr.contains("command_list[0].off is 2.0, above on (1.0)"), "\(run.stderr)")
        #expect(run.stderr.contains("command_list[1].time has lta 0.1 not longer than sta 0.5"), "\(run.stderr)")
    }
}

/// Axes and units of the spectral commands as `distswift process` writes them, and the envelope's halo.
@Suite("DASCore toolkit spectral commands: axes through distswift process")
struct ToolkitBSpectralAxesTests {
    @Test("rfft writes frequency.npy = numpy's rfftfreq (DASCore's rfft axis is wrong: k/(n·rate)); descriptors write one value per channel")
    func frequencyAxes() throws {
        let rate = 2000.0
        let data = ChunkContinuityTests.record(channels: 3, samples: 4000, rate: rate)
        let folder = try TemporaryFolder("tkb-axes")
        try ChunkContinuityTests.store(data, rate: rate, chunkSeconds: 1, at: folder.file("store"))
        try ChunkContinuityTests.process(folder, graph: """
            {"command_list": [
              {"name": "rfft", "uid": 1, "in_uid": 0, "dim": "time"},
              {"name": "abs", "uid": 2, "in_uid": 1},
              {"name": "write_npy", "uid": 3, "in_uid": 2, "directory_out": "rfft"},
              {"name": "spectral_peak_frequency", "uid": 4, "in_uid": 1},
              {"name": "write_npy", "uid": 5, "in_uid": 4, "directory_out": "peak"}
            ]}
            """)
        let script = """
            import sys, numpy as np, dascore as dc
            folder = sys.argv[1]
            f = np.load(folder + "/rfft/frequency/1704067200.npy")
            a = np.load(folder + "/rfft/1704067200.npy")
            assert a.shape == (3, 1001), a.shape
            assert np.allclose(f, np.fft.rfftfreq(2000, 1 / 2000.0), rtol=0, atol=1e-9), f[:4]
            p = dc.Patch(data=np.zeros((3, 2000)), coords={"distance": np.arange(3.0), "time": np.arange(2000) / 2000.0}, dims=("distance", "time"))
            theirs = p.rfft("time").get_array("ft_time")
            assert not np.allclose(theirs, f), "DASCore's rfft axis is now right: drop this check"
            assert np.allclose(theirs, np.fft.rfftfreq(2000, 2000.0)), theirs[:4]
            peak = np.load(folder + "/peak/1704067200.npy")
            assert peak.shape == (3, 1), peak.shape
            # Each channel's strongest tone: 150 + c Hz (the record's loudest line).
            assert np.allclose(peak.ravel(), [150, 151, 152]), peak.ravel()
            print("ok")
            """
        let out = try PythonReference.check(script, arguments: [folder.file("results")])
        #expect(out.contains("ok"), "\(out)")
    }

    @Test("cross_correlate writes lag.npy = DASCore's lag_time coordinate; commands says correlate and cross_correlate are distpy's and DASCore's")
    func lagAxisAndNames() throws {
        let rate = 2000.0
        let data = ChunkContinuityTests.record(channels: 4, samples: 2000, rate: rate)
        let folder = try TemporaryFolder("tkb-lag")
        try ChunkContinuityTests.store(data, rate: rate, chunkSeconds: 1, at: folder.file("store"))
        try ChunkContinuityTests.process(folder, graph: """
            {"command_list": [
              {"name": "cross_correlate", "uid": 1, "in_uid": 0, "distance": 101},
              {"name": "write_npy", "uid": 2, "in_uid": 1, "directory_out": "cc"}
            ]}
            """)
        let script = """
            import sys, numpy as np, dascore as dc
            folder = sys.argv[1]
            lag = np.load(folder + "/cc/lag/1704067200.npy")
            cc = np.load(folder + "/cc/1704067200.npy")
            x = np.load(folder + "/../store/1704067200.npy")
            p = dc.Patch(data=x, coords={"distance": 100 + np.arange(4.0), "time": np.arange(2000) / 2000.0}, dims=("distance", "time"))
            ref = p.correlate(distance=101.0).squeeze().transpose("distance", "lag_time")
            assert np.allclose(lag, ref.get_array("lag_time"), rtol=0, atol=1e-12), (lag[:3], ref.get_array("lag_time")[:3])
            assert cc.shape == ref.data.shape, cc.shape
            assert np.max(np.abs(cc - ref.data)) <= 1e-9 * np.max(np.abs(ref.data))
            # The master's autocorrelation peaks at lag 0.
            assert lag[np.argmax(cc[1])] == 0
            print("ok")
            """
        let out = try PythonReference.check(script, arguments: [folder.file("results")])
        #expect(out.contains("ok"), "\(out)")
        let distpyEntry = try runProcess(TestPaths.distswiftBinary, ["commands", "correlate"])
        #expect(distpyEntry.stdout.contains("DASCore's `correlate`") && distpyEntry.stdout.contains("`cross_correlate`"))
        let dascoreEntry = try runProcess(TestPaths.distswiftBinary, ["commands", "cross_correlate"])
        #expect(dascoreEntry.stdout.contains("distpy's `correlate`"))
    }

    @Test("envelope with a 0.25-s halo: 1-s chunks within 1e-2 of the peak of one 6-s record away from its ends; without a halo, not (float64 and float32 graphs)",
          arguments: ["", #""precision": "float32","#])
    func envelopeHalo(precision: String) throws {
        let rate = ChunkContinuityTests.rate
        let data = ChunkContinuityTests.record(channels: 4, samples: 12_000, rate: rate)
        let graph = """
            {\(precision) "command_list": [
              {"name": "envelope", "uid": 1, "in_uid": 0, "dim": "time", "halo": 0.25},
              {"name": "write_npy", "uid": 2, "in_uid": 1, "directory_out": "halo"},
              {"name": "envelope", "uid": 3, "in_uid": 0, "dim": "time"},
              {"name": "write_npy", "uid": 4, "in_uid": 3, "directory_out": "chunk"}
            ]}
            """
        let chunked = try TemporaryFolder("tkb-env"), whole = try TemporaryFolder("tkb-env-whole")
        try ChunkContinuityTests.store(data, rate: rate, chunkSeconds: 1, at: chunked.file("store"))
        try ChunkContinuityTests.store(data, rate: rate, chunkSeconds: 6, at: whole.file("store"))
        try ChunkContinuityTests.process(chunked, graph: graph)
        try ChunkContinuityTests.process(whole, graph: graph)
        // Away from the record's ends (0.25 s), where the monolithic transform's own circular wrap shows.
        func interior(_ a: Array2D<Double>) -> Array2D<Double> {
            let keep = 500..<(a.columns - 500)
            return Array2D(rows: a.rows, columns: keep.count,
                           values: (0..<a.rows).flatMap { r in a.values[(r * a.columns + keep.lowerBound)..<(r * a.columns + keep.upperBound)] })
        }
        let (a, _) = try ChunkContinuityTests.joined(chunked, "halo"), (b, _) = try ChunkContinuityTests.joined(whole, "halo")
        #expect(ToolkitBContinuityTests.relativeDifference(interior(a), interior(b)) < 1e-2)
        let (c, _) = try ChunkContinuityTests.joined(chunked, "chunk"), (d, _) = try ChunkContinuityTests.joined(whole, "chunk")
        #expect(ToolkitBContinuityTests.relativeDifference(interior(c), interior(d)) > 1e-2)
    }
}
