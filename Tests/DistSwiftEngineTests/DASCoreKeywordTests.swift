import DistSwiftCalc
import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// DASCore's keyword convention (a dimension as the key, or `dim`) validates as a DASCore user writes it, and
/// every mistake is a validation error naming the JSON path and the fix (issue 19, part A).
@Suite("DASCore-style commands: keywords as DASCore writes them; bad input names its path and fix")
struct DASCoreKeywordTests {
    static func harness() throws -> GraphHarness {
        GraphHarness(rate: 1000, positions: (0..<8).map { Double($0) },
                     results: try LocalStorage(root: try TemporaryFolder().path))
    }

    /// The entries issue 19 says must validate as written (part A's), and a few more of the same convention.
    static let accepted = [
        #"{"name": "detrend", "dim": "time", "type": "linear"}"#,
        #"{"name": "pass_filter", "time": [1, 100], "corners": 4}"#,
        #"{"name": "decimate", "time": 4}"#,
        #"{"name": "taper", "time": 0.05}"#,
        #"{"name": "taper", "distance": "10 m", "window_type": "cos"}"#,
        #"{"name": "pass_filter", "distance": [null, 0.2]}"#,
        #"{"name": "normalize", "dim": "distance", "norm": "max"}"#,
        #"{"name": "integrate", "dim": "time"}"#,
        #"{"name": "dascore_median_filter", "time": 0.005, "distance": 3}"#,
        #"{"name": "hampel_filter", "time": 5, "distance": 5, "samples": true, "approximate": false}"#,
        #"{"name": "pad", "time": "correlate"}"#,
    ]

    @Test("DASCore's own keywords validate as written", arguments: accepted)
    func accepts(_ entry: String) throws {
        let json = #"{"command_list": ["# + entry.replacingOccurrences(of: "{", with: #"{"uid": 1, "in_uid": 0, "#) + "]}"
        _ = try Self.harness().plan(json)
    }

    /// (the entry's fields after uid/in_uid, the JSON path expected, a word of the problem or fix).
    static let bad: [(String, String, String)] = [
        (#""name": "taper""#, "command_list[0]", "`time` or `distance`"),
        (#""name": "taper", "time": 0.05, "distance": 0.1"#, "command_list[0].distance", "only"),
        (#""name": "taper", "time": 1.5"#, "command_list[0].time", "0 … 1"),
        (#""name": "taper", "time": "5 parsecs""#, "command_list[0].time", "length in s"),
        (#""name": "taper", "time": [0.1, 0.2, 0.3]"#, "command_list[0].time", "pair"),
        (#""name": "taper", "window_type": "kaiser", "time": 0.1"#, "command_list[0].window_type", "hann"),
        (#""name": "detrend", "dim": "depth""#, "command_list[0].dim", "distance"),
        (#""name": "detrend", "type": "quadratic""#, "command_list[0].type", "linear"),
        (#""name": "normalize", "norm": "l3""#, "command_list[0].norm", "l2"),
        (#""name": "pass_filter", "time": 5"#, "command_list[0].time", "pair"),
        (#""name": "pass_filter", "time": [100, 10]"#, "command_list[0].time", "low must be below high"),
        (#""name": "pass_filter", "time": [null, null]"#, "command_list[0].time", "no band"),
        (#""name": "pass_filter", "time": [1, 600]"#, "command_list[0].time", "Nyquist"),
        (#""name": "pass_filter", "time": [1, 100], "corners": 0"#, "command_list[0].corners", "at least 1"),
        (#""name": "pass_filter", "freq": [1, 100]"#, "command_list[0].freq", "not a parameter"),
        (#""name": "decimate", "time": 2.5"#, "command_list[0].time", "whole number"),
        (#""name": "decimate", "time": "four""#, "command_list[0].time", "number"),
        (#""name": "decimate", "time": 4, "filter_type": "none""#, "command_list[0].filter_type", "anti-alias"),
        (#""name": "decimate", "time": 20"#, "command_list[0].time", "unstable"),
        (#""name": "decimate", "dim": "time""#, "command_list[0].dim", "not a parameter"),
        (#""name": "pad", "time": "double""#, "command_list[0].time", "fft"),
        (#""name": "pad", "time": [-1, 2]"#, "command_list[0].time", "negative"),
        (#""name": "select", "distance": [500, 100]"#, "command_list[0].distance", "low must not exceed high"),
        (#""name": "resample", "distance": 2"#, "command_list[0].distance", "interpolate"),
        (#""name": "interpolate", "distance": "every metre""#, "command_list[0].distance", "list of positions"),
        (#""name": "notch_filter", "time": 60"#, "command_list[0].q", "is missing"),
        (#""name": "notch_filter", "time": 600, "q": 30"#, "command_list[0].time", "Nyquist"),
        (#""name": "savgol_filter", "time": 10, "samples": true, "polyorder": 3"#, "command_list[0].time", "odd"),
        (#""name": "savgol_filter", "time": 5, "samples": true, "polyorder": 5"#, "command_list[0].polyorder", "less than"),
        (#""name": "hampel_filter", "time": 4, "samples": true"#, "command_list[0].time", "odd"),
        (#""name": "hampel_filter", "time": 5, "samples": true, "threshold": 0"#, "command_list[0].threshold", "above 0"),
        (#""name": "dascore_median_filter""#, "command_list[0]", "`time`, `distance` or both"),
        (#""name": "gaussian_filter", "time": -2"#, "command_list[0].time", "above 0"),
        (#""name": "wiener_filter", "time": 5, "noise": -1"#, "command_list[0].noise", "0 or more"),
        (#""name": "differentiate", "order": 4"#, "command_list[0].order", "only order 2"),
        (#""name": "velocity_to_strain_rate", "step_multiple": 3"#, "command_list[0].step_multiple", "even"),
        (#""name": "radians_to_strain", "wave_length": 1550"#, "command_list[0].wave_length", "1550e-9"),
        (#""name": "convert_units", "units": "furlongs""#, "command_list[0].units", "nm/m/s"),
        (#""name": "line_mute", "time": [[0, 0.3], null]"#, "command_list[0].time", "both `time` and `distance`"),
        (#""name": "line_mute", "time": [[0, 0.3], null], "distance": [[0, 24], [0, 12]]"#, "command_list[0].time[1]",
         "do not fix line 2"),
        (#""name": "line_mute", "time": [[0, 0.3], 1, 2], "distance": [[0, 24], null]"#, "command_list[0].time",
         "two entries"),
        (#""name": "line_mute", "time": 0.1"#, "command_list[0].time", "pair"),
        (#""name": "slope_mute", "slopes": [1500]"#, "command_list[0].slopes", "pair"),
        (#""name": "slope_mute", "slopes": [-5, 100]"#, "command_list[0].slopes", "≥ 0"),
        (#""name": "slope_mute", "slopes": [100, 200], "smooth": 2.5"#, "command_list[0].smooth", "fraction"),
        (#""name": "whiten", "time": [300, 200]"#, "command_list[0].time", "increase"),
        (#""name": "whiten", "smooth_size": 600"#, "command_list[0].smooth_size", "Nyquist"),
        (#""name": "slope_filter", "filt": [3000, 1000, 4000, 5000]"#, "command_list[0].filt", "increasing"),
    ]

    @Test("every bad keyword names its JSON path and a fix", arguments: bad.indices)
    func refused(_ i: Int) throws {
        let (fields, path, word) = Self.bad[i]
        expectRefused(fields, at: path, saying: word, harness: try Self.harness())
    }
}
