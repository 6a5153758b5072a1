import DistSwiftCalc
import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// stft, istft and spectrogram (issue 19) against DASCore 0.1.24 itself and scipy.signal.spectrogram, which DASCore's
/// spectrogram wraps (Tests/reference/dascore_timefrequency_reference.py), on synthetic data and a real PRODML
/// record: values to 1e-9 of the largest reference value (float64), frequency axes in Hz to 1e-9, window times in
/// UTC to the nanosecond. istft gives the input back to 1e-9 (both DASCore's round trip and the input itself).
@Suite("stft, istft and spectrogram against DASCore 0.1.24 and scipy",
       .enabled(if: PythonReference.isAvailable && (try? PythonReference.run("import dascore, scipy"))?.status == 0,
                "needs python3 with dascore 0.1.24, numpy and scipy (scripts/setup.sh --tests installs them)"))
struct TimeFrequencyTests {
    static func one(_ command: String) -> String {
        #"{"command_list": [{"uid": 1, "in_uid": 0, "# + command + "}]}"
    }

    static func roundTrip(_ stft: String) -> String {
        #"{"command_list": [{"uid": 1, "in_uid": 0, "name": "stft", "# + stft
            + #"}, {"name": "istft", "uid": 2, "in_uid": 1}]}"#
    }

    static let synthetic: [ReferenceComparison.Case] = [
        ("stft", one(#""name": "stft", "time": 0.05"#), nil),
        ("stft_samples", one(#""name": "stft", "time": 64, "overlap": 16, "samples": true, "taper_window": "boxcar""#), 5),
        ("stft_tukey", one(#""name": "stft", "time": 0.033, "overlap": "25%", "taper_window": ["tukey", 0.1]"#), nil),
        ("stft_odd", one(#""name": "stft", "time": 33, "overlap": 11, "samples": true, "taper_window": "hamming""#), nil),
        ("stft_no_overlap", one(#""name": "stft", "time": 40, "overlap": 0, "samples": true, "taper_window": "boxcar""#), nil),
        ("stft_detrend", one(#""name": "stft", "time": 0.05, "detrend": true"#), nil),
        ("stft_blackman", one(#""name": "stft", "dim": "time", "time": 0.1, "overlap": 0.08, "taper_window": "blackman""#), nil),
        ("istft", roundTrip(#""time": 0.05"#), nil),
        ("istft_odd", roundTrip(#""time": 33, "overlap": 11, "samples": true, "taper_window": "hamming""#), 4),
        ("istft_boxcar", roundTrip(#""time": 40, "overlap": 0, "samples": true, "taper_window": "boxcar""#), nil),
        ("spectrogram", one(#""name": "spectrogram", "dim": "time""#), nil),
        ("spectrogram_hann", one(#""name": "spectrogram", "window": "hann", "nperseg": 50, "noverlap": 25, "scaling": "spectrum""#), 6),
        ("spectrogram_linear", one(#""name": "spectrogram", "window": ["tukey", 0.5], "nperseg": 64, "noverlap": 10, "nfft": 100, "detrend": "linear""#), nil),
        ("spectrogram_plain", one(#""name": "spectrogram", "window": "blackman", "nperseg": 31, "noverlap": 0, "detrend": false"#), nil),
    ]

    @Test("stft (windows, overlaps, detrend), istft (round trip) and spectrogram equal DASCore's and scipy's to 1e-9, axes included")
    func syntheticAgainstDASCore() throws {
        let comparison = ReferenceComparison(script: "dascore_timefrequency_reference.py", input: CommandNumericsTests.input,
                                             rate: CommandNumericsTests.rate, positions: (0..<13).map { Double($0) * 2 })
        try comparison.expectAgreement(Self.synthetic, within: 1e-9)
    }

    /// stft and spectrogram in a float32 graph (their float32 kernels: FFTW's float transforms; istft after them
    /// has none and widens) against DASCore and scipy on the same float32 samples, which they transform in float32.
    /// Tolerance 1e-5 of the largest reference value (float32 carries 6e-8 relative per value).
    @Test("in a float32 graph stft, istft of it and spectrogram equal DASCore's and scipy's on float32 data to 1e-5")
    func float32AgainstDASCore() throws {
        let comparison = ReferenceComparison(script: "dascore_timefrequency_reference.py", input: CommandNumericsTests.input,
                                             rate: CommandNumericsTests.rate, positions: (0..<13).map { Double($0) * 2 })
        try comparison.expectAgreement(Self.synthetic, within: 1e-5, precision: .float32)
    }

    static let realCases: [ReferenceComparison.Case] = [
        ("real_stft", one(#""name": "stft", "time": 1.0"#), 100),
        ("real_istft", roundTrip(#""time": 1.0"#), nil),
        ("real_spectrogram", one(#""name": "spectrogram", "nperseg": 128, "noverlap": 64"#), nil),
    ]

    @Test("on a real PRODML record read by both: stft, istft and spectrogram equal DASCore's to 1e-9",
          .enabled(if: TestPaths.sharedData != nil, "needs ../shared/data (the real DAS files)"))
    func realRecordAgainstDASCore() throws {
        let record = try #require(try DASCoreAnalysisTests.realRecord())
        var comparison = ReferenceComparison(script: "dascore_timefrequency_reference.py", input: record.input,
                                             rate: record.rate, positions: record.positions)
        comparison.source = record.path
        let report = try comparison.run(Self.realCases)
        for (_, error, line) in report { #expect(error <= 1e-9, "\(line)") }
        #expect(report.count == Self.realCases.count)
    }
}

/// The 3-D edge: its axes and units, and the validation that keeps it out of 2-D commands.
@Suite("Time–frequency edges: axes, units and validation")
struct TimeFrequencyEdgeTests {
    static let harness = GraphHarness(rate: 1000, positions: (0..<13).map { Double($0) * 2 },
                                      results: try! LocalStorage(root: TemporaryFolder().path))

    @Test("stft's output is distance × frequency (Hz) × window time (UTC centres); its data are the data's units·s; istft restores the time axis and units")
    func axesAndUnits() throws {
        let input = CommandNumericsTests.input
        let (values, axes) = try Self.harness.runWithAxes(
            TimeFrequencyTests.one(#""name": "stft", "time": 0.05"#), input: input)
        let third = try #require(axes.third)
        #expect(axes.kind == .timeFrequency)
        #expect(axes.rows.dimension == .distance && axes.rows.count == 13)
        #expect(axes.columns.dimension == .frequency && axes.columns.units == "Hz")
        #expect(axes.columns.values == (0...25).map { Double($0) * 20 })  // 50-sample windows at 1 kHz
        #expect(third.dimension == .time && third.count == 17)
        // Window p is centred on sample 25·p: UTC start + 25 ms · p.
        #expect(third.timesNs == (0..<17).map { 1_704_067_200_000_000_000 + Int64($0) * 25_000_000 })
        #expect(values.columns == 26 * 17 && values.isComplex)
        let back = try Self.harness.runWithAxes(TimeFrequencyTests.roundTrip(#""time": 0.05"#), input: input).axes
        #expect(back.third == nil && back.columns.dimension == .time && back.columns.count == 400)
        #expect(back.kind == .timeSeries)

        var units = Axes.chunk(positions: [0, 1], segmentOriginNs: 0, rateHz: 1000, firstSample: 0, samples: 400, units: "1/s")
        let stft = try STFTCommand(ParameterValues(["time": .number(0.05), "overlap": .string("50%"),
                                                    "taper_window": .string("hann"), "samples": .bool(false),
                                                    "detrend": .bool(false), "dim": .string("time")]))
        units = stft.outputAxes([units])
        #expect(units.units == "1/s·s")
        #expect(try ISTFTCommand(ParameterValues([:])).outputAxes([units]).units == "1/s")
        let (_, spectrogram) = try Self.harness.runWithAxes(
            TimeFrequencyTests.one(#""name": "spectrogram", "nperseg": 50, "noverlap": 25"#), input: input)
        // Windows start every 25 samples; their times are the centres, 25 samples in.
        #expect(spectrogram.third?.timesNs?.prefix(3) == [1_704_067_200_025_000_000, 1_704_067_200_050_000_000,
                                                           1_704_067_200_075_000_000])
        #expect(spectrogram.columns.values?.last == 500)
    }

    @Test("abs of an stft stays 3-D; BOX_SIZE blocks equal the whole fibre")
    func pointwiseAndBlocks() throws {
        let input = CommandNumericsTests.input
        let graph = #"{"command_list": [{"name": "stft", "uid": 1, "in_uid": 0, "time": 0.03}, {"name": "abs", "uid": 2, "in_uid": 1}]}"#
        let whole = try Self.harness.runWithAxes(graph, input: input)
        let blocks = try Self.harness.runWithAxes(graph, input: input, box: 4)
        #expect(whole.axes.third != nil && whole.axes.kind == .timeFrequency)
        guard case .real(let a) = whole.output, case .real(let b) = blocks.output else {
            Issue.record("abs gave complex values")
            return
        }
        #expect(a.values == b.values)
    }

    @Test("a 3-D edge into a 2-D command, istft of what it cannot invert and bad stft/spectrogram parameters are refused with the key and the fix")
    func refusals() throws {
        func refused(_ graph: String, at path: String, saying words: [String]) {
            do {
                _ = try Self.harness.plan(graph)
                Issue.record("accepted: \(graph)")
            } catch let problems as GraphProblems {
                let problem = problems.problems.first { $0.path == path }
                #expect(problem != nil, "\(problems)")
                let text = (problem?.problem ?? "") + " " + (problem?.fix ?? "")
                for word in words { #expect(text.contains(word), "\(word) not in: \(problems)") }
                #expect(problem?.fix?.isEmpty == false)
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
        let stft = #"{"name": "stft", "uid": 1, "in_uid": 0, "time": 0.05"#
        refused(#"{"command_list": [\#(stft)}, {"name": "butter", "uid": 2, "in_uid": 1, "freq": 50}]}"#,
                at: "command_list[1].in_uid", saying: ["butter", "frequency × time (3-D)", "istft"])
        refused(#"{"command_list": [\#(stft)}, {"name": "add", "uid": 2, "in_uid": 1, "gather_uids": [1]}]}"#,
                at: "command_list[1].in_uid", saying: ["add", "2-D"])
        refused(#"{"command_list": [\#(stft), "detrend": true}, {"name": "istft", "uid": 2, "in_uid": 1}]}"#,
                at: "command_list[1].in_uid", saying: ["detrend", "set detrend false"])
        refused(#"{"command_list": [\#(stft), "overlap": 0}, {"name": "istft", "uid": 2, "in_uid": 1}]}"#,
                at: "command_list[1].in_uid", saying: ["NOLA", "overlap"])
        refused(#"{"command_list": [{"name": "istft", "uid": 1, "in_uid": 0}]}"#,
                at: "command_list[0].in_uid", saying: ["istft", "time series"])
        refused(#"{"command_list": [\#(stft), "overlap": "150%"}]}"#, at: "command_list[0].overlap", saying: ["150%"])
        refused(#"{"command_list": [\#(stft), "overlap": 0.05}]}"#, at: "command_list[0].overlap", saying: ["no step"])
        refused(#"{"command_list": [\#(stft), "taper_window": "kaiser"}]}"#, at: "command_list[0].taper_window",
                saying: ["kaiser", "hann"])
        refused(#"{"command_list": [{"name": "spectrogram", "uid": 1, "in_uid": 0, "nperseg": 64, "noverlap": 64}]}"#,
                at: "command_list[0].noverlap", saying: ["nperseg"])
        refused(#"{"command_list": [{"name": "spectrogram", "uid": 1, "in_uid": 0, "detrend": "cubic"}]}"#,
                at: "command_list[0].detrend", saying: ["linear"])
        refused(#"{"command_list": [{"name": "spectrogram", "uid": 1, "in_uid": 0, "nperseg": 64, "nfft": 32}]}"#,
                at: "command_list[0].nfft", saying: ["64"])
    }
}
