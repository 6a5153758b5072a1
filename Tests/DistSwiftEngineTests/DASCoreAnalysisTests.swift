import DistSwiftCalc
import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// The DASCore toolkit's spectral, event, array and rolling commands (issue 19, part B) against DASCore 0.1.24 itself
/// on the same samples (Tests/reference/dascore_analysis_reference.py): synthetic data and a real PRODML record.
/// Tolerance 1e-9 of the largest reference value in float64 unless a case says otherwise.
@Suite("DASCore toolkit commands against DASCore 0.1.24",
       .enabled(if: PythonReference.isAvailable && (try? PythonReference.run("import dascore, scipy"))?.status == 0,
                "needs python3 with dascore 0.1.24, numpy and scipy (scripts/setup.sh --tests installs them)"))
struct DASCoreAnalysisTests {
    static func one(_ command: String) -> String {
        #"{"command_list": [{"uid": 1, "in_uid": 0, "# + command + "}]}"
    }

    /// Rolling statistics and agc. Windows in samples unless the case gives seconds.
    static let rolling: [ReferenceComparison.Case] = [
        ("rolling_mean", one(#""name": "rolling_mean", "time": 25, "samples": true"#), nil),
        ("rolling_mean_even", one(#""name": "rolling_mean", "time": 24, "samples": true"#), 5),
        ("rolling_mean_step", one(#""name": "rolling_mean", "time": 40, "step": 7, "samples": true"#), nil),
        ("rolling_mean_step_wide", one(#""name": "rolling_mean", "time": 10, "step": 16, "samples": true"#), nil),
        ("rolling_std", one(#""name": "rolling_std", "time": 31, "samples": true"#), nil),
        ("rolling_std_step", one(#""name": "rolling_std", "time": 20, "step": 25, "samples": true"#), nil),
        ("rolling_median", one(#""name": "rolling_median", "time": 15, "samples": true"#), 4),
        ("rolling_median_even", one(#""name": "rolling_median", "time": 16, "step": 3, "samples": true"#), nil),
        ("rolling_median_step", one(#""name": "rolling_median", "time": 50, "step": 60, "samples": true"#), nil),
        ("rolling_max", one(#""name": "rolling_max", "time": 21, "samples": true"#), nil),
        ("rolling_max_step", one(#""name": "rolling_max", "time": 40, "step": 9, "samples": true"#), nil),
        ("rolling_min", one(#""name": "rolling_min", "time": 8, "samples": true"#), 3),
        ("rolling_min_step", one(#""name": "rolling_min", "time": 9, "step": 30, "samples": true"#), nil),
        ("rolling_seconds", one(#""name": "rolling_mean", "time": 0.0255"#), nil),
        ("agc", one(#""name": "agc", "time": 41, "samples": true"#), nil),
        ("agc_mean_abs", one(#""name": "agc", "time": 0.01, "type": "mean_abs""#), 6),
    ]

    static let absFirst = #"{"name": "abs", "uid": 1, "in_uid": 0}, "#
    static let events: [ReferenceComparison.Case] = [
        ("stalta", #"{"command_list": [\#(absFirst){"name": "stalta", "uid": 2, "in_uid": 1, "time": [10, 50], "samples": true}]}"#, nil),
        ("stalta_seconds", #"{"command_list": [\#(absFirst){"name": "stalta", "uid": 2, "in_uid": 1, "time": [0.0105, 0.05]}]}"#, 4),
        ("trigger", #"{"command_list": [\#(absFirst){"name": "stalta", "uid": 2, "in_uid": 1, "time": [10, 50], "samples": true}, {"name": "trigger", "uid": 3, "in_uid": 2, "on": 1.3, "off": 1.0, "max_length": 30, "samples": true}]}"#, 5),
    ]

    @Test("stalta equals DASCore's patch.abs().stalta (NaN where DASCore's is) to 1e-9; trigger equals its definition exactly")
    func eventsAgainstDASCore() throws {
        let comparison = ReferenceComparison(script: "dascore_analysis_reference.py", input: CommandNumericsTests.input,
                                             rate: CommandNumericsTests.rate, positions: (0..<13).map { Double($0) * 2 })
        let report = try comparison.run(Self.events)
        for (name, error, line) in report { #expect(error <= (name == "trigger" ? 0 : 1e-9), "\(line)") }
        #expect(Set(report.map(\.name)) == Set(Self.events.map(\.name)))
    }

    static let spectral: [ReferenceComparison.Case] = [
        ("hilbert", one(#""name": "hilbert", "dim": "time""#), nil),
        ("envelope", one(#""name": "envelope", "dim": "time""#), 4),
        ("rfft", one(#""name": "rfft""#), nil),
        ("dft", one(#""name": "dft", "dim": "time""#), nil),
        ("dft_real", one(#""name": "dft", "real": true"#), nil),
        ("dft_nopad", one(#""name": "dft", "pad": false"#), nil),
    ]

    static func afterDFT(_ command: String, real: Bool = true) -> String {
        #"{"command_list": [{"name": "dft", "uid": 1, "in_uid": 0, "real": \#(real)}, {"uid": 2, "in_uid": 1, "\#(command)}]}"#
    }
    static let descriptors: [ReferenceComparison.Case] = [
        ("spectral_centroid", afterDFT(#"name": "spectral_centroid""#), nil),
        ("spectral_centroid_band", afterDFT(#"name": "spectral_centroid", "fmin": 50, "fmax": 300"#), 4),
        ("spectral_centroid_two_sided", afterDFT(#"name": "spectral_centroid""#, real: false), nil),
        ("spectral_flatness", afterDFT(#"name": "spectral_flatness""#), nil),
        ("spectral_entropy", afterDFT(#"name": "spectral_entropy", "dim": "time""#), nil),
        ("spectral_entropy_raw", afterDFT(#"name": "spectral_entropy", "normalize": false, "fmax": 200"#), nil),
        ("spectral_peak_frequency", afterDFT(#"name": "spectral_peak_frequency""#), nil),
        ("median_frequency", afterDFT(#"name": "median_frequency""#), 5),
        ("median_frequency_two_sided", afterDFT(#"name": "median_frequency", "fmin": 20"#, real: false), nil),
    ]

    @Test("spectral_centroid/flatness/entropy/peak_frequency and median_frequency equal DASCore's of its dft, to 1e-9")
    func descriptorsAgainstDASCore() throws {
        let comparison = ReferenceComparison(script: "dascore_analysis_reference.py", input: CommandNumericsTests.input,
                                             rate: CommandNumericsTests.rate, positions: (0..<13).map { Double($0) * 2 })
        try comparison.expectAgreement(Self.descriptors, within: 1e-9)
    }

    static let arrays: [ReferenceComparison.Case] = [
        ("cross_correlate", one(#""name": "cross_correlate", "distance": 8"#), nil),
        ("cross_correlate_samples", one(#""name": "cross_correlate", "distance": 0, "samples": true"#), nil),
        ("correlate_shift", one(#""name": "correlate_shift", "dim": "time""#), 4),
        ("correlate_shift_raw", one(#""name": "correlate_shift", "undo_weighting": false"#), nil),
        ("phase_weighted_stack", one(#""name": "phase_weighted_stack", "stack_dim": "distance""#), nil),
        ("phase_weighted_stack_p1", one(#""name": "phase_weighted_stack", "power": 1"#), nil),
        ("tau_p", one(#""name": "tau_p", "velocities": [100, 200, 500, 1000, 3000]"#), nil),
        ("tau_p_one", one(#""name": "tau_p", "velocities": [350]"#), nil),
        ("dispersion_phase_shift", one(#""name": "dispersion_phase_shift", "phase_velocities": [100, 150, 300, 600, 1200]"#), nil),
        ("dispersion_phase_shift_band", one(#""name": "dispersion_phase_shift", "phase_velocities": [200, 400, 800], "approx_resolution": 2, "approx_freq": [20, 300]"#), nil),
    ]

    /// dispersion_phase_shift: DASCore labels DFT bin k with k·fs/(nf − 1) and phase-shifts with that frequency; the
    /// script asserts it still does and checks distswift against the definition with bin k at k·fs/nf (numpy).
    @Test("cross_correlate, correlate_shift, phase_weighted_stack, tau_p equal DASCore's; dispersion_phase_shift its numpy definition; 1e-9")
    func arraysAgainstDASCore() throws {
        let comparison = ReferenceComparison(script: "dascore_analysis_reference.py", input: CommandNumericsTests.input,
                                             rate: CommandNumericsTests.rate, positions: (0..<13).map { Double($0) * 2 })
        try comparison.expectAgreement(Self.arrays, within: 1e-9)
    }

    /// The synthetic input cut to 389 samples for the transforms. 400 samples is not a fast length for scipy
    /// (400 = 2⁴·5², it is), so the input is cut to 389 (prime): DASCore's dft then pads to 390 and the padded case
    /// is a real test of the padding.
    static var transformComparison: ReferenceComparison {
        let x = CommandNumericsTests.input
        let cut = Array2D(rows: x.rows, columns: 389, values: (0..<x.rows).flatMap { r in x.values[(r * 400)..<(r * 400 + 389)] })
        return ReferenceComparison(script: "dascore_analysis_reference.py", input: cut,
                                   rate: CommandNumericsTests.rate, positions: (0..<13).map { Double($0) * 2 })
    }

    @Test("hilbert, envelope, rfft and dft (padded, one-sided, unpadded) equal DASCore's values to 1e-9")
    func spectralAgainstDASCore() throws {
        try Self.transformComparison.expectAgreement(Self.spectral, within: 1e-9)
    }

    /// The float32 kernels (a graph with "precision": "float32": FFTW's float transforms) against DASCore on the
    /// same float32 samples, which numpy ≥ 2 and scipy.fft transform in float32 too. Tolerance 1e-5 of the largest
    /// reference value: float32 carries 6e-8 relative per value, and a 400-point transform's rounding grows with
    /// log2 n on both sides.
    @Test("in a float32 graph hilbert, envelope, rfft, dft and the spectral descriptors equal DASCore's on float32 data to 1e-5")
    func spectralFloat32AgainstDASCore() throws {
        let cases = Self.spectral + Self.descriptors
        try Self.transformComparison.expectAgreement(cases, within: 1e-5, precision: .float32)
    }

    static let arraysFloat32 = arrays.filter { ["cross_correlate", "phase_weighted_stack", "correlate_shift"].contains(where: $0.name.hasPrefix) }

    @Test("in a float32 graph cross_correlate, correlate_shift and phase_weighted_stack equal DASCore's on float32 data to 1e-5")
    func arraysFloat32AgainstDASCore() throws {
        let comparison = ReferenceComparison(script: "dascore_analysis_reference.py", input: CommandNumericsTests.input,
                                             rate: CommandNumericsTests.rate, positions: (0..<13).map { Double($0) * 2 })
        try comparison.expectAgreement(Self.arraysFloat32, within: 1e-5, precision: .float32)
        #expect(Self.arraysFloat32.count == 6)
    }

    @Test("rolling_mean/std/median/max/min equal DASCore's centred rolling (step 1, kept every step) and agc its definition, to 1e-9")
    func rollingAgainstDASCore() throws {
        let comparison = ReferenceComparison(script: "dascore_analysis_reference.py", input: CommandNumericsTests.input,
                                             rate: CommandNumericsTests.rate, positions: (0..<13).map { Double($0) * 2 })
        try comparison.expectAgreement(Self.rolling, within: 1e-9)
    }

    /// DASCore is wrong here: `rolling(time=w, step=s, center=True)` shifts its values by whole steps so that its
    /// labels are not the windows' centres when s > 1 (rolling.py `_pad_roll_array` centres the NaN padding in
    /// steps, not samples). distswift's value at t is the window centred on t; the case above checks it against
    /// DASCore's own step-1 centred result at every s-th sample, and this one shows DASCore's step result differs.
    @Test("DASCore's centred rolling with step > 1 is off-centre: it differs from the centred windows by far more than rounding")
    func dascoreStepLabelsAreOffCentre() throws {
        let comparison = ReferenceComparison(script: "dascore_analysis_reference.py", input: CommandNumericsTests.input,
                                             rate: CommandNumericsTests.rate, positions: (0..<13).map { Double($0) * 2 })
        let cases: [ReferenceComparison.Case] = [
            ("rolling_mean_dascore_step", Self.one(#""name": "rolling_mean", "time": 40, "step": 7, "samples": true"#), nil)
        ]
        let report = try comparison.run(cases)
        #expect(report.count == 1)
        for (_, error, line) in report { #expect(error > 0.01 && error.isFinite, "\(line)") }
    }

    /// The real record (Silixa iDAS PRODML, 512 loci × 2500 samples at 200 Hz) read by distswift's reader; the script
    /// reads the same file with DASCore, checks the samples are the same, and compares DASCore's results.
    static func realRecord() throws -> (input: Array2D<Double>, rate: Double, positions: [Double], path: String)? {
        guard let data = TestPaths.sharedData else { return nil }
        let path = data + "/das/prodml_2.0.h5"
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let source = try RecordFormats.open(path)
        let meta = source.metadata
        let values = try source.read(samples: 0..<meta.sampleCount, as: Double.self)
        return (values, meta.samplingRateHz, meta.channelPositions, path)
    }

    static let realCases: [ReferenceComparison.Case] = [
        ("rolling_mean", one(#""name": "rolling_mean", "time": 25, "samples": true"#), 64),
        ("rolling_std_step", one(#""name": "rolling_std", "time": 20, "step": 25, "samples": true"#), nil),
        ("rolling_median_step", one(#""name": "rolling_median", "time": 50, "step": 60, "samples": true"#), nil),
        ("rolling_max_step", one(#""name": "rolling_max", "time": 40, "step": 9, "samples": true"#), nil),
        ("stalta", #"{"command_list": [\#(absFirst){"name": "stalta", "uid": 2, "in_uid": 1, "time": [10, 50], "samples": true}]}"#, nil),
        ("envelope", one(#""name": "envelope", "dim": "time""#), nil),
        ("dft_real", one(#""name": "dft", "real": true"#), nil),
    ]

    @Test("on a real PRODML record read by both: rolling statistics, stalta, envelope and dft equal DASCore's to 1e-9",
          .enabled(if: TestPaths.sharedData != nil, "needs ../shared/data (the real DAS files)"))
    func realRecordAgainstDASCore() throws {
        let record = try #require(try Self.realRecord())
        var comparison = ReferenceComparison(script: "dascore_analysis_reference.py", input: record.input,
                                             rate: record.rate, positions: record.positions)
        comparison.source = record.path
        let report = try comparison.run(Self.realCases)
        for (_, error, line) in report { #expect(error <= 1e-9, "\(line)") }
        #expect(report.count == Self.realCases.count)
    }
}
