import DistSwiftCalc
import DistSwiftIO
import Testing

/// The float32 kernels of catalogue commands that read a float32 chunk as it is (`abs`, the thresholds, `rescale`,
/// `roll`, `multiply`, `argmax`, `gradient`, `harmonic_mean`): in a float64 graph the float64 path's bits; in a float32 graph float32 values
/// within float32 rounding of it (the checks of Float32ComputeModeTests); and the same bits whether or not the
/// engine hands them their input's buffer to work in.
@Suite("float32 kernels of the catalogue's element-wise commands")
struct CatalogueFloat32KernelTests {
    static let commands = [
        #""name": "abs""#,
        #""name": "soft_threshold", "threshold": 0.3"#,
        #""name": "soft_threshold", "threshold": -0.2, "direction": "<""#,
        #""name": "hard_threshold", "threshold": 0.3, "value": -9"#,
        #""name": "rescale""#,
        #""name": "roll", "window_length": 7"#,
        #""name": "roll", "window_length": -3, "axis": 0"#,
        #""name": "multiply", "gather_uids": [0]"#,
    ]

    /// Float32 output in a float32 graph, not in place (a stencil reads its neighbours; a reduction is smaller).
    static let stencils = [#""name": "gradient", "axis": 1"#, #""name": "gradient", "edge_order": 2"#,
                           #""name": "harmonic_mean""#, #""name": "harmonic_mean", "axis": 0"#]

    @Test("float64 graph: a float32 chunk read directly gives the float64 path's bits",
          arguments: commands + stencils + [#""name": "argmax""#, #""name": "argmax", "axis": 1"#])
    func float64GraphIsExact(command: String) throws {
        try Float32ComputeModeTests().float64GraphIsExact(command: command)
    }

    @Test("float32 graph: float32 values within float32 rounding of the float64 path", arguments: commands + stencils)
    func float32GraphIsClose(command: String) throws {
        try Float32ComputeModeTests().float32GraphIsClose(command: command)
    }

    @Test("float32 graph: the same bits computed in the chunk's buffer and into a fresh one", arguments: commands)
    func inPlaceIsExact(command: String) throws {
        let (harness, folder) = try Float32ComputeModeTests.harness()
        defer { _ = folder }
        let graph = Float32ComputeModeTests.graph(command, precision: "float32")
        let input = Float32ComputeModeTests.exact
        let reused = try harness.run(graph, input: input, precision: .float32, reusesBuffers: true)
        let fresh = try harness.run(graph, input: input, precision: .float32, reusesBuffers: false)
        guard case .singleReal(let a) = reused, case .singleReal(let b) = fresh else {
            Issue.record("\(command): float32 values expected, got \(reused) and \(fresh)")
            return
        }
        #expect(a.rows == b.rows && a.columns == b.columns && a.values == b.values, "\(command)")
    }
}
