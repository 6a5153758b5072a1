import DistSwiftCalc
import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// `up_wave` / `down_wave` in a float32 graph: the inverse 2-D transform in single precision (as numpy's `ifft2` of
/// a complex64 spectrum), complex64 out, against the same graph in float64.
///
/// Tolerance: a float32 FFT of N = m·n points is within about log2(N)·2⁻²⁴ of the largest magnitude (rounding at
/// each of its log2 N stages; here N = 20 × 256, log2 N ≈ 12, so ~7e-7), plus the float32 graph's forward fft and
/// the narrowing of the spectrum (one rounding each): checked as 1e-5 of the largest |value| of the float64 result.
@Suite("f–k quadrant filters in a float32 graph")
struct FKFloat32Tests {
    @Test("up_wave and down_wave: complex64 within float32 rounding of the float64 graph", arguments: ["up_wave", "down_wave"])
    func closeToFloat64(name: String) throws {
        let folder = try TemporaryFolder()
        let x = CommandNumericsTests.input
        let exact = Array2D(rows: x.rows, columns: x.columns, values: x.values.map { Double(Float($0)) })
        let harness = GraphHarness(rate: CommandNumericsTests.rate, positions: (0..<x.rows).map { Double($0) * 2 },
                                   results: try LocalStorage(root: folder.path))
        let nodes = #"[{"name": "fft", "uid": 1, "in_uid": 0}, {"name": "fft", "uid": 2, "in_uid": 1, "axis": 0}, "#
            + #"{"name": ""# + name + #"", "uid": 3, "in_uid": 2}]"#
        let single = try harness.run(#"{"precision": "float32", "command_list": "# + nodes + "}", input: exact,
                                     precision: .float32)
        let double = try harness.run(#"{"command_list": "# + nodes + "}", input: exact, precision: .float32)
        guard case .singleComplex(let a) = single, case .complex(let b) = double.canonical() else {
            Issue.record("\(name): a float32 graph gives complex64, a float64 graph complex128; got \(single)")
            return
        }
        let c = a.split()
        #expect(c.rows == b.rows && c.columns == b.columns)
        var scale = 0.0, worst = 0.0
        for i in b.real.indices {
            scale = max(scale, (b.real[i] * b.real[i] + b.imaginary[i] * b.imaginary[i]).squareRoot())
            let re: Double = c.real[i] - b.real[i], im: Double = c.imaginary[i] - b.imaginary[i]
            worst = max(worst, (re * re + im * im).squareRoot())
        }
        #expect(scale > 0 && worst <= 1e-5 * scale, "\(name): worst \(worst) of \(scale)")
    }
}
