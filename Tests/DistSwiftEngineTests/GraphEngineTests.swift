import DistSwiftCalc
import DistSwiftIO
import DistSwiftTestSupport
import DistSwiftWorkers
import Foundation
import Testing

/// A user's command, added without touching the engine: one registry entry.
struct ScaleCommand: Command {
    static let name = "scale"
    static let summary = "multiply by a factor (a test's own command)"
    static let parameters = [ParameterSpec("factor", .number, default: .number(2), "the factor")]
    static let accepts: Set<SignalKind> = [.timeSeries, .perChannel]
    let factor: Double
    init(_ p: ParameterValues) throws { factor = p.number("factor") }
    func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        guard case .real(var a) = inputs[0] else { throw CommandError(Self.name, "needs real values") }
        a.values = a.values.map { $0 * factor }
        return .real(a)
    }
}

@Suite("Graph engine: order, freeing, blocks, extension, macros")
struct GraphEngineTests {
    let input = Array2D(rows: 6, columns: 64, values: (0..<384).map { sin(Double($0) * 0.37) + Double($0 % 7) })

    private func harness(_ folder: TemporaryFolder) throws -> GraphHarness {
        GraphHarness(rate: 64, positions: (0..<6).map(Double.init), results: LocalStorage(root: folder.path))
    }

    @Test("each result is kept only until its last reader: the plan knows who reads what last")
    func lastReaders() throws {
        let folder = try TemporaryFolder()
        let plan = try harness(folder).plan(#"""
            {"command_list": [
              {"name": "fft", "uid": 1, "in_uid": 0},
              {"name": "rms_from_fft", "uid": 2, "in_uid": 1},
              {"name": "multiple_calcs", "uid": 3, "in_uid": 1, "func": "te_from_fft", "low_freq": [1], "high_freq": [-1]},
              {"name": "gather", "uid": 4, "in_uid": 2, "gather_uids": [3]},
              {"name": "mean", "uid": 5, "in_uid": 0}
            ]}
            """#)
        // fft (node 0) is last read by multiple_calcs (node 2), not kept to the end as distpy does.
        #expect(plan.lastReader == [2, 3, 3, nil, nil])
        #expect(plan.channelLocal)
    }

    @Test("a command set added to the registry is validated and run like the standard ones")
    func userCommands() throws {
        let folder = try TemporaryFolder()
        let registry = CommandRegistry.standard.adding([ScaleCommand.self])
        let json = #"{"command_list": [{"name": "scale", "uid": 1, "in_uid": 0, "factor": 3}, {"name": "mean", "uid": 2, "in_uid": 1}]}"#
        let document = try GraphDocument.parse(data: Data(json.utf8), file: "g.json")
        let plan = try GraphValidator(registry: registry).plan(document)
        #expect(plan.nodes.map(\.name) == ["scale", "mean"])
        #expect(throws: GraphProblems.self) { try GraphValidator(registry: .standard).plan(document) }
        let context = ChunkContext(samplingRateHz: 64, startTimeNs: 0, name: "t", channelPositions: [0, 1, 2, 3, 4, 5],
                                   results: LocalStorage(root: folder.path), backend: CPUBackend())
        let scaled = try ScaleCommand(ParameterValues(["factor": .number(3)])).execute([.real(input)], context: context)
        guard case .real(let a) = scaled else { Issue.record("complex"); return }
        #expect(a.values == input.values.map { $0 * 3 })
        #expect(registry.adding([ScaleCommand.self]).command(named: "scale") != nil)
    }

    @Test("a graph file runs as one command (a macro) and gives what the same commands give inline")
    func macro() throws {
        let folder = try TemporaryFolder()
        _ = try folder.write("band.json", #"""
            {"command_list": [{"name": "fft", "uid": 1, "in_uid": 0},
                              {"name": "rms_from_fft", "uid": 2, "in_uid": 1, "low_freq": 4, "high_freq": 20}]}
            """#)
        let main = try folder.write("main.json", #"""
            {"command_list": [{"name": "graph", "uid": 1, "in_uid": 0, "file": "band.json"},
                              {"name": "std_dev", "uid": 2, "in_uid": 0},
                              {"name": "gather", "uid": 3, "in_uid": 1, "gather_uids": [2]}]}
            """#)
        let inline = #"""
            {"command_list": [{"name": "fft", "uid": 1, "in_uid": 0},
                              {"name": "rms_from_fft", "uid": 2, "in_uid": 1, "low_freq": 4, "high_freq": 20},
                              {"name": "std_dev", "uid": 3, "in_uid": 0},
                              {"name": "gather", "uid": 4, "in_uid": 2, "gather_uids": [3]}]}
            """#
        let h = try harness(folder)
        let viaMacro = try h.run(try String(contentsOfFile: main, encoding: .utf8).replacingOccurrences(of: "band.json", with: folder.file("band.json")), input: input)
        // An included graph runs its commands one by one: the same bits as the engine with the fft + band fusion
        // off (FusedSpectrumBandsTests compares the fused path with that one).
        let direct = try h.run(inline, input: input, fusesSpectrumBands: false)
        guard case .real(let a) = viaMacro, case .real(let b) = direct else { Issue.record("complex"); return }
        #expect(a == b && a.columns == 2)
    }

    @Test("a macro that includes itself, and problems inside an included graph, are reported with both paths")
    func macroProblems() throws {
        let folder = try TemporaryFolder()
        let selfish = try folder.write("self.json", #"{"command_list": [{"name": "graph", "uid": 1, "in_uid": 0, "file": "self.json"}]}"#)
        _ = try folder.write("bad.json", #"{"command_list": [{"name": "fft", "uid": 1, "in_uid": 0}, {"name": "rms_from_fft", "uid": 2, "in_uid": 1, "high_freq": 900}]}"#)
        let outer = try folder.write("outer.json", #"{"command_list": [{"name": "graph", "uid": 1, "in_uid": 0, "file": "bad.json"}, {"name": "graph", "uid": 2, "in_uid": 0, "file": "missing.json"}]}"#)
        func problems(_ path: String) -> String {
            do {
                _ = try GraphValidator(registry: .standard).plan(try GraphDocument.load(path: path),
                                                                 context: GraphContext(samplingRateHz: 1000))
                return ""
            } catch { return "\(error)" }
        }
        #expect(problems(selfish).contains("command_list[0].file 'self.json' includes itself"))
        let text = problems(outer)
        #expect(text.contains("command_list[0].file 'bad.json': command_list[1].high_freq high frequency 900.0 Hz is above Nyquist"))
        #expect(text.contains("command_list[1].file") && text.contains("missing.json"))
    }

    @Test("per-command time is recorded for every node, in channel blocks too")
    func timing() throws {
        let folder = try TemporaryFolder()
        let plan = try harness(folder).plan(#"{"command_list": [{"name": "fft", "uid": 1, "in_uid": 0}, {"name": "rms_from_fft", "uid": 2, "in_uid": 1}]}"#)
        let context = ChunkContext(samplingRateHz: 64, startTimeNs: 0, name: "t", channelPositions: (0..<6).map(Double.init),
                                   results: LocalStorage(root: folder.path), backend: CPUBackend())
        let frame = ChunkFrame.alone(startTimeNs: 0, rateHz: 64, samples: input.columns, positions: context.channelPositions)
        let timing = try GraphRunner(plan: plan, boxSize: 4, fusesSpectrumBands: false).run(frame: frame, context: context) { rows -> Signal in .real(input.rows(rows)) }
        #expect(timing.blocks == 2 && timing.seconds.count == 2 && timing.seconds.allSatisfy { $0 > 0 })
        // Fused, the band command's time is part of the fft's (its line reads 0).
        let fused = try GraphRunner(plan: plan, boxSize: 4).run(frame: frame, context: context) { rows -> Signal in .real(input.rows(rows)) }
        #expect(fused.fusedSpectrumBands == [0] && fused.seconds[0] > 0 && fused.seconds[1] == 0)
    }
}
