import DistSwiftCalc
import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// The DASCore-style commands (issue 19, part A) against DASCore 0.1.24 itself on the same data
/// (Tests/reference/dascore_conditioning_reference.py builds a Patch from the input and calls the same method).
/// Tolerance: 1e-9 of the largest reference value (float64 throughout, both sides).
@Suite("DASCore-style commands against DASCore 0.1.24",
       .enabled(if: PythonReference.isAvailable
                    && (try? PythonReference.run("import dascore; assert dascore.__version__ == '0.1.24'"))?.status == 0,
                "needs python3 with dascore 0.1.24 (scripts/setup.sh --tests installs it)"))
struct DASCoreConditioningTests {
    static func one(_ command: String) -> String { #"{"command_list": [{"uid": 1, "in_uid": 0, "# + command + "}]}" }

    static let cases: [ReferenceComparison.Case] = [
        ("detrend_linear", one(#""name": "detrend", "dim": "time", "type": "linear""#), nil),
        ("detrend_constant", one(#""name": "detrend", "dim": "time", "type": "constant""#), 4),
        ("detrend_distance", one(#""name": "detrend", "dim": "distance""#), nil),
        ("demean", one(#""name": "demean""#), 4),
        ("demean_distance", one(#""name": "demean", "dim": "distance""#), nil),
        ("demedian", one(#""name": "demedian", "dim": "time""#), 5),
        ("demedian_distance", one(#""name": "demedian", "dim": "distance""#), nil),
        ("taper", one(#""name": "taper", "time": 0.05"#), 4),
        ("taper_pair", one(#""name": "taper", "time": [0.1, null], "window_type": "hamming""#), nil),
        ("taper_seconds", one(#""name": "taper", "time": "20 ms", "window_type": "blackman""#), nil),
        ("taper_distance", one(#""name": "taper", "distance": 0.25, "window_type": "triang""#), nil),
        ("normalize_l2", one(#""name": "normalize", "dim": "time""#), 4),
        ("normalize_l1", one(#""name": "normalize", "norm": "l1""#), nil),
        ("normalize_max", one(#""name": "normalize", "dim": "distance", "norm": "max""#), nil),
        ("normalize_bit", one(#""name": "normalize", "norm": "bit""#), nil),
        ("standardize", one(#""name": "standardize", "dim": "time""#), 3),
        ("standardize_distance", one(#""name": "standardize", "dim": "distance""#), nil),
        ("pad", one(#""name": "pad", "time": [0.01, 0.02]"#), nil),
        ("pad_fft", one(#""name": "pad", "time": "fft""#), nil),
        ("pad_distance", one(#""name": "pad", "distance": 2, "samples": true, "constant_values": 1.5"#), nil),
        ("line_mute", one(#""name": "line_mute", "time": [0.1, 0.2]"#), nil),
        ("line_mute_end", one(#""name": "line_mute", "time": [-0.1, null], "smooth": 0.05, "invert": true"#), nil),
        ("line_mute_distance", one(#""name": "line_mute", "distance": [4, 10], "smooth": 1"#), nil),
        ("line_mute_absolute", one(#""name": "line_mute", "distance": [6, 30], "relative": false"#), nil),
        ("line_mute_first_break", one(#""name": "line_mute", "time": [0, [0, 0.3007]], "distance": [null, [0, 24]], "smooth": 0.02"#), 4),
        ("line_mute_wedge", one(#""name": "line_mute", "time": [[0, 0.3007], [0, 0.1503]], "distance": [[0, 24], [0, 24]], "invert": true"#), nil),
        ("line_mute_parallel", one(#""name": "line_mute", "time": [[0.0503, 0.2007], [0.1503, 0.3007]], "distance": [[0, 24], [0, 24]]"#), nil),
        ("line_mute_late", one(#""name": "line_mute", "time": [[0, 0.3007], null], "distance": [[0, 24], 1], "smooth": 3"#), nil),
        ("line_mute_from_end", one(#""name": "line_mute", "time": [-0.1003, [0, 0.6007]], "distance": [null, [0, 24]]"#), nil),
        ("line_mute_reversed", one(#""name": "line_mute", "time": [0.1003, [0.3007, 0]], "distance": [null, [24, 0]]"#), nil),
        ("slope_mute", one(#""name": "slope_mute", "slopes": [97, 301]"#), nil),
        ("slope_mute_invert", one(#""name": "slope_mute", "slopes": [53, 211], "invert": true, "smooth": 0.02"#), nil),
        ("slope_mute_smooth", one(#""name": "slope_mute", "slopes": [61, 401], "smooth": 3"#), nil),
        ("select_time", one(#""name": "select", "time": [0.05, 0.2]"#), nil),
        ("select_distance", one(#""name": "select", "distance": [5.1, 14.9]"#), nil),
        ("select_samples", one(#""name": "select", "time": [10, 50], "samples": true"#), 4),
        ("decimate_iir", one(#""name": "decimate", "time": 4"#), 4),
        ("decimate_fir", one(#""name": "decimate", "time": 3, "filter_type": "fir""#), 5),
        ("decimate_distance", one(#""name": "decimate", "distance": 2, "filter_type": "fir""#), nil),
        ("resample_down", one(#""name": "resample", "time": 0.002"#), nil),
        ("resample_up", one(#""name": "resample", "time": 0.0008"#), 4),
        ("resample_poly.scipy", one(#""name": "resample", "time": 0.00125, "method": "polyphase""#), nil),
        ("resample_poly_up.scipy", one(#""name": "resample", "time": 0.0004, "method": "polyphase""#), 4),
        ("interpolate", one(#""name": "interpolate", "distance": [-1, 0.5, 2, 3.5, 5, 6.5, 8, 9.5, 11, 12.5, 14, 15.5, 17, 18.5, 20, 21.5, 23, 24.5, 26]"#), nil),
        ("interpolate_nearest", one(#""name": "interpolate", "distance": 0.75, "kind": "nearest""#), nil),
        ("pass_band", one(#""name": "pass_filter", "time": [20, 150], "corners": 4"#), 4),
        ("pass_low", one(#""name": "pass_filter", "time": [null, 100], "corners": 6"#), nil),
        ("pass_high", one(#""name": "pass_filter", "time": [50, null], "corners": 3"#), nil),
        ("pass_causal", one(#""name": "pass_filter", "time": [20, 150], "zerophase": false"#), 4),
        ("pass_distance", one(#""name": "pass_filter", "distance": [null, 0.1], "corners": 2"#), nil),
        ("notch", one(#""name": "notch_filter", "time": 60, "q": 30"#), 4),
        ("notch_distance", one(#""name": "notch_filter", "distance": 0.1, "q": 2"#), nil),
        ("savgol", one(#""name": "savgol_filter", "time": 11, "polyorder": 3, "samples": true"#), 4),
        ("savgol_nearest", one(#""name": "savgol_filter", "time": 0.007, "polyorder": 2, "mode": "nearest""#), nil),
        ("savgol_distance", one(#""name": "savgol_filter", "distance": 5, "polyorder": 2, "samples": true"#), nil),
        ("hampel", one(#""name": "hampel_filter", "time": 5, "samples": true, "threshold": 2"#), 4),
        ("hampel_2d", one(#""name": "hampel_filter", "time": 5, "distance": 3, "samples": true, "threshold": 2"#), 5),
        ("hampel_exact", one(#""name": "hampel_filter", "time": 5, "distance": 3, "samples": true, "threshold": 2, "approximate": false"#), nil),
        ("wiener_filter", one(#""name": "wiener_filter", "time": 5, "distance": 3, "samples": true"#), nil),
        ("wiener_filter_noise", one(#""name": "wiener_filter", "time": 0.007, "noise": 0.1"#), 4),
        ("median", one(#""name": "dascore_median_filter", "time": 5, "distance": 3, "samples": true"#), 4),
        ("median_even", one(#""name": "dascore_median_filter", "time": 0.004"#), nil),
        ("gaussian", one(#""name": "gaussian_filter", "time": 3, "distance": 2, "samples": true"#), 5),
        ("gaussian_seconds.scipy", one(#""name": "gaussian_filter", "time": 0.0025"#), nil),
        ("whiten", one(#""name": "whiten""#), nil),
        ("whiten_band", one(#""name": "whiten", "smooth_size": 20, "time": [10, 20, 200, 300]"#), 4),
        ("whiten_water", one(#""name": "whiten", "smooth_size": 15, "water_level": 0.1, "time": [10.3, 150.7]"#), nil),
        ("slope_filter", one(#""name": "slope_filter", "filt": [5000, 10000, 30000, 50000]"#), nil),
        ("slope_filter_notch", one(#""name": "slope_filter", "filt": [-20000, -5000, 5000, 20000], "directional": true, "invert": true"#), nil),
        ("integrate", one(#""name": "integrate", "dim": "time""#), 4),
        ("integrate_definite", one(#""name": "integrate", "definite": true"#), nil),
        ("integrate_distance", one(#""name": "integrate", "dim": "distance""#), nil),
        ("differentiate", one(#""name": "differentiate", "dim": "time""#), 4),
        ("differentiate_step", one(#""name": "differentiate", "step": 3"#), nil),
        ("differentiate_distance", one(#""name": "differentiate", "dim": "distance""#), nil),
        ("velocity_to_strain_rate", one(#""name": "velocity_to_strain_rate", "step_multiple": 2"#), nil),
        ("velocity_to_strain_rate4", one(#""name": "velocity_to_strain_rate", "step_multiple": 4"#), nil),
        ("radians_to_strain", #"{"command_list": [{"name": "convert_units", "uid": 1, "in_uid": 0, "from": "rad", "units": "mrad"}, {"name": "radians_to_strain", "uid": 2, "in_uid": 1, "gauge_length": 10}]}"#, nil),
        ("radians_per_metre", #"{"command_list": [{"name": "convert_units", "uid": 1, "in_uid": 0, "from": "rad/(m*s)", "units": "rad/(m*s)"}, {"name": "radians_to_strain", "uid": 2, "in_uid": 1}]}"#, nil),
        ("convert_units", one(#""name": "convert_units", "units": "nm/m/s", "from": "1/s""#), nil),
    ]

    static func comparison() -> ReferenceComparison {
        ReferenceComparison(script: "dascore_conditioning_reference.py", input: CommandNumericsTests.input,
                            rate: CommandNumericsTests.rate, positions: (0..<13).map { Double($0) * 2 })
    }

    @Test("every command equals DASCore's method on the same patch to 1e-9 (channel blocks change nothing)")
    func againstDASCore() throws {
        try Self.comparison().expectAgreement(Self.cases, within: 1e-9)
    }

    /// The FFT-bound commands' float32 kernels (a graph with "precision": "float32": FFTW's float transforms)
    /// against DASCore on the same float32 samples (its dft of float32 data is complex64). Tolerance 1e-5 of the
    /// largest reference value: float32 carries 6e-8 relative per value, and rounding grows with the transforms.
    /// slope_filter computes in float32 there too (its half spectrum and fan in float32), where DASCore's gains are
    /// float64 after numpy's complex64 fft2: the same tolerance covers both.
    static let float32Cases = cases.filter {
        $0.name.hasPrefix("whiten") || $0.name.hasPrefix("resample") || $0.name.hasPrefix("slope_filter")
    }

    @Test("in a float32 graph whiten, resample (Fourier in float32, polyphase in float64) and slope_filter equal DASCore's on float32 data to 1e-5")
    func float32AgainstDASCore() throws {
        try Self.comparison().expectAgreement(Self.float32Cases, within: 1e-5, precision: .float32)
        #expect(Self.float32Cases.count == 9)
    }

    static let realCases: [ReferenceComparison.Case] = [
        ("detrend_linear", one(#""name": "detrend", "dim": "time", "type": "linear""#), nil),
        ("demean_distance", one(#""name": "demean", "dim": "distance""#), nil),
        ("taper", one(#""name": "taper", "time": 0.05"#), 100),
        ("real_pass", one(#""name": "pass_filter", "time": [5, 40]"#), 100),
        ("real_decimate", one(#""name": "decimate", "time": 4"#), nil),
        ("real_notch", one(#""name": "notch_filter", "time": 50, "q": 20"#), nil),
        ("real_whiten", one(#""name": "whiten", "smooth_size": 5, "time": [2, 5, 60, 80]"#), nil),
        ("real_line_mute", one(#""name": "line_mute", "time": [0.5003, [0.1003, 9.0007]], "distance": [null, [0, 300.3]], "smooth": 0.01"#), 64),
        ("hampel_2d", one(#""name": "hampel_filter", "time": 5, "distance": 3, "samples": true, "threshold": 2"#), nil),
        ("integrate", one(#""name": "integrate", "dim": "time""#), nil),
        ("differentiate_distance", one(#""name": "differentiate", "dim": "distance""#), nil),
    ]

    @Test("on a real record (PRODML, 512 channels × 2500 samples at 200 Hz) that DASCore reads itself",
          .enabled(if: TestPaths.sharedData != nil, "needs ../shared/data"))
    func realRecord() throws {
        let path = TestPaths.sharedData! + "/das/prodml_2.0.h5"
        let record = try RecordFormats.open(path)
        let data = try record.read(samples: 0..<record.metadata.sampleCount, as: Double.self)
        var comparison = ReferenceComparison(script: "dascore_conditioning_reference.py", input: data,
                                             rate: record.metadata.samplingRateHz,
                                             positions: record.metadata.channelPositions)
        comparison.source = path
        try comparison.expectAgreement(Self.realCases, within: 1e-9)
    }
}
