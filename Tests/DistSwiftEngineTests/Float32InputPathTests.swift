import DistSwiftCalc
import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// Commands that read a float32 chunk directly (`acceptsPackedSignals`: element-wise maps and the 1-D sliding
/// windows widen each value as they read it, with no float64 copy of the chunk) must give exactly what they give on
/// the chunk converted to float64 first: widening is exact and the arithmetic is the same.
@Suite("Commands reading float32 chunks directly")
struct Float32InputPathTests {
    static let graphs = [
        #""name": "lin_transform", "m": 2.5, "c": -1"#,
        #""name": "conj""#,
        #""name": "abs""#,
        #""name": "soft_threshold", "threshold": 0.5"#,
        #""name": "hard_threshold", "threshold": -0.2, "value": 7, "direction": "<""#,
        #""name": "bounded_select", "min_val": -0.2, "max_val": 0.4"#,
        #""name": "rescale""#,
        #""name": "multiply", "gather_uids": [0]"#,
        #""name": "add", "gather_uids": [0]"#,
        #""name": "deconvolve", "gather_uids": [0]"#,
        #""name": "roll", "window_length": 7"#,
        #""name": "roll", "window_length": -3, "axis": 0"#,
        #""name": "gradient""#,
        #""name": "gradient", "axis": 1, "edge_order": 2"#,
        #""name": "clip", "xmin": 5.1, "xmax": 14.9, "tmin": 0.05, "tmax": 0.2"#,
        #""name": "extract", "index": 5"#,
        #""name": "extract", "index": -2, "axis": 0"#,
        #""name": "running_mean", "window_length": 4"#,
        #""name": "running_mean", "window_length": 3, "axis": 0"#,
        #""name": "sta_lta", "sta": 10, "lta": 40"#,
        #""name": "broaden", "window_length": 7"#,
        #""name": "peak_to_peak", "window_length": 20"#,
        #""name": "kmeans", "n_clusters": 3"#,
        #""name": "taper", "time": 0.1"#,
        #""name": "taper", "time": [0.05, 0.2], "window_type": "blackman""#,
        #""name": "taper", "distance": 0.2"#,
        #""name": "demean""#,
        #""name": "demean", "dim": "distance""#,
        #""name": "standardize""#,
        #""name": "normalize""#,
        #""name": "normalize", "norm": "l1""#,
        #""name": "normalize", "dim": "distance""#,
        #""name": "line_mute", "time": [0.02, 0.3], "smooth": 0.01"#,
        #""name": "line_mute", "time": [0.05, 0.1]"#,
        #""name": "hilbert", "dim": "time""#,
        #""name": "envelope", "dim": "time""#,
        #""name": "phase_weighted_stack""#,
        #""name": "phase_weighted_stack", "power": 1"#,
        #""name": "line_mute", "time": [0.05, 0.1], "smooth": 0.02"#,
        #""name": "pad", "time": [0.01, 0.02]"#,
        #""name": "select", "distance": [4, 10]"#,
        #""name": "integrate", "dim": "time""#,
        #""name": "interpolate", "distance": 0.5"#,
        #""name": "interpolate", "distance": 0.75, "kind": "nearest""#,
    ].map { #"{"uid": 1, "in_uid": 0, "# + $0 + "}" } + [
        // A chunk and its per-channel (per-sample) means: numpy broadcasting of one value per row (column).
        #"{"name": "mean", "uid": 1, "in_uid": 0}, {"name": "add", "uid": 2, "in_uid": 0, "gather_uids": [1]}"#,
        #"{"name": "mean", "uid": 1, "in_uid": 0, "axis": 0}, {"name": "multiply", "uid": 2, "in_uid": 0, "gather_uids": [1]}"#,
        // Commands that only keep input values pass float32 values on unwidened in a float64 graph
        // (`keepsInputValues`); the command after them widens as it reads, or the engine does for it. (An `fft`
        // after them transforms in float32 then, as it does on a float32 chunk: the store's precision.)
        #"{"name": "select", "uid": 1, "in_uid": 0, "time": [0.01, 0.2]}, {"name": "detrend", "uid": 2, "in_uid": 1, "dim": "time", "type": "linear"}"#,
        #"{"name": "pad", "uid": 1, "in_uid": 0, "time": [0.01, 0.02]}, {"name": "rfft", "uid": 2, "in_uid": 1, "dim": "time"}"#,
        #"{"name": "pad", "uid": 1, "in_uid": 0, "time": 0.01, "constant_values": 0.1}, {"name": "lin_transform", "uid": 2, "in_uid": 1, "m": 2.5, "c": -1}"#,
        #"{"name": "clip", "uid": 1, "in_uid": 0, "xmin": 5.1, "xmax": 14.9}, {"name": "running_mean", "uid": 2, "in_uid": 1, "window_length": 3}"#,
        #"{"name": "roll", "uid": 1, "in_uid": 0, "window_length": 5}, {"name": "multiply", "uid": 2, "in_uid": 1, "gather_uids": [0]}"#,
        #"{"name": "select", "uid": 1, "in_uid": 0, "distance": [2, 12]}, {"name": "roll", "uid": 2, "in_uid": 1, "window_length": -2}, {"name": "add", "uid": 3, "in_uid": 2, "gather_uids": [2]}"#,
    ]

    @Test("float32 input read directly equals the float64 path bit for bit", arguments: graphs)
    func sameAsFloat64(nodes: String) throws {
        let rate = CommandNumericsTests.rate
        let x = CommandNumericsTests.input
        // Values float32 holds exactly, so both paths start from the same numbers.
        let exact = Array2D(rows: x.rows, columns: x.columns, values: x.values.map { Double(Float($0)) })
        let folder = try TemporaryFolder()
        let harness = GraphHarness(rate: rate, positions: (0..<x.rows).map { Double($0) * 2 },
                                   results: try LocalStorage(root: folder.path))
        let graph = #"{"command_list": ["# + nodes + "]}"
        let single = try harness.run(graph, input: exact, precision: .float32).canonical()
        let double = try harness.run(graph, input: exact, precision: .float64).canonical()
        #expect(single.isComplex == double.isComplex, "\(nodes)")
        let (a, b) = (single.fullComplex(), double.fullComplex())
        #expect(a.rows == b.rows && a.columns == b.columns)
        #expect(a.real == b.real && a.imaginary == b.imaginary, "\(nodes)")
    }

    @Test("in a float64 graph, select/clip/roll/pad keep a float32 chunk float32; pad with an inexact constant widens")
    func keptValuesStayFloat32() throws {
        let x = CommandNumericsTests.input
        let single = Array2D(rows: x.rows, columns: x.columns, values: x.values.map { Float($0) })
        let folder = try TemporaryFolder()
        let positions = (0..<x.rows).map { Double($0) * 2 }
        let results = try LocalStorage(root: folder.path)
        let harness = GraphHarness(rate: CommandNumericsTests.rate, positions: positions, results: results)
        let chunk = ChunkContext(samplingRateHz: CommandNumericsTests.rate, startTimeNs: 1_704_067_200_000_000_000,
                                 name: "1704067200", channelPositions: positions, results: results,
                                 backend: CPUBackend())
        func output(_ entry: String) throws -> Signal {
            let node = try harness.plan(#"{"command_list": [{"uid": 1, "in_uid": 0, "# + entry + "}]}").nodes[0]
            let context = chunk.receiving(node.inputAxes ?? [])
            #expect(!context.singlePrecision)
            return try node.command.execute([.singleReal(single)], context: context)
        }
        for entry in [#""name": "select", "time": [0.01, 0.2]"#, #""name": "clip", "xmin": 5.1, "xmax": 14.9"#,
                      #""name": "roll", "window_length": 5"#, #""name": "pad", "time": [0.01, 0.02]"#] {
            guard case .singleReal = try output(entry) else { Issue.record("\(entry) widened"); continue }
        }
        guard case .real = try output(#""name": "pad", "time": 0.01, "constant_values": 0.1"#) else {
            Issue.record("pad with 0.1 (not a float32 value) must widen"); return
        }
    }
}
