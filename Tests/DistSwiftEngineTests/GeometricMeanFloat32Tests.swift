import DistSwiftCalc
import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// `geometric_mean` in a float32 graph (its float32 kernel: LogSumKernels) against scipy.stats.gmean on the same
/// float32 values (Tests/reference/catalogue_reference.py), and its float64 graph unchanged by the kernel.
@Suite("geometric_mean in float32 graphs",
       .enabled(if: PythonReference.isAvailable && (try? PythonReference.run("import scipy"))?.status == 0,
                "needs python3 with numpy and scipy (scripts/setup.sh installs them)"))
struct GeometricMeanFloat32Tests {
    static func graph(axis: Int) -> String {
        #"{"precision": "float32", "command_list": [{"name": "abs", "uid": 1, "in_uid": 0}, "#
            + #"{"name": "geometric_mean", "uid": 2, "in_uid": 1, "axis": \#(axis)}]}"#
    }

    static func comparison() -> ReferenceComparison {
        ReferenceComparison(script: "catalogue_reference.py", input: CommandNumericsTests.input,
                            rate: CommandNumericsTests.rate, positions: (0..<13).map { Double($0) * 2 })
    }

    // The float32 result is the float64 gmean of the float32 values rounded to float32 (half an ulp: 6e-8 of it,
    // the products' rounding is ~1e-16); numpy's own float32 gmean takes float32 logarithms and a float32 mean, ~1e-6
    // from either, so it is compared to 1e-5.
    @Test("equals scipy's float64 gmean of the float32 values to 1.2e-7 and numpy's float32 gmean to 1e-5")
    func againstScipy() throws {
        let comparison = Self.comparison()
        try comparison.expectAgreement([("geometric_mean_f32_exact", Self.graph(axis: 1), nil),
                                        ("geometric_mean0_f32_exact", Self.graph(axis: 0), nil)],
                                       within: 1.2e-7, precision: .float32)
        try comparison.expectAgreement([("geometric_mean_f32", Self.graph(axis: 1), nil),
                                        ("geometric_mean0_f32", Self.graph(axis: 0), nil)],
                                       within: 1e-5, precision: .float32)
    }

    @Test("a float32 graph returns float32 values within an ulp; a float64 graph on a float32 chunk the float64 logs' mean, bit for bit")
    func precisions() throws {
        let (harness, folder) = try Float32ComputeModeTests.harness()
        defer { _ = folder }
        let input = CommandNumericsTests.input
        let single = try harness.run(Self.graph(axis: 1), input: input, precision: .float32)
        guard case .singleReal(let means) = single else {
            Issue.record("float32 graph gave \(single)")
            return
        }
        #expect(means.rows == input.rows && means.columns == 1)
        let float64 = Self.graph(axis: 1).replacingOccurrences(of: #""precision": "float32", "#, with: "")
        let double = try harness.run(float64, input: input, precision: .float32).canonical()
        guard case .real(let exact) = double else {
            Issue.record("float64 graph gave \(double)")
            return
        }
        for r in 0..<input.rows {
            let line = input.row(r).map { Double(abs(Float($0))) }
            let expected = Foundation.exp(line.reduce(0) { $0 + Foundation.log($1) } / Double(line.count))
            #expect(exact[r, 0] == expected, "row \(r)")
            // Rounded from a sum ~1e-16 from the float64 logs' sum: the same float, or its neighbour at a tie.
            #expect(abs(Double(means[r, 0]) - expected) <= Double(Float(expected).ulp),
                    "row \(r): float32 \(means[r, 0]), float64 \(expected)")
        }
    }
}
