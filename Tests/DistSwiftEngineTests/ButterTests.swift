import DistSwiftCalc
import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// scipy is the reference for the Butterworth design and sosfiltfilt (scripts/setup.sh installs it with numpy).
private let scipyAvailable: Bool =
    PythonReference.isAvailable && (try? PythonReference.run("import scipy"))?.status == 0

@Suite("Butter: Butterworth second-order sections and zero-phase filtering")
struct ButterTests {
    /// One filter configuration, as the command's parameters and as the reference script's case.
    struct Case: CustomStringConvertible {
        var order: Int
        var type: String
        var freq: [Double]
        var padtype: String
        var axis = 1
        /// The reference is scipy's computation in long double instead of scipy's float64 result.
        var extended = false

        var description: String { "\(type) order \(order) freq \(freq) padtype \(padtype) axis \(axis)" }
    }

    /// Sines from near DC to near Nyquist, an offset and a trend (so the pad types differ), and a deterministic
    /// pseudo-random sequence (a 64-bit LCG), different on every row.
    static func testSignal(rows: Int, columns: Int) -> Array2D<Double> {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var values = [Double]()
        for r in 0..<rows {
            for t in 0..<columns {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let noise = Double(state >> 11) / Double(1 << 53) - 0.5
                let time = Double(t), row = Double(r)
                values.append(sin(2 * .pi * 0.0013 * time + row) + 0.8 * sin(2 * .pi * 0.013 * time + 0.3 * row)
                              + 0.5 * sin(2 * .pi * 0.21 * time) + 0.2 * sin(2 * .pi * 0.43 * time + 1)
                              + 0.4 + 0.0007 * time + 0.3 * noise)
            }
        }
        return Array2D(rows: rows, columns: columns, values: values)
    }

    static func parameters(_ c: Case) -> ParameterValues {
        ParameterValues([
            "order": .number(Double(c.order)), "type": .string(c.type),
            "freq": c.freq.count == 1 ? .number(c.freq[0]) : .array(c.freq.map { .number($0) }),
            "padtype": .string(c.padtype), "axis": .number(Double(c.axis)),
        ])
    }

    static func run(_ c: Case, on data: Array2D<Double>, rate: Double, positions: [Double],
                    results: TemporaryFolder) throws -> Array2D<Double> {
        let command = try ButterCommand(parameters(c))
        let context = ChunkContext(samplingRateHz: rate, startTimeNs: 0, name: "t", channelPositions: positions,
                                   results: LocalStorage(root: results.path), backend: CPUBackend())
        let out = try command.execute([.real(data)], context: context)
        guard case .real(let values) = out else {
            Issue.record("butter returned a complex signal")
            return Array2D(rows: 0, columns: 0, values: [])
        }
        return values
    }

    /// Runs the reference script on `data` for `cases` (wn as the command normalises it); returns each case's
    /// output, distpy's 'ba' deviation and, for extended cases, scipy's own error.
    static func reference(_ data: Array2D<Double>, _ cases: [(Case, wn: [Double])], folder: TemporaryFolder)
        throws -> [(values: [Double], baDeviation: Double, scipyError: Double?)]
    {
        let signalPath = folder.file("signal.f64"), outPath = folder.file("out.f64")
        try data.values.withUnsafeBytes { Data($0) }.write(to: URL(fileURLWithPath: signalPath))
        let caseList: [[String: Any]] = cases.map { c, wn in
            ["order": c.order, "type": c.type, "wn": wn, "padtype": c.padtype, "axis": c.axis, "extended": c.extended]
        }
        let json = try JSONSerialization.data(withJSONObject: ["rows": data.rows, "columns": data.columns,
                                                               "cases": caseList])
        let casesPath = try folder.write("cases.json", String(decoding: json, as: UTF8.self))
        let script = try String(contentsOfFile: TestPaths.packageRoot + "/Tests/reference/butter_reference.py",
                                encoding: .utf8)
        let stdout = try PythonReference.check(script, arguments: [signalPath, casesPath, outPath])
        let lines = stdout.split(separator: "\n").map { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
        }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: outPath))
        let all = bytes.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
        let size = data.values.count
        #expect(all.count == size * cases.count && lines.count == cases.count)
        return (0..<cases.count).map {
            (Array(all[($0 * size)..<(($0 + 1) * size)]), lines[$0]["ba_deviation"] as? Double ?? .infinity,
             lines[$0]["scipy_error"] as? Double)
        }
    }

    /// max |a − b| / max |b|.
    static func relativeError(_ a: [Double], _ b: [Double]) -> Double {
        let scale = b.map(abs).max() ?? 0
        return zip(a, b).map { abs($0 - $1) }.max()! / scale
    }

    @Test("equals scipy's sosfiltfilt(butter(N, Wn, type, output='sos')) for every type, order, Wn and pad type",
          .enabled(if: PythonReference.isAvailable && scipyAvailable,
                   "needs python3 with numpy and scipy (scripts/setup.sh installs them)"))
    func matchesScipy() throws {
        let folder = try TemporaryFolder("butter")
        let rate = 1000.0, nyquist = rate / 2
        let data = Self.testSignal(rows: 2, columns: 1000)
        let single: [[Double]] = [[0.002], [0.01], [0.1], [0.45], [0.9]]
        let pairs: [[Double]] = [[0.01, 0.05], [0.1, 0.4], [0.3, 0.9], [0.02, 0.6]]
        var cases: [(Case, wn: [Double])] = []
        for order in [1, 4, 5, 8] {
            for padtype in ["even", "odd", "constant"] {
                let grid = [("lowpass", single), ("highpass", single), ("bandpass", pairs), ("bandstop", pairs)]
                for (type, wns) in grid {
                    for wn in wns {
                        let freq = wn.map { $0 * nyquist }
                        // The reference gets Wn exactly as the command computes it from freq.
                        cases.append((Case(order: order, type: type, freq: freq, padtype: padtype),
                                      freq.map { $0 / (rate / 2) }))
                    }
                }
            }
        }
        let reference = try Self.reference(data, cases, folder: folder)
        var worst = (error: 0.0, at: "")
        for ((c, _), expected) in zip(cases, reference) {
            let out = try Self.run(c, on: data, rate: rate, positions: [0, 1], results: folder)
            let error = Self.relativeError(out.values, expected.values)
            #expect(error <= 1e-9, "\(c): relative error \(error)")
            if error > worst.error { worst = (error, c.description) }
        }
        print("butter vs scipy sosfiltfilt: \(cases.count) cases, worst relative error \(worst.error) (\(worst.at))")

        // Why sections: at order 8 and Wn = 0.002 distpy's transfer-function route has a pole outside the unit
        // circle and diverges, while the sections above still match.
        func baDeviation(lowpassAt wn: Double) -> Double? {
            zip(cases, reference).first {
                $0.0.0.order == 8 && $0.0.0.type == "lowpass" && $0.0.0.freq == [wn * nyquist]
                    && $0.0.0.padtype == "even"
            }?.1.baDeviation
        }
        print("distpy's output='ba' + filtfilt, order 8 lowpass, relative to the sections: "
              + "Wn 0.01: \(baDeviation(lowpassAt: 0.01) ?? .nan), Wn 0.002: \(baDeviation(lowpassAt: 0.002) ?? .nan)")
        #expect(baDeviation(lowpassAt: 0.002).map { $0 > 1 } == true, "output='ba' + filtfilt should diverge here")
    }

    /// A bandstop of order 8 from Wn 0.005 to 0.6 has sections with poles 0.003 from z = 1 and DC gains near 170
    /// that the first section cancels: float64 rounding in the recursion alone moves the output by ~1e-8 (scipy
    /// itself changes by 2.5e-8 when three coefficients move by one ulp), so no float64 implementation can agree
    /// with scipy to 1e-9 here. The reference is the exact computation in long double; distswift must be at least
    /// about as close to it as scipy is.
    @Test("an ill-conditioned filter is as accurate as scipy's against a long-double computation",
          .enabled(if: PythonReference.isAvailable && scipyAvailable,
                   "needs python3 with numpy and scipy (scripts/setup.sh installs them)"))
    func illConditioned() throws {
        let folder = try TemporaryFolder("butter")
        let rate = 1000.0
        let data = Self.testSignal(rows: 1, columns: 1000)
        let cases = ["even", "odd", "constant"].map { padtype in
            (Case(order: 8, type: "bandstop", freq: [2.5, 300], padtype: padtype, extended: true),
             wn: [2.5 / (rate / 2), 300 / (rate / 2)])
        }
        let reference = try Self.reference(data, cases, folder: folder)
        for ((c, _), exact) in zip(cases, reference) {
            let out = try Self.run(c, on: data, rate: rate, positions: [0, 1], results: folder)
            let error = Self.relativeError(out.values, exact.values)
            let scipyError = try #require(exact.scipyError)
            print("butter \(c): error against long double \(error), scipy's \(scipyError)")
            #expect(error <= max(1e-9, 3 * scipyError), "\(c): \(error) against scipy's \(scipyError)")
        }
    }

    @Test("axis 0 filters along channels: equal to filtering the transposed data along time at fs = 1/dx, and to scipy",
          .enabled(if: PythonReference.isAvailable && scipyAvailable,
                   "needs python3 with numpy and scipy (scripts/setup.sh installs them)"))
    func alongChannels() throws {
        let folder = try TemporaryFolder("butter")
        let channels = 120, samples = 30, dx = 2.0
        let data = Self.testSignal(rows: channels, columns: samples)
        let positions = (0..<channels).map { 100 + Double($0) * dx }
        var transposed = [Double](repeating: 0, count: data.values.count)
        for r in 0..<channels { for c in 0..<samples { transposed[c * channels + r] = data[r, c] } }
        let along = Array2D(rows: samples, columns: channels, values: transposed)

        // Spatial Nyquist 1/(2·dx) = 0.25 cycles/m.
        let cases = [Case(order: 5, type: "lowpass", freq: [0.05], padtype: "even", axis: 0),
                     Case(order: 4, type: "bandpass", freq: [0.02, 0.1], padtype: "odd", axis: 0),
                     Case(order: 3, type: "highpass", freq: [0.2], padtype: "constant", axis: 0)]
        var worst = 0.0
        let reference = try Self.reference(data, cases.map { ($0, $0.freq.map { 2 * $0 * dx }) }, folder: folder)
        for (c, expected) in zip(cases, reference) {
            let out = try Self.run(c, on: data, rate: 1000, positions: positions, results: folder)
            var inTime = c
            inTime.axis = 1
            let viaTime = try Self.run(inTime, on: along, rate: 1 / dx, positions: Array(positions[0..<samples]),
                                       results: folder)
            for r in 0..<channels {
                for s in 0..<samples { #expect(out[r, s] == viaTime[s, r], "\(c) at channel \(r), sample \(s)") }
            }
            let error = Self.relativeError(out.values, expected.values)
            worst = max(worst, error)
            #expect(error <= 1e-9, "\(c): relative error against scipy with Wn = 2·freq·dx: \(error)")
        }
        print("butter axis 0 vs scipy sosfiltfilt(axis=0): worst relative error \(worst)")
    }

    @Test("a row not longer than padlen is a clear error, as are complex input and too few channels for axis 0")
    func tooShort() throws {
        let folder = try TemporaryFolder("butter")
        // Order 5 lowpass: 3 sections, one first-order → padlen 3·(2·3 + 1 − 1) = 18.
        let lowpass = Case(order: 5, type: "lowpass", freq: [50], padtype: "even")
        #expect(throws: Never.self) {
            _ = try Self.run(lowpass, on: Self.testSignal(rows: 3, columns: 19), rate: 1000, positions: [0, 1, 2],
                             results: folder)
        }
        do {
            _ = try Self.run(lowpass, on: Self.testSignal(rows: 3, columns: 18), rate: 1000, positions: [0, 1, 2],
                             results: folder)
            Issue.record("an 18-sample row should not filter with padlen 18")
        } catch let error as CommandError {
            #expect(error.command == "butter")
            #expect(error.problem.contains("18 samples") && error.problem.contains("padlen = 18"), "\(error)")
        }
        // Order 5 bandpass: 5 sections → padlen 33, along channels.
        let band = Case(order: 5, type: "bandpass", freq: [0.05, 0.1], padtype: "even", axis: 0)
        do {
            _ = try Self.run(band, on: Self.testSignal(rows: 33, columns: 50), rate: 1000,
                             positions: (0..<33).map(Double.init), results: folder)
            Issue.record("33 channels should not filter along channels with padlen 33")
        } catch let error as CommandError {
            #expect(error.problem.contains("33 values along channels") && error.problem.contains("padlen = 33"),
                    "\(error)")
        }
        do {
            _ = try Self.run(band, on: Self.testSignal(rows: 40, columns: 50), rate: 1000, positions: [0],
                             results: folder)
            Issue.record("axis 0 needs two channel positions")
        } catch let error as CommandError {
            #expect(error.problem.contains("at least 2 channel positions"), "\(error)")
        }
        let command = try ButterCommand(Self.parameters(lowpass))
        let context = ChunkContext(samplingRateHz: 1000, startTimeNs: 0, name: "t", channelPositions: [0],
                                   results: LocalStorage(root: folder.path), backend: CPUBackend())
        let complex = ComplexArray2D(rows: 1, columns: 40, real: Array(repeating: 1, count: 40),
                                     imaginary: Array(repeating: 0, count: 40))
        #expect(throws: CommandError.self) { _ = try command.execute([.complex(complex)], context: context) }
    }

    @Test("wrong freq counts, unordered or non-positive bands and frequencies at or above Nyquist name freq")
    func parameterProblems() throws {
        func initProblem(_ c: Case) -> ParameterProblem? {
            do {
                _ = try ButterCommand(Self.parameters(c))
                return nil
            } catch let problem as ParameterProblem {
                return problem
            } catch {
                return nil
            }
        }
        for bad in [Case(order: 4, type: "bandpass", freq: [10], padtype: "even"),
                    Case(order: 4, type: "bandstop", freq: [10, 20, 30], padtype: "even"),
                    Case(order: 4, type: "lowpass", freq: [10, 20], padtype: "even"),
                    Case(order: 4, type: "highpass", freq: [10, 20], padtype: "even"),
                    Case(order: 4, type: "bandpass", freq: [20, 10], padtype: "even"),
                    Case(order: 4, type: "lowpass", freq: [0], padtype: "even"),
                    Case(order: 4, type: "lowpass", freq: [-5], padtype: "even")] {
            let problem = initProblem(bad)
            #expect(problem?.parameter == "freq", "\(bad): \(String(describing: problem))")
            #expect(problem?.fix != nil, "\(bad)")
        }
        #expect(initProblem(Case(order: 0, type: "lowpass", freq: [10], padtype: "even"))?.parameter == "order")

        let time = try ButterCommand(Self.parameters(Case(order: 4, type: "bandpass", freq: [100, 600],
                                                          padtype: "even")))
        #expect(time.check(GraphContext()).isEmpty, "without a rate nothing can be checked")
        let problems = time.check(GraphContext(samplingRateHz: 1000))
        #expect(problems.count == 1 && problems.allSatisfy { $0.parameter == "freq" })
        #expect(problems.first.map { $0.problem.contains("600") && $0.problem.contains("500") } == true,
                "\(problems.map(\.problem))")
        #expect(time.check(GraphContext(samplingRateHz: 1200)).count == 1, "600 Hz is Nyquist at 1200 Hz")
        #expect(time.check(GraphContext(samplingRateHz: 1201)).isEmpty)

        // Along channels the Nyquist is 1/(2·dx): 0.25 cycles/m at 2 m, whatever the sampling rate.
        let space = try ButterCommand(Self.parameters(Case(order: 4, type: "lowpass", freq: [0.3], padtype: "even",
                                                           axis: 0)))
        let spatial = space.check(GraphContext(samplingRateHz: 1000, channelSpacingM: 2))
        #expect(spatial.count == 1 && spatial[0].parameter == "freq" && spatial[0].problem.contains("0.25"),
                "\(spatial.map(\.problem))")
        #expect(space.check(GraphContext(samplingRateHz: 1000, channelSpacingM: 1)).isEmpty)
        #expect(space.check(GraphContext(samplingRateHz: 1000)).isEmpty, "unknown spacing: nothing to check")
    }

    @Test("the design: unit gain in the pass band, zero at the stop end, scipy's section counts and padlen")
    func designProperties() {
        /// |H(e^{iω})| of the cascade.
        func gain(_ sos: SecondOrderSections, _ omega: Double) -> Double {
            sos.sections.reduce(1.0) { product, s in
                let (c1, s1, c2, s2) = (cos(omega), -sin(omega), cos(2 * omega), -sin(2 * omega))
                let nr = s.b0 + s.b1 * c1 + s.b2 * c2, ni = s.b1 * s1 + s.b2 * s2
                let dr = 1 + s.a1 * c1 + s.a2 * c2, di = s.a1 * s1 + s.a2 * s2
                return product * ((nr * nr + ni * ni) / (dr * dr + di * di)).squareRoot()
            }
        }
        for order in 1...10 {
            let low = Butterworth.sections(order: order, cutoffs: [0.01], band: .lowpass)
            let high = Butterworth.sections(order: order, cutoffs: [0.3], band: .highpass)
            let pass = Butterworth.sections(order: order, cutoffs: [0.1, 0.4], band: .bandpass)
            let stop = Butterworth.sections(order: order, cutoffs: [0.1, 0.4], band: .bandstop)
            #expect(abs(gain(low, 0) - 1) < 1e-9 && gain(low, .pi) < 1e-9, "lowpass order \(order)")
            #expect(abs(gain(high, .pi) - 1) < 1e-9 && gain(high, 0) < 1e-9, "highpass order \(order)")
            // −3 dB (1/√2) at the cut-off, the Butterworth definition.
            #expect(abs(gain(low, 0.01 * .pi) - 0.5.squareRoot()) < 1e-9, "lowpass order \(order) at cut-off")
            #expect(abs(gain(pass, (0.1 * 0.4).squareRoot() * .pi) - 1) < 0.05, "bandpass order \(order) centre")
            #expect(gain(pass, 0) < 1e-9 && gain(stop, 0) > 1 - 1e-9, "band filters order \(order) at DC")
            #expect(low.sections.count == (order + 1) / 2 && pass.sections.count == order)
            // scipy: 3·(2·sections + 1 − first-order sections).
            #expect(low.defaultPadLength == 3 * (2 * ((order + 1) / 2) + 1 - order % 2))
            #expect(pass.defaultPadLength == 3 * (2 * order + 1))
        }
        #expect(Butterworth.sections(order: 5, cutoffs: [0.2], band: .lowpass).defaultPadLength == 18)
    }
}

