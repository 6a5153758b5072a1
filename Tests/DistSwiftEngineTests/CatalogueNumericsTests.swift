import DistSwiftCalc
import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// The distpy catalogue commands (issue 16) against numpy/scipy computed from each command's definition on the same
/// data (Tests/reference/catalogue_reference.py). Tolerance 1e-9 of the largest reference value in float64.
@Suite("Catalogue commands against numpy/scipy",
       .enabled(if: PythonReference.isAvailable && (try? PythonReference.run("import scipy"))?.status == 0,
                "needs python3 with numpy and scipy (scripts/setup.sh installs them)"))
struct CatalogueNumericsTests {
    static func graph(_ entries: String) -> String { #"{"command_list": ["# + entries + "]}" }
    static func one(_ command: String) -> String { graph(#"{"uid": 1, "in_uid": 0, "# + command + "}") }
    static let fft1 = #"{"name": "fft", "uid": 1, "in_uid": 0}"#
    static let fft2 = fft1 + #", {"name": "fft", "uid": 2, "in_uid": 1, "axis": 0}"#
    static let vmap = fft2 + #", {"name": "velocity_map", "uid": 3, "in_uid": 2}"#

    static let cases: [ReferenceComparison.Case] = [
        ("angle", graph(fft1 + #", {"name": "angle", "uid": 2, "in_uid": 1}"#), nil),
        ("conj", graph(fft1 + #", {"name": "conj", "uid": 2, "in_uid": 1}"#), nil),
        ("unwrap1", graph(fft1 + #", {"name": "angle", "uid": 2, "in_uid": 1}, {"name": "unwrap", "uid": 3, "in_uid": 2}"#), nil),
        ("unwrap0", graph(fft1 + #", {"name": "angle", "uid": 2, "in_uid": 1}, {"name": "unwrap", "uid": 3, "in_uid": 2, "axis": 0}"#), 4),
        ("lin_transform", one(#""name": "lin_transform", "m": 2.5, "c": -1"#), nil),
        ("lin_transform_complex", graph(fft1 + #", {"name": "lin_transform", "uid": 2, "in_uid": 1, "m": 2.5, "c": -1}"#), nil),
        ("rescale", one(#""name": "rescale""#), 4),
        ("rescale_gather", graph(#"{"name": "lin_transform", "uid": 1, "in_uid": 0, "m": 3}, {"name": "rescale", "uid": 2, "in_uid": 0, "gather_uids": [1]}"#), nil),
        ("soft_above", one(#""name": "soft_threshold", "threshold": 0.5"#), nil),
        ("soft_below", one(#""name": "soft_threshold", "threshold": -0.2, "direction": "<""#), nil),
        ("hard_above", one(#""name": "hard_threshold", "threshold": 0.5, "value": -9"#), nil),
        ("hard_below", one(#""name": "hard_threshold", "threshold": -0.2, "value": 7, "direction": "<""#), nil),
        ("threshold_no_mutation", graph(#"{"name": "soft_threshold", "uid": 1, "in_uid": 0, "threshold": 0}, {"name": "hard_threshold", "uid": 2, "in_uid": 0}, {"name": "mean", "uid": 3, "in_uid": 0}"#), nil),
        ("bounded_select", one(#""name": "bounded_select", "min_val": -0.2, "max_val": 0.4"#), nil),
        ("add", graph(#"{"name": "mean", "uid": 1, "in_uid": 0}, {"name": "add", "uid": 2, "in_uid": 0, "gather_uids": [1]}"#), nil),
        ("add_same", graph(#"{"name": "lin_transform", "uid": 1, "in_uid": 0, "m": 2}, {"name": "add", "uid": 2, "in_uid": 0, "gather_uids": [1]}"#), nil),
        ("multiply_square", one(#""name": "multiply", "gather_uids": [0]"#), nil),
        ("multiply_rows", graph(#"{"name": "mean", "uid": 1, "in_uid": 0}, {"name": "multiply", "uid": 2, "in_uid": 0, "gather_uids": [1], "axis": 0}"#), nil),
        ("multiply_columns", graph(#"{"name": "mean", "uid": 1, "in_uid": 0, "axis": 0}, {"name": "multiply", "uid": 2, "in_uid": 0, "gather_uids": [1], "axis": 1}"#), nil),
        ("multiply_complex", graph(fft1 + #", {"name": "lin_transform", "uid": 2, "in_uid": 0, "m": 2, "c": 1}, {"name": "fft", "uid": 3, "in_uid": 2}, {"name": "multiply", "uid": 4, "in_uid": 1, "gather_uids": [3]}"#), nil),
        ("deconvolve", graph(fft1 + #", {"name": "lin_transform", "uid": 2, "in_uid": 0, "m": 2, "c": 1}, {"name": "fft", "uid": 3, "in_uid": 2}, {"name": "deconvolve", "uid": 4, "in_uid": 1, "gather_uids": [3]}"#), nil),
        ("virtual_cmp0", graph(fft1 + #", {"name": "virtual_cmp", "uid": 2, "in_uid": 1}"#), nil),
        ("virtual_cmp1", graph(fft1 + #", {"name": "virtual_cmp", "uid": 2, "in_uid": 1, "axis": 1}"#), nil),
        ("roll1", one(#""name": "roll", "window_length": 7"#), nil),
        ("roll0", one(#""name": "roll", "window_length": -3, "axis": 0"#), nil),
        ("roll_gather", graph(#"{"name": "argmax", "uid": 1, "in_uid": 0, "axis": 1}, {"name": "roll", "uid": 2, "in_uid": 0, "gather_uids": [1]}"#), nil),
        ("velocity_map", graph(vmap), nil),
        ("velocity_mask", graph(vmap + #", {"name": "velocity_mask", "uid": 4, "in_uid": 3, "min_velocity": 500, "max_velocity": 2000}"#), nil),
        ("velocity_mask_smooth", graph(vmap + #", {"name": "velocity_mask", "uid": 4, "in_uid": 3, "min_velocity": 500, "max_velocity": 2000, "smooth": 4}"#), nil),
        ("fk_filter", graph(vmap + #", {"name": "velocity_mask", "uid": 4, "in_uid": 3, "min_velocity": 500, "max_velocity": 2000}, {"name": "multiply", "uid": 5, "in_uid": 2, "gather_uids": [4]}, {"name": "ifft", "uid": 6, "in_uid": 5, "axis": 0}, {"name": "ifft", "uid": 7, "in_uid": 6, "axis": 1}, {"name": "real", "uid": 8, "in_uid": 7}"#), nil),
        ("up_wave", graph(fft2 + #", {"name": "up_wave", "uid": 3, "in_uid": 2}"#), nil),
        ("down_wave", graph(fft2 + #", {"name": "down_wave", "uid": 3, "in_uid": 2}"#), nil),
        ("destripe0", one(#""name": "destripe""#), nil),
        ("destripe1", one(#""name": "destripe", "axis": 1"#), nil),
        ("analytic1", graph(fft1 + #", {"name": "analytic_signal", "uid": 2, "in_uid": 1, "freq": 90}"#), nil),
        ("analytic0", graph(fft2 + #", {"name": "analytic_signal", "uid": 3, "in_uid": 2, "freq": 0.1, "window_length": 8, "axis": 0}"#), nil),
        ("gaussian", one(#""name": "gaussian""#), nil),
        ("gaussian_orders", one(#""name": "gaussian", "xsigma": 0.8, "tsigma": 2, "xorder": 1, "torder": 2, "mode": "reflect""#), 5),
        ("sobel1", one(#""name": "sobel""#), nil),
        ("sobel0", one(#""name": "sobel", "axis": 0, "mode": "nearest""#), 4),
        ("convolve", one(#""name": "convolve""#), nil),
        ("convolve_even", one(#""name": "convolve", "coeffs": [[1, 2], [3, 4.5]], "mode": "reflect""#), nil),
        ("correlate", one(#""name": "correlate""#), 5),
        ("correlate_row", one(#""name": "correlate", "coeffs": [1, 2, 3, 4], "mode": "mirror""#), nil),
        ("median3", one(#""name": "median_filter""#), 4),
        ("median4", one(#""name": "median_filter", "distance": 4"#), nil),
        ("wiener", one(#""name": "wiener""#), nil),
        ("wiener_noise", one(#""name": "wiener", "xdir": 3, "tdir": 7, "noisePower": 0.1"#), 5),
        ("dip_filter", one(#""name": "dip_filter", "velocity": 1500, "bandwidth": 1.5, "shape": [5, 7]"#), 4),
        ("running_mean", one(#""name": "running_mean""#), nil),
        ("running_mean0", one(#""name": "running_mean", "window_length": 3, "axis": 0"#), 5),
        ("sta_lta", one(#""name": "sta_lta", "sta": 10, "lta": 40"#), nil),
        ("broaden", one(#""name": "broaden", "window_length": 7"#), nil),
        ("peak_to_peak", one(#""name": "peak_to_peak", "window_length": 20"#), nil),
        ("gradient0", one(#""name": "gradient""#), 4),
        ("gradient1", one(#""name": "gradient", "axis": 1, "edge_order": 2"#), nil),
        ("clip", one(#""name": "clip", "xmin": 5.1, "xmax": 14.9, "tmin": 0.05, "tmax": 0.2"#), nil),
        ("clip_double_ended", one(#""name": "clip", "double_ended": 1, "tmax": 0.1"#), nil),
        ("extract1", one(#""name": "extract", "index": 5"#), nil),
        ("extract0", one(#""name": "extract", "index": -2, "axis": 0"#), nil),
        ("argmax0", one(#""name": "argmax""#), nil),
        ("argmax1", one(#""name": "argmax", "axis": 1"#), nil),
        ("kurtosis1", one(#""name": "kurtosis""#), nil),
        ("kurtosis0", one(#""name": "kurtosis", "axis": 0"#), nil),
        ("skewness1", one(#""name": "skewness""#), nil),
        ("geometric_mean", graph(#"{"name": "abs", "uid": 1, "in_uid": 0}, {"name": "geometric_mean", "uid": 2, "in_uid": 1}"#), nil),
        ("harmonic_mean", graph(#"{"name": "abs", "uid": 1, "in_uid": 0}, {"name": "harmonic_mean", "uid": 2, "in_uid": 1}"#), nil),
        ("copy", one(#""name": "copy""#), nil),
        ("data", one(#""name": "data""#), nil),
        ("none", one(#""name": "NONE""#), nil),
        ("data_load", one(#""name": "data_load", "directory_out": "filters", "filename": "twice.npy""#), nil),
        ("count_peaks", one(#""name": "count_peaks", "sta": 5, "lta": 40"#), nil),
        ("count_peaks_default", one(#""name": "count_peaks""#), nil),
        ("macro_default", one(#""name": "macro""#), 4),
        ("macro_channels", one(#""name": "macro", "command_list": ["abs", {"name": "gaussian_filter", "sigma": 1.5}, {"name": "gradient", "axis": 1, "distance": 2}, {"name": "normalize", "axis": 0}, {"name": "median_filter", "distance": 3}, {"name": "sum", "axis": 1}]"#), nil),
        ("macro_time", one(#""name": "macro", "command_list": [{"name": "threshold", "threshold": 0.2}, {"name": "percentage_on", "axis": 0}]"#), nil),
    ]

    @Test("every catalogue command equals its numpy/scipy definition to 1e-9 (channel blocks change nothing)")
    func againstReference() throws {
        var comparison = ReferenceComparison(script: "catalogue_reference.py", input: CommandNumericsTests.input,
                                             rate: CommandNumericsTests.rate, positions: (0..<13).map { Double($0) * 2 })
        let x = CommandNumericsTests.input
        comparison.storedResults["filters/twice.npy"] = Array2D(rows: x.rows, columns: x.columns, values: x.values.map { 2 * $0 })
        try comparison.expectAgreement(Self.cases, within: 1e-9)
    }
}
