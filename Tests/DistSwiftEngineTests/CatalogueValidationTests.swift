import DistSwiftCalc
import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// Bad parameters and wrong wiring of the catalogue commands are validation errors naming the JSON path and the
/// fix, before anything runs.
@Suite("Catalogue commands: bad input is a validation error with path and fix")
struct CatalogueValidationTests {
    /// (the command's entry fields after uid/in_uid, the JSON path expected, a word of the problem).
    static let bad: [(String, String, String)] = [
        (#""name": "sta_lta", "sta": 0"#, "command_list[0].sta", "at least 1"),
        (#""name": "sta_lta", "lta": "long""#, "command_list[0].lta", "integer"),
        (#""name": "sta_lta", "sta": 2.5"#, "command_list[0].sta", "whole number"),
        (#""name": "running_mean", "window_length": -4"#, "command_list[0].window_length", "at least 1"),
        (#""name": "running_mean", "axis": 2"#, "command_list[0].axis", "must be 0"),
        (#""name": "broaden", "window_length": [5]"#, "command_list[0].window_length", "integer"),
        (#""name": "peak_to_peak", "window_length": 0"#, "command_list[0].window_length", "at least 1"),
        (#""name": "lin_transform", "m": "2""#, "command_list[0].m", "number"),
        (#""name": "soft_threshold", "threshold": [1]"#, "command_list[0].threshold", "number"),
        (#""name": "hard_threshold", "value": true"#, "command_list[0].value", "number"),
        (#""name": "bounded_select", "min_val": 2, "max_val": 1"#, "command_list[0].max_val", "exceed"),
        (#""name": "multiply", "gather_uids": [0], "axis": 3"#, "command_list[0].axis", "null, 0"),
        (#""name": "deconvolve", "gather_uids": [0], "tolerance": -1"#, "command_list[0].tolerance", "0 or more"),
        (#""name": "roll", "window_length": 1.5"#, "command_list[0].window_length", "whole number"),
        (#""name": "gaussian", "xsigma": -1"#, "command_list[0].xsigma", "0 or more"),
        (#""name": "gaussian", "mode": "wrap""#, "command_list[0].mode", "reflect"),
        (#""name": "sobel", "axis": "x""#, "command_list[0].axis", "axis"),
        (#""name": "convolve", "coeffs": [[1, 2], [3]]"#, "command_list[0].coeffs", "same length"),
        (#""name": "correlate", "coeffs": "box""#, "command_list[0].coeffs", "rows of numbers"),
        (#""name": "median_filter", "distance": 0"#, "command_list[0].distance", "at least 1"),
        (#""name": "wiener", "xdir": 0"#, "command_list[0].xdir", "at least 1"),
        (#""name": "wiener", "noisePower": -2"#, "command_list[0].noisePower", "0 or more"),
        (#""name": "dip_filter", "shape": [4, 9]"#, "command_list[0].shape", "odd"),
        (#""name": "dip_filter", "velocity": 0"#, "command_list[0].velocity", "not be 0"),
        (#""name": "gradient", "edge_order": 3"#, "command_list[0].edge_order", "1 or 2"),
        (#""name": "clip", "xmin": 10, "xmax": 5"#, "command_list[0].xmax", "xmin"),
        (#""name": "clip", "double_ended": 2"#, "command_list[0].double_ended", "-1, 0 or 1"),
        (#""name": "clip", "tmin": "start""#, "command_list[0].tmin", "number"),
        (#""name": "extract", "index": "last""#, "command_list[0].index", "integer"),
        (#""name": "argmax", "axis": 5"#, "command_list[0].axis", "must be 0"),
        (#""name": "kurtosis", "axis": 0.5"#, "command_list[0].axis", "must be 0"),
        (#""name": "kmeans", "n_clusters": 0"#, "command_list[0].n_clusters", "at least 1"),
        (#""name": "kmeans", "seed": -1"#, "command_list[0].seed", "0 or more"),
        (#""name": "keras", "filename": "/nonexistent/model.h5""#, "command_list[0].filename", "cannot read"),
        (#""name": "data_load", "filename": "../../etc/passwd""#, "command_list[0].filename", "leaves"),
        (#""name": "unwrap", "axis": "time""#, "command_list[0].axis", "axis"),
        (#""name": "rescale", "gather_uids": [7]"#, "command_list[0].gather_uids[0]", "no command has uid 7"),
        (#""name": "add""#, "command_list[0].gather_uids", "is missing"),
        (#""name": "velocity_mask""#, "command_list[0].in_uid", "2-D spectrum"),
        (#""name": "velocity_map""#, "command_list[0].in_uid", "2-D spectrum"),
        (#""name": "up_wave""#, "command_list[0].in_uid", "2-D spectrum"),
        (#""name": "analytic_signal""#, "command_list[0].in_uid", "spectrum"),
        (#""name": "sta_lta", "stl": 3"#, "command_list[0].stl", "not a parameter"),
    ]

    @Test("every bad parameter or wiring names its JSON path and a fix", arguments: bad.indices)
    func refused(_ i: Int) throws {
        let (fields, path, word) = Self.bad[i]
        let harness = GraphHarness(rate: 1000, positions: (0..<8).map { Double($0) },
                                   results: try LocalStorage(root: try TemporaryFolder().path))
        expectRefused(fields, at: path, saying: word, harness: harness)
    }

    @Test("velocity_mask on time-domain data says which commands to insert")
    func velocityMaskWiring() throws {
        let harness = GraphHarness(rate: 1000, positions: (0..<8).map { Double($0) },
                                   results: try LocalStorage(root: try TemporaryFolder().path))
        #expect(throws: GraphProblems.self) {
            try harness.plan(#"{"command_list": [{"name": "velocity_mask", "uid": 1, "in_uid": 0}]}"#)
        }
        do {
            _ = try harness.plan(#"{"command_list": [{"name": "velocity_mask", "uid": 1, "in_uid": 0}]}"#)
        } catch {
            #expect("\(error)".contains("fft (axis 1), then fft (axis 0), then velocity_map"), "\(error)")
        }
    }
}
