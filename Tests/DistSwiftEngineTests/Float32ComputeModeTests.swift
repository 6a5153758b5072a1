import DistSwiftCalc
import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// The graph-level `"precision": "float32"` mode: commands with a float32 kernel compute on float32 values and
/// return float32; in the default float64 mode the same kernels read a float32 chunk directly and must give exactly
/// what they give on the chunk converted to float64 first.
///
/// Float32 tolerance: every value is computed in float64 (statistics summed in float64) and rounded once to
/// float32, so it lies within half a float32 ulp of the float64 result: |float32 − float64| ≤ 2⁻²⁴·|value| plus the
/// rounding of the float32 input the float64 path also reads. Checked as ≤ 1e-6 of the largest |float64 value| of
/// the output (about 17 float32 ulps of it); 1e-5 for savgol, whose window sums accumulate in float32. `add` adds in
/// float32, one correctly rounded addition of two float32 values: the float64 sum rounded once, the same bound.
@Suite("float32 compute mode of the DASCore-style commands")
struct Float32ComputeModeTests {
    static let commands = [
        #""name": "demean""#,
        #""name": "demean", "dim": "distance""#,
        #""name": "demedian""#,
        #""name": "demedian", "dim": "distance""#,
        #""name": "detrend", "dim": "time", "type": "linear""#,
        #""name": "detrend", "dim": "time", "type": "constant""#,
        #""name": "detrend", "dim": "distance""#,
        #""name": "normalize", "dim": "time""#,
        #""name": "normalize", "norm": "l1""#,
        #""name": "normalize", "dim": "distance", "norm": "max""#,
        #""name": "normalize", "norm": "bit""#,
        #""name": "standardize", "dim": "time""#,
        #""name": "standardize", "dim": "distance""#,
        #""name": "taper", "time": 0.05"#,
        #""name": "taper", "distance": 0.25, "window_type": "triang""#,
        #""name": "select", "time": [0.05, 0.2]"#,
        #""name": "select", "distance": [5.1, 14.9]"#,
        #""name": "line_mute", "time": [0.1, 0.2], "smooth": 0.01"#,
        #""name": "line_mute", "distance": [4, 10], "smooth": 1"#,
        #""name": "line_mute", "time": [0, [0, 0.3007]], "distance": [null, [0, 24]], "smooth": 0.02"#,
        #""name": "convert_units", "units": "nm/m/s", "from": "1/s""#,
        #""name": "differentiate", "dim": "time""#,
        #""name": "differentiate", "dim": "time", "step": 3"#,
        #""name": "differentiate", "dim": "distance""#,
        #""name": "savgol_filter", "time": 11, "polyorder": 3, "samples": true"#,
        #""name": "savgol_filter", "time": 0.007, "polyorder": 2, "mode": "nearest""#,
        #""name": "savgol_filter", "time": 9, "polyorder": 2, "samples": true, "mode": "interp""#,
        #""name": "savgol_filter", "distance": 5, "polyorder": 2, "samples": true"#,
        // decimate: the FIR path (dist_fir_decimate.c) reads float32 rows as they are, both paths sum in float64
        // and round once to float32 in a float32 graph.
        #""name": "decimate", "time": 3, "filter_type": "fir""#,
        #""name": "decimate", "distance": 2, "filter_type": "fir""#,
        #""name": "decimate", "time": 4"#,
        // The 1-D sliding windows (dist_sliding.c): float64 arithmetic, float32 out.
        #""name": "running_mean", "window_length": 4"#,
        #""name": "running_mean", "window_length": 3, "axis": 0"#,
        #""name": "sta_lta", "sta": 10, "lta": 40"#,
        #""name": "broaden", "window_length": 7"#,
        // add: a float32 sum in a float32 graph (numpy's float32 + float32), the float64 one otherwise.
        #""name": "add", "gather_uids": [0]"#,
    ]

    /// savgol sums its window in float32 (as scipy does on float32 data): up to one rounding per tap.
    static func tolerance(_ command: String) -> Double { command.contains("savgol") ? 1e-5 : 1e-6 }

    static func graph(_ command: String, precision: String? = nil) -> String {
        (precision.map { #"{"precision": ""# + $0 + #"", "#} ?? "{")
            + #""command_list": [{"uid": 1, "in_uid": 0, "# + command + "}]}"
    }

    /// The input rounded to float32 values, so that both paths start from the same numbers.
    static let exact: Array2D<Double> = {
        let x = CommandNumericsTests.input
        return Array2D(rows: x.rows, columns: x.columns, values: x.values.map { Double(Float($0)) })
    }()

    static func harness() throws -> (GraphHarness, TemporaryFolder) {
        let folder = try TemporaryFolder()
        let harness = GraphHarness(rate: CommandNumericsTests.rate,
                                   positions: (0..<exact.rows).map { Double($0) * 2 },
                                   results: try LocalStorage(root: folder.path))
        return (harness, folder)
    }

    @Test("float64 graph: a float32 chunk read directly equals the float64 path bit for bit", arguments: commands)
    func float64GraphIsExact(command: String) throws {
        let (harness, folder) = try Self.harness()
        defer { _ = folder }
        let single = try harness.run(Self.graph(command), input: Self.exact, precision: .float32)
        let double = try harness.run(Self.graph(command), input: Self.exact, precision: .float64)
        guard case .real(let a) = single, case .real(let b) = double else {
            Issue.record("\(command): float64 graphs give float64 values")
            return
        }
        #expect(a.rows == b.rows && a.columns == b.columns, "\(command)")
        #expect(zip(a.values, b.values).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }, "\(command)")
    }

    /// Commands without a float32 kernel that read a float32 chunk as it is (`acceptsPackedSignals`: gaussian_filter's
    /// pass along time and tau_p widen each value as they read it) and return float64 values.
    static let packedReaders = [
        #""name": "gaussian_filter", "time": 3, "distance": 2, "samples": true"#,
        #""name": "gaussian_filter", "distance": 2, "time": 1.5, "samples": true, "mode": "nearest""#,
        #""name": "tau_p", "velocities": [100, 300]"#,
    ]

    @Test("float32 chunk read as it is by gaussian_filter and tau_p: the float64 path's bits", arguments: packedReaders)
    func packedReadersAreExact(command: String) throws {
        try float64GraphIsExact(command: command)
    }

    @Test("float32 graph: float32 values within float32 rounding of the float64 path", arguments: commands)
    func float32GraphIsClose(command: String) throws {
        let (harness, folder) = try Self.harness()
        defer { _ = folder }
        let single = try harness.run(Self.graph(command, precision: "float32"), input: Self.exact, precision: .float32)
        let double = try harness.run(Self.graph(command), input: Self.exact, precision: .float64)
        guard case .singleReal(let a) = single, case .real(let b) = double else {
            Issue.record("\(command): a float32 kernel in a float32 graph gives float32 values, got \(single)")
            return
        }
        #expect(a.rows == b.rows && a.columns == b.columns, "\(command)")
        let scale = b.values.filter { $0.isFinite }.map(abs).max() ?? 1
        let worst = zip(a.values, b.values).map { abs(Double($0) - $1) }.filter { !$0.isNaN }.max() ?? 0
        #expect(worst <= Self.tolerance(command) * scale, "\(command): worst \(worst) of \(scale)")
        #expect(zip(a.values, b.values).allSatisfy { $0.isNaN == $1.isNaN }, "\(command)")
    }

    @Test("a float32 graph narrows float64 values for a float32 kernel and notes the widening for the others")
    func conversionsAreNoted() throws {
        let (harness, folder) = try Self.harness()
        defer { _ = folder }
        let graph = #"{"precision": "float32", "command_list": [{"name": "hampel_filter", "uid": 1, "in_uid": 0, "#
            + #""time": 5, "samples": true}, {"name": "demean", "uid": 2, "in_uid": 1}]}"#
        let (output, timing) = try harness.runTimed(graph, input: Self.exact, precision: .float32)
        guard case .singleReal = output else {
            Issue.record("demean in a float32 graph returns float32, got \(output)")
            return
        }
        #expect(timing.transfers.contains { $0.contains("uid 1 hampel_filter") && $0.contains("widened to float64") },
                "\(timing.transfers)")
        #expect(timing.transfers.contains { $0.contains("uid 2 demean") && $0.contains("narrowed to float32") },
                "\(timing.transfers)")
        // The default graph converts silently, as before.
        let quiet = try harness.runTimed(graph.replacingOccurrences(of: #""precision": "float32", "#, with: ""),
                                         input: Self.exact, precision: .float32)
        #expect(quiet.timing.transfers.isEmpty, "\(quiet.timing.transfers)")
    }

    @Test("an unknown precision is a validation error naming the key and the fix")
    func badPrecisionIsRefused() throws {
        let (harness, folder) = try Self.harness()
        defer { _ = folder }
        for value in [#""float16""#, "32"] {
            let json = #"{"precision": "# + value + #", "command_list": [{"name": "demean", "uid": 1, "in_uid": 0}]}"#
            #expect {
                _ = try harness.plan(json)
            } throws: { error in
                let text = "\(error)"
                return text.contains("precision") && text.contains("float32") && text.contains("float64")
            }
        }
        #expect(try harness.plan(Self.graph(#""name": "demean""#, precision: "float32")).precision == .float32)
        #expect(try harness.plan(Self.graph(#""name": "demean""#)).precision == .float64)
    }

    @Test("write_npy writes float32 in a float32 graph and float64 otherwise")
    func writerWritesWhatItGets() throws {
        for (precision, descr) in [("float32", "<f4"), ("float64", "<f8")] {
            let (harness, folder) = try Self.harness()
            let json = #"{"precision": ""# + precision + #"", "command_list": [{"name": "demean", "uid": 1, "in_uid": 0}, "#
                + #"{"name": "write_npy", "uid": 2, "in_uid": 1, "directory_out": "out"}]}"#
            _ = try harness.run(json, input: Self.exact, box: 5, precision: .float32)
            let data = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/out/1704067200.npy"))
            let header = String(decoding: data.prefix(128), as: UTF8.self)
            #expect(header.contains("'descr': '\(descr)'"), "\(precision): \(header)")
            #expect(header.contains("(13, 400)"), "\(precision): \(header)")
        }
    }
}
