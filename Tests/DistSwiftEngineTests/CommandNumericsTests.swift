import DistSwiftCalc
import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// Every core command against numpy/scipy (Tests/reference/command_reference.py computes each case from its
/// definition, independently of distswift). Tolerance: 1e-9 relative to the largest reference value, float64.
@Suite("Command numerics against numpy/scipy",
       .enabled(if: PythonReference.isAvailable && (try? PythonReference.run("import scipy"))?.status == 0,
                "needs python3 with numpy and scipy (scripts/setup.sh installs them)"))
struct CommandNumericsTests {
    static let rate = 1000.0
    /// 13 channels × 400 samples: sines at 30, 90 and 200 Hz with channel-dependent phases plus LCG noise.
    static let input: Array2D<Double> = {
        var state: UInt64 = 42
        var values: [Double] = []
        for c in 0..<13 {
            for t in 0..<400 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let noise = Double(state >> 11) / Double(1 << 53) - 0.5
                let time = Double(t) / rate
                values.append(sin(2 * .pi * 30 * time + Double(c)) + 0.5 * sin(2 * .pi * 90 * time)
                              + 0.25 * cos(2 * .pi * 200 * time + 0.3 * Double(c)) + 0.1 * noise + 0.05 * Double(c))
            }
        }
        return Array2D(rows: 13, columns: 400, values: values)
    }()

    static func graph(_ entries: String) -> String { #"{"command_list": ["# + entries + "]}" }

    static let cases: [(name: String, graph: String, box: Int?)] = [
        ("fft1", graph(#"{"name": "fft", "uid": 1, "in_uid": 0}"#), nil),
        ("fft0", graph(#"{"name": "fft", "uid": 1, "in_uid": 0, "axis": 0}"#), nil),
        ("ifft_roundtrip", graph(#"{"name": "fft", "uid": 1, "in_uid": 0}, {"name": "ifft", "uid": 2, "in_uid": 1}, {"name": "real", "uid": 3, "in_uid": 2}"#), nil),
        ("ifft0", graph(#"{"name": "fft", "uid": 1, "in_uid": 0}, {"name": "fft", "uid": 2, "in_uid": 1, "axis": 0}, {"name": "ifft", "uid": 3, "in_uid": 2, "axis": 0}"#), nil),
        ("rms_full", graph(#"{"name": "fft", "uid": 1, "in_uid": 0}, {"name": "rms_from_fft", "uid": 2, "in_uid": 1, "low_freq": 0, "high_freq": -1}"#), nil),
        ("rms_band", graph(#"{"name": "fft", "uid": 1, "in_uid": 0}, {"name": "rms_from_fft", "uid": 2, "in_uid": 1, "low_freq": 50, "high_freq": 150}"#), nil),
        ("te_band", graph(#"{"name": "fft", "uid": 1, "in_uid": 0}, {"name": "te_from_fft", "uid": 2, "in_uid": 1, "low_freq": 50, "high_freq": 150}"#), nil),
        ("te_bands", graph(#"{"name": "fft", "uid": 1, "in_uid": 0}, {"name": "multiple_calcs", "uid": 2, "in_uid": 1, "func": "te_from_fft", "low_freq": [0, 50, 120], "high_freq": [50, 120, -1]}"#), nil),
        ("te_bands_blocks", graph(#"{"name": "fft", "uid": 1, "in_uid": 0}, {"name": "multiple_calcs", "uid": 2, "in_uid": 1, "func": "te_from_fft", "low_freq": [0, 50, 120], "high_freq": [50, 120, -1]}"#), 4),
        ("rms_bands", graph(#"{"name": "fft", "uid": 1, "in_uid": 0}, {"name": "multiple_calcs", "uid": 2, "in_uid": 1, "func": "rms_from_fft", "low_freq": [0, 120], "high_freq": [50, 0]}"#), nil),
        ("abs_fft", graph(#"{"name": "fft", "uid": 1, "in_uid": 0}, {"name": "abs", "uid": 2, "in_uid": 1}"#), nil),
        ("real_fft", graph(#"{"name": "fft", "uid": 1, "in_uid": 0}, {"name": "real", "uid": 2, "in_uid": 1}"#), nil),
        ("mean1", graph(#"{"name": "mean", "uid": 1, "in_uid": 0}"#), nil),
        ("mean0", graph(#"{"name": "mean", "uid": 1, "in_uid": 0, "axis": 0}"#), nil),
        ("sum1", graph(#"{"name": "sum", "uid": 1, "in_uid": 0, "axis": 1}"#), nil),
        ("sum0", graph(#"{"name": "sum", "uid": 1, "in_uid": 0, "axis": 0}"#), nil),
        ("std1", graph(#"{"name": "std_dev", "uid": 1, "in_uid": 0}"#), nil),
        ("std0", graph(#"{"name": "std_dev", "uid": 1, "in_uid": 0, "axis": 0}"#), nil),
        ("diff1", graph(#"{"name": "diff", "uid": 1, "in_uid": 0}"#), nil),
        ("diff0", graph(#"{"name": "diff", "uid": 1, "in_uid": 0, "axis": 0}"#), nil),
        ("diff2", graph(#"{"name": "diff", "uid": 1, "in_uid": 0, "window_length": 2, "axis": 1}"#), nil),
        ("approx_vlf", graph(#"{"name": "approx_vlf", "uid": 1, "in_uid": 0}"#), nil),
        ("downsample", graph(#"{"name": "downsample", "uid": 1, "in_uid": 0, "xsample": 3, "tsample": 2}"#), nil),
        ("gather", graph(#"{"name": "mean", "uid": 1, "in_uid": 0}, {"name": "std_dev", "uid": 2, "in_uid": 0}, {"name": "gather", "uid": 3, "in_uid": 1, "gather_uids": [2]}"#), 5),
    ]

    @Test("each command equals its numpy/scipy definition to 1e-9 (band energies by Parseval = time-domain band-pass energy; channel blocks change nothing)")
    func againstReference() throws {
        let report = try runAgainstReference(Self.cases, precision: .float64)
        var seen = Set<String>()
        for (name, error, line) in report {
            seen.insert(name)
            #expect(error <= 1e-9, "\(line)")
        }
        #expect(seen == Set(Self.cases.map(\.name)))
    }

    /// The float32 path (chunk read as float32, FFTW's float transform, energies summed in float64) against the
    /// same float64 numpy reference. Its error is float32 rounding of the input and of the transform: a few 1e-7 of
    /// the largest value; 1e-5 leaves a factor of ~10 of margin.
    static let singlePrecisionCases = ["fft1", "rms_full", "rms_band", "te_band", "te_bands", "te_bands_blocks",
                                       "rms_bands", "abs_fft", "ifft_roundtrip"]

    @Test("the float32 path agrees with numpy's float64 results to 1e-5 of the largest value; band energies to 1e-4 each")
    func singlePrecisionAgainstReference() throws {
        let cases = Self.cases.filter { Self.singlePrecisionCases.contains($0.name) }
        let report = try runAgainstReference(cases, precision: .float32)
        #expect(Set(report.map(\.name)) == Set(Self.singlePrecisionCases))
        for (_, error, line) in report { #expect(error <= 1e-5, "\(line)") }

        // Each band energy on its own (not relative to the largest one): the noise log's quiet bands matter too.
        let harness = GraphHarness(rate: Self.rate, positions: (0..<13).map { Double($0) * 2 },
                                   results: try LocalStorage(root: try TemporaryFolder().path))
        let bands = Self.cases.first { $0.name == "te_bands" }!.graph
        guard case .real(let single) = try harness.run(bands, input: Self.input, precision: .float32),
              case .real(let double) = try harness.run(bands, input: Self.input, precision: .float64) else {
            Issue.record("band energies are not real")
            return
        }
        let worst = zip(single.values, double.values).map { abs($0 - $1) / abs($1) }.max()!
        #expect(worst <= 1e-4, "worst relative band-energy difference float32 vs float64: \(worst)")
    }

    /// Runs `cases` through the graph engine in `precision` against command_reference.py.
    private func runAgainstReference(_ cases: [(name: String, graph: String, box: Int?)], precision: ComputePrecision)
        throws -> [(name: String, error: Double, line: String)]
    {
        try ReferenceComparison(script: "command_reference.py", input: Self.input, rate: Self.rate,
                                positions: (0..<13).map { Double($0) * 2 }).run(cases, precision: precision)
    }
}
