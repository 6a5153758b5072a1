import DistSwiftCalc
import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// The noise log's `fft` and its band commands run as one kernel (`GraphPlan.spectrumBandFusions`,
/// `ComputeBackend.spectrumSegmentPowers`): which graphs fuse, and that the fused outputs equal the generic path's
/// (the spectrum stored, then summed by each command) to stated tolerances, in float64 and from float32 chunks.
/// Both paths are also checked against numpy (`command_reference.py`) below.
@Suite("fft + band commands fused into one kernel")
struct FusedSpectrumBandsTests {
    static let rate = 1000.0

    /// 13 channels (an odd count: the last row of a pair runs alone) × `samples`: sines at 30, 90, 200 and 500 Hz
    /// (Nyquist), an offset per channel and LCG noise — energy in DC, Nyquist and every band below.
    static func input(samples: Int) -> Array2D<Double> {
        var state: UInt64 = 7
        var values: [Double] = []
        for c in 0..<13 {
            for t in 0..<samples {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let noise = Double(state >> 11) / Double(1 << 53) - 0.5
                let time = Double(t) / rate
                values.append(sin(2 * .pi * 30 * time + Double(c)) + 0.5 * sin(2 * .pi * 90 * time)
                              + 0.25 * cos(2 * .pi * 200 * time + 0.3 * Double(c)) + 0.1 * cos(.pi * Double(t))
                              + 0.1 * noise + 0.05 * Double(c))
            }
        }
        return Array2D(rows: 13, columns: samples, values: values)
    }

    /// distpy's noise-log shape (configs/strainrate2noiselog.json less its writer): one fft read by rms_from_fft
    /// over the whole spectrum and by multiple_calcs over overlapping bands, one of them ending at Nyquist;
    /// `last` names the command whose output the harness captures.
    static func noiseLog(last: String, function: String = "te_from_fft") -> String {
        let rms = #"{"name": "rms_from_fft", "uid": 3, "in_uid": 2, "low_freq": 0, "high_freq": -1}"#
        let calcs = #"{"name": "multiple_calcs", "uid": 4, "in_uid": 2, "func": "\#(function)", "#
            + #""low_freq": [0, 50, 120, 100, 499.5], "high_freq": [50, 120, -1, 300, -1]}"#
        let readers = last == "rms_from_fft" ? [calcs, rms] : [rms, calcs]
        return #"{"command_list": [{"name": "to_gpu", "uid": 1, "in_uid": 0}, {"name": "fft", "uid": 2, "in_uid": 1}, "#
            + readers.joined(separator: ", ") + "]}"
    }

    static func harness() throws -> GraphHarness {
        GraphHarness(rate: rate, positions: (0..<13).map { Double($0) * 2 },
                     results: try LocalStorage(root: try TemporaryFolder().path))
    }

    @Test("an fft along time whose only readers are band commands fuses with them; other shapes do not")
    func whichGraphsFuse() throws {
        let harness = try Self.harness()
        let noiseLog = try harness.plan(Self.noiseLog(last: "multiple_calcs"))
        #expect(noiseLog.spectrumBandFusions == [1: [2, 3]])
        // Its bands reach 1000 Hz: validated at 10 kHz.
        let fast = GraphHarness(rate: 10_000, positions: harness.positions, results: harness.results)
        let config = try fast.plan(String(contentsOfFile: TestPaths.packageRoot + "/configs/strainrate2noiselog.json",
                                          encoding: .utf8))
        #expect(config.spectrumBandFusions == [1: [2, 3]], "distpy's noise-log graph as shipped")
        let graphs = [
            // The spectrum is also read by abs: it must be stored.
            #"{"name": "fft", "uid": 1, "in_uid": 0}, {"name": "rms_from_fft", "uid": 2, "in_uid": 1}, {"name": "abs", "uid": 3, "in_uid": 1}"#,
            // Along channels: no band reader can follow, and nothing fuses.
            #"{"name": "fft", "uid": 1, "in_uid": 0, "axis": 0}, {"name": "abs", "uid": 2, "in_uid": 1}"#,
            // An fft nobody reads but a writer.
            #"{"name": "fft", "uid": 1, "in_uid": 0}, {"name": "write_npy", "uid": 2, "in_uid": 1, "directory_out": "s"}"#,
        ]
        for entries in graphs {
            let plan = try harness.plan(#"{"command_list": ["# + entries + "]}")
            #expect(plan.spectrumBandFusions.isEmpty, "\(entries)")
        }
    }

    /// float64: the fused kernel's complex transform of two rows against FFTW's r2c of each, summed in float64 both:
    /// 1e-12 of each value (measured: at most 3e-15). float32 chunks: both transforms in float32, so each band
    /// energy carries float32 rounding of its bins: measured ~1e-7 relative for the wide bands, 1.5e-6 for the
    /// one-bin band at Nyquist (a single bin's rounding, nothing to average it); 1e-5 leaves a factor of 6.
    @Test("fused outputs equal the generic path's: 1e-12 relative in float64, 1e-5 from float32 chunks",
          arguments: [ComputePrecision.float64, .float32])
    func fusedEqualsGeneric(precision: ComputePrecision) throws {
        let harness = try Self.harness()
        let tolerance = precision == .float64 ? 1e-12 : 1e-5
        for samples in [400, 401] {
            for last in ["rms_from_fft", "multiple_calcs"] {
                for function in ["te_from_fft", "rms_from_fft"] {
                    let graph = Self.noiseLog(last: last, function: function)
                    let fused = try harness.runTimed(graph, input: Self.input(samples: samples), precision: precision)
                    let generic = try harness.runTimed(graph, input: Self.input(samples: samples), precision: precision,
                                                       fusesSpectrumBands: false)
                    #expect(fused.timing.fusedSpectrumBands == [1], "the fused kernel ran")
                    #expect(generic.timing.fusedSpectrumBands.isEmpty)
                    guard case .real(let a) = fused.output, case .real(let b) = generic.output else {
                        Issue.record("band outputs are not real")
                        continue
                    }
                    #expect(a.rows == b.rows && a.columns == b.columns)
                    let worst = zip(a.values, b.values).map { abs($0 - $1) / max(abs($1), .leastNormalMagnitude) }.max()!
                    print("fused vs generic, \(samples) samples, \(last) (\(function)), \(precision): \(worst)")
                    #expect(worst <= tolerance, "\(samples) samples, \(last) (\(function)), \(precision): \(worst)")
                    // Every band holds energy but 499.5 Hz–Nyquist at 401 samples (no bin: 498.75 Hz is the last).
                    let empty = samples % 2 == 1 && last == "multiple_calcs" ? 4 : nil
                    for r in 0..<a.rows {
                        for c in 0..<a.columns { #expect(c == empty ? a[r, c] == 0 : a[r, c] > 0, "row \(r), band \(c)") }
                    }
                }
            }
        }
    }

    @Test("a band with no bin gives 0 on both paths; channel blocks give the same values fused")
    func emptyBandsAndBlocks() throws {
        let harness = try Self.harness()
        // 200 samples at 1 kHz: bins every 5 Hz, so 101–103 Hz holds none.
        let graph = #"{"command_list": [{"name": "fft", "uid": 1, "in_uid": 0}, {"name": "multiple_calcs", "uid": 2, "in_uid": 1, "func": "te_from_fft", "low_freq": [101, 0], "high_freq": [103, -1]}]}"#
        let input = Self.input(samples: 200)
        for precision in [ComputePrecision.float64, .float32] {
            let fused = try harness.run(graph, input: input, precision: precision)
            let blocks = try harness.run(graph, input: input, box: 4, precision: precision)
            let generic = try harness.run(graph, input: input, precision: precision, fusesSpectrumBands: false)
            guard case .real(let a) = fused, case .real(let b) = generic, case .real(let c) = blocks else {
                Issue.record("band outputs are not real")
                continue
            }
            #expect((0..<a.rows).allSatisfy { a[$0, 0] == 0 && b[$0, 0] == 0 }, "the empty band")
            #expect(a.values == c.values, "channel blocks of 4 rows pair the same rows as the whole chunk")
            let worst = zip(a.values, b.values).filter { $1 != 0 }.map { abs($0 - $1) / abs($1) }.max()!
            #expect(worst <= (precision == .float64 ? 1e-12 : 1e-5), "\(precision): \(worst)")
        }
    }
}

/// The band cases of `CommandNumericsTests` (which now run fused: fft followed by one band command) again with the
/// fusion off, so the generic path stays checked against numpy too.
@Suite("the generic spectrum + band path against numpy",
       .enabled(if: PythonReference.isAvailable && (try? PythonReference.run("import scipy"))?.status == 0,
                "needs python3 with numpy and scipy (scripts/setup.sh installs them)"))
struct GenericSpectrumBandsReferenceTests {
    static let bandCases = ["rms_full", "rms_band", "te_band", "te_bands", "te_bands_blocks", "rms_bands"]

    @Test("fusion off: band energies equal numpy's to 1e-9 (float64) and 1e-5 of the largest value (float32)")
    func genericAgainstReference() throws {
        var comparison = ReferenceComparison(script: "command_reference.py", input: CommandNumericsTests.input,
                                             rate: CommandNumericsTests.rate,
                                             positions: (0..<13).map { Double($0) * 2 })
        comparison.fusesSpectrumBands = false
        let cases = CommandNumericsTests.cases.filter { Self.bandCases.contains($0.name) }
        try comparison.expectAgreement(cases, within: 1e-9)
        try comparison.expectAgreement(cases, within: 1e-5, precision: .float32)
    }
}
