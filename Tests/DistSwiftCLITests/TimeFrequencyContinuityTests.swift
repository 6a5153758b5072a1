import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// Chunked == monolithic for stft, spectrogram and istft run by `distswift process`: six 1-s chunks and one 6-s
/// chunk of the same samples give the same 3-D arrays (write_npy's (channels, frequencies, windows) .npy files
/// joined along the windows), the same frequency axes and the same UTC window times; the stft's padded windows
/// beyond both ends of the record come from the first and last chunk. Windows and hops are chosen so that no
/// chunk boundary falls on a window grid line (2000-sample chunks, hops of 71 and 63 samples).
@Suite("stft, spectrogram and istft: chunk boundaries do not show")
struct TimeFrequencyContinuityTests {
    static let cases: [(String, String)] = [
        ("stft_abs", #""name": "stft", "time": 0.0505, "overlap": "30%""#),
        ("stft_real", #""name": "stft", "time": 64, "overlap": 16, "samples": true, "taper_window": "hamming""#),
        ("spectrogram", #""name": "spectrogram", "window": "hann", "nperseg": 100, "noverlap": 37"#),
    ]

    static var graph: String {
        var entries: [String] = []
        for (i, c) in cases.enumerated() {
            let uid = 10 * (i + 1)
            let complex = c.1.contains("stft")
            entries.append(#"{"uid": \#(uid), "in_uid": 0, \#(c.1)}"#)
            let part = c.0.hasSuffix("real") ? "real" : "abs"
            if complex { entries.append(#"{"name": "\#(part)", "uid": \#(uid + 1), "in_uid": \#(uid)}"#) }
            entries.append(#"{"name": "write_npy", "uid": \#(uid + 2), "in_uid": \#(complex ? uid + 1 : uid), "directory_out": "\#(c.0)"}"#)
        }
        entries.append(#"{"name": "stft", "uid": 90, "in_uid": 0, "time": 0.0505, "overlap": "30%"}"#)
        entries.append(#"{"name": "istft", "uid": 91, "in_uid": 90}"#)
        entries.append(#"{"name": "write_npy", "uid": 92, "in_uid": 91, "directory_out": "istft"}"#)
        return #"{"command_list": ["# + entries.joined(separator: ",\n") + "]}"
    }

    /// Every chunk's 3-D output of `results/output` joined along its last axis (windows), with the window times
    /// and the frequency axis of the first chunk.
    static func joined3D(_ folder: TemporaryFolder, _ output: String) throws -> (values: [[Double]], shape: [Int], times: [Int64], frequencies: [Double]) {
        let location = LocalStorage(root: folder.file("results/" + output))
        let files = try location.list("").filter { !$0.isFolder && $0.name.hasSuffix(".npy") && $0.name != "measured_depth.npy" }
            .map(\.name).sorted { ChunkName.startTimeNs(of: $0)! < ChunkName.startTimeNs(of: $1)! }
        var lines: [[Double]] = []  // one per (channel, frequency)
        var shape: [Int] = []
        var times: [Int64] = []
        for file in files {
            let npy = try NPYArrayFile(location: location, path: file)
            let s = npy.header.shape
            #expect(s.count == 3, "\(file) has shape \(s)")
            let a = try npy.read(as: Double.self)
            if lines.isEmpty { lines = Array(repeating: [], count: s[0] * s[1]) }
            for line in 0..<(s[0] * s[1]) { lines[line] += a.values[(line * s[2])..<((line + 1) * s[2])] }
            shape = [s[0], s[1], (shape.last ?? 0) + s[2]]
            times += try NPYArrayFile.timesNs(location: location, path: "time/" + file)
        }
        let frequencies = try NPYArrayFile(location: location, path: "frequency/" + files[0]).readVector(as: Double.self)
        return (lines, shape, times, frequencies)
    }

    @Test("six 1-s chunks equal one 6-s chunk for stft (abs, real), spectrogram and stft → istft; window times and frequencies too")
    func chunkedEqualsMonolithic() throws {
        let rate = ChunkContinuityTests.rate
        let data = ChunkContinuityTests.record(channels: 5, samples: 12_000, rate: rate)
        let (chunked, whole) = try ChunkContinuityTests.chunkedAndWhole("tf", channels: 5, samples: 12_000, wholeSeconds: 6)
        try ChunkContinuityTests.process(chunked, graph: Self.graph)
        try ChunkContinuityTests.process(whole, graph: Self.graph)
        for (output, _) in Self.cases {
            let a = try Self.joined3D(chunked, output), b = try Self.joined3D(whole, output)
            #expect(a.shape == b.shape, "\(output): \(a.shape) vs \(b.shape)")
            #expect(a.times == b.times, "\(output): window times differ")
            #expect(a.frequencies == b.frequencies)
            let peak = b.values.joined().map(abs).max() ?? 1
            let worst = zip(a.values.joined(), b.values.joined()).map { abs($0 - $1) }.max() ?? .infinity
            #expect(worst / peak < 1e-12, "\(output): \(worst / peak)")
            #expect(a.times.count > 100, "\(output): only \(a.times.count) windows")
        }
        // stft of 101-sample windows (hop 71 = 35.5 ms): the first window is centred on the record's first sample
        // (padded before it, as DASCore's), then every 71 samples, across every chunk boundary.
        let stft = try Self.joined3D(whole, "stft_abs")
        let start: Int64 = 1_704_067_200_000_000_000
        #expect(stft.times.first == start)
        #expect(zip(stft.times, stft.times.dropFirst()).allSatisfy { $1 - $0 == 35_500_000 })
        #expect(stft.frequencies.count == 51 && abs(stft.frequencies[1] - rate / 101) < 1e-9)
        // istft: the record itself, chunked as whole, at every sample.
        let (back, times) = try ChunkContinuityTests.joined(chunked, "istft")
        #expect(times.count == 12_000)
        #expect(ChunkContinuityTests.relativeDifference(back, data) < 1e-12)
    }
}
