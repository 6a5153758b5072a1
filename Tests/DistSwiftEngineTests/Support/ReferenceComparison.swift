import DistSwiftCalc
import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// Runs graph cases through the engine on one chunk, writes each output next to the input, and asks a reference
/// script in Tests/reference/ for the worst error of each (relative to the reference's largest value).
struct ReferenceComparison {
    typealias Case = (name: String, graph: String, box: Int?)

    let script: String
    let input: Array2D<Double>
    let rate: Double
    let positions: [Double]
    /// Files to place in the results location before running (path → array), for commands that read stored data.
    var storedResults: [String: Array2D<Double>] = [:]
    /// A record file the reference reads itself (written to source.txt), when the input is that file's data.
    var source: String?
    /// False: an fft read only by band commands stores its spectrum as any other (`GraphRunner.fusesSpectrumBands`).
    var fusesSpectrumBands = true

    /// Runs `cases` and expects a result for every one, each within `tolerance` of its reference (the script's
    /// worst relative error); returns the report for further checks.
    @discardableResult
    func expectAgreement(_ cases: [Case], within tolerance: Double, precision: ComputePrecision = .float64,
                         sourceLocation: SourceLocation = #_sourceLocation) throws
        -> [(name: String, error: Double, line: String)]
    {
        let report = try run(cases, precision: precision)
        for (_, error, line) in report { #expect(error <= tolerance, "\(line)", sourceLocation: sourceLocation) }
        #expect(Set(report.map(\.name)) == Set(cases.map(\.name)), sourceLocation: sourceLocation)
        return report
    }

    /// (case, worst relative error, the script's line) for every case.
    func run(_ cases: [Case], precision: ComputePrecision = .float64) throws
        -> [(name: String, error: Double, line: String)]
    {
        let folder = try TemporaryFolder()
        let out = try LocalStorage(root: folder.path)
        try NPYWriter.write(input, to: out, path: "input.npy")
        try NPYWriter.write(Array2D(rows: positions.count, columns: 1, values: positions), to: out, path: "positions.npy")
        try out.write("rate.txt", bytes: Array("\(rate)".utf8))
        if let source { try out.write("source.txt", bytes: Array(source.utf8)) }
        // The reference then computes on the float32 samples the graph read (Tests/reference/*: precision.txt).
        if precision == .float32 { try out.write("precision.txt", bytes: Array("float32".utf8)) }
        let results = try LocalStorage(root: folder.file("results"))
        for (path, array) in storedResults { try NPYWriter.write(array, to: results, path: path) }
        let harness = GraphHarness(rate: rate, positions: positions, results: results)
        for c in cases {
            var axes: Axes?
            let signal = try harness.runTimed(c.graph, input: input, box: c.box, precision: precision,
                                              fusesSpectrumBands: fusesSpectrumBands, capturing: { axes = $0 }).output.canonical()
            // A 3-D output's frequency and window-time axes go beside it for the script to check.
            if let axes, let third = axes.third {
                if let frequencies = axes.columns.values {
                    try NPYWriter.write(vector: frequencies, to: out, path: "\(c.name).frequency.npy")
                }
                if let times = third.timesNs { try NPYWriter.write(timesNs: times, to: out, path: "\(c.name).time.npy") }
            }
            switch signal {
            case .real(let a): try NPYWriter.write(a, to: out, path: "\(c.name).npy")
            default:
                let z = signal.fullComplex()
                try NPYWriter.write(Array2D(rows: z.rows, columns: z.columns, values: z.real), to: out,
                                    path: "\(c.name).re.npy")
                try NPYWriter.write(Array2D(rows: z.rows, columns: z.columns, values: z.imaginary), to: out,
                                    path: "\(c.name).im.npy")
            }
        }
        let text = try String(contentsOfFile: TestPaths.packageRoot + "/Tests/reference/" + script, encoding: .utf8)
        let report = try PythonReference.check(text, arguments: [folder.path] + cases.map(\.name))
        print(report)
        return report.split(separator: "\n").map { line in
            let parts = line.split(separator: " ")
            let error = parts.count == 2 ? Double(parts[1]) ?? .infinity : .infinity
            return (String(parts[0]), error, String(line))
        }
    }
}
