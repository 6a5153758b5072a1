import DistSwiftCalc
import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// Where an array's values live (its buffer's address): equal before and after a command when it computed in place.
private func address<T>(_ values: [T]) -> Int {
    values.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) }
}

/// A command that declares it works in place: adds 1 to every value of in_uid, and records where its input's values
/// were when it got them and where its output's are, and what its gathered inputs hold after it wrote.
struct AddOneInPlaceCommand: Command {
    final class Log: @unchecked Sendable {
        /// Per call: (input buffer address, output buffer address).
        var calls: [(input: Int, output: Int)] = []
        /// The gathered inputs as they were after the command wrote its output.
        var gathered: [[Double]] = []
    }
    static let name = "add_one_in_place"
    static let summary = "adds 1 in in_uid's buffer (a test's own command)"
    static let parameters: [ParameterSpec] = []
    static let accepts: Set<SignalKind> = [.timeSeries]
    static let gather: GatherRule = .optional
    static let log = Log()
    init(_ p: ParameterValues) throws {}
    func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    var worksInPlace: Bool { true }

    func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        var inputs = inputs
        return try execute(owning: &inputs, context: context)
    }

    func execute(owning inputs: inout [Signal], context: ChunkContext) throws -> Signal {
        guard var a = inputs[0].takeReal() else { throw CommandError(Self.name, "needs float64 values") }
        let before = address(a.values)
        for i in a.values.indices { a.values[i] += 1 }
        Self.log.calls.append((before, address(a.values)))
        for case .real(let g) in inputs.dropFirst() { Self.log.gathered.append(g.values) }
        return .real(a)
    }
}

@Suite("Buffer reuse: in-place commands get their input's buffer only when nothing else reads it", .serialized)
struct BufferReuseTests {
    let input = Array2D(rows: 6, columns: 200, values: (0..<1200).map { sin(Double($0) * 0.37) + Double($0 % 7) })
    let registry = CommandRegistry.standard.adding([AddOneInPlaceCommand.self])

    private func harness(_ folder: TemporaryFolder) throws -> GraphHarness {
        GraphHarness(rate: 100, positions: (0..<6).map { Double($0) * 2 }, results: try LocalStorage(root: folder.path))
    }

    private func values(_ signal: Signal) -> [Double] {
        guard case .real(let a) = signal else { Issue.record("not float64: \(signal)"); return [] }
        return a.values
    }

    @Test("a chain of in-place commands computes in one buffer: the chunk's, then each output's")
    func chainReuses() throws {
        let folder = try TemporaryFolder()
        AddOneInPlaceCommand.log.calls = []
        let graph = #"""
            {"command_list": [{"name": "add_one_in_place", "uid": 1, "in_uid": 0},
                              {"name": "add_one_in_place", "uid": 2, "in_uid": 1}]}
            """#
        let out = try harness(folder).run(graph, input: input, registry: registry)
        #expect(values(out) == input.values.map { $0 + 1 + 1 })
        let calls = AddOneInPlaceCommand.log.calls
        #expect(calls.count == 2)
        // The harness's chunk shares the test's own `input` array (a slice of all of it), which the test still
        // holds: uid 1 copies it. (A chunk read from a store has no other holder.) uid 2 then computes in uid 1's
        // output: no copy, the engine held no other reference.
        #expect(calls[0].input != calls[0].output)
        #expect(calls[1].input == calls[1].output)
        #expect(calls[0].output == calls[1].input)
        let plan = try harness(folder).plan(graph, registry: registry)
        #expect(plan.nodes.map { plan.reusesInput($0) } == [true, true])
        #expect(GraphDescription.bufferLines(plan)
                == ["buffers reused in place: uid 1 add_one_in_place (in the chunk's), uid 2 add_one_in_place (in uid 1's)"])

        // In channel blocks the chunk is a fresh array of the block's rows, held by the engine alone: uid 1
        // computes in it too.
        AddOneInPlaceCommand.log.calls = []
        let blocked = try harness(folder).run(graph, input: input, box: 4, registry: registry)
        #expect(values(blocked) == values(out))
        #expect(AddOneInPlaceCommand.log.calls.count == 4)
        #expect(AddOneInPlaceCommand.log.calls.allSatisfy { $0.input == $0.output })

        // Without reuse (the engine keeps its references while the command runs) every write copies.
        AddOneInPlaceCommand.log.calls = []
        let plain = try harness(folder).run(graph, input: input, registry: registry, reusesBuffers: false)
        #expect(values(plain) == values(out))
        #expect(AddOneInPlaceCommand.log.calls.allSatisfy { $0.input != $0.output })
    }

    @Test("a value read by two commands is never changed by the first: it copies, the second sees the original")
    func sharedValueIsCopied() throws {
        let folder = try TemporaryFolder()
        AddOneInPlaceCommand.log.calls = []
        // uid 1's output is read by uid 2 (in place) and later by uid 3: uid 2 must not write into it.
        let graph = #"""
            {"command_list": [{"name": "demean", "uid": 1, "in_uid": 0},
                              {"name": "add_one_in_place", "uid": 2, "in_uid": 1},
                              {"name": "add", "uid": 3, "in_uid": 1, "gather_uids": [2]}]}
            """#
        let out = try harness(folder).run(graph, input: input, registry: registry)
        let demeaned = values(try harness(folder).run(#"{"command_list": [{"name": "demean", "uid": 1, "in_uid": 0}]}"#,
                                                      input: input))
        #expect(values(out) == zip(demeaned, demeaned).map { $0 + ($1 + 1) })
        #expect(AddOneInPlaceCommand.log.calls.count == 1)
        #expect(AddOneInPlaceCommand.log.calls.allSatisfy { $0.input != $0.output })
        let plan = try harness(folder).plan(graph, registry: registry)
        #expect(!plan.reusesInput(plan.nodes[1]))
        // The chunk too: read by uid 1 and uid 2 here, so uid 1 may not change it.
        let chunkTwice = #"""
            {"command_list": [{"name": "add_one_in_place", "uid": 1, "in_uid": 0},
                              {"name": "add", "uid": 2, "in_uid": 0, "gather_uids": [1]}]}
            """#
        #expect(values(try harness(folder).run(chunkTwice, input: input, registry: registry))
                == input.values.map { $0 + ($0 + 1) })
    }

    @Test("a value that is also a gathered input of the same command is not changed under it")
    func gatheredTwice() throws {
        let folder = try TemporaryFolder()
        AddOneInPlaceCommand.log.calls = []
        AddOneInPlaceCommand.log.gathered = []
        let graph = #"""
            {"command_list": [{"name": "demean", "uid": 1, "in_uid": 0},
                              {"name": "add_one_in_place", "uid": 2, "in_uid": 1, "gather_uids": [1]}]}
            """#
        let out = try harness(folder).run(graph, input: input, registry: registry)
        let demeaned = values(try harness(folder).run(#"{"command_list": [{"name": "demean", "uid": 1, "in_uid": 0}]}"#,
                                                      input: input))
        #expect(values(out) == demeaned.map { $0 + 1 })
        #expect(AddOneInPlaceCommand.log.gathered == [demeaned])
        #expect(AddOneInPlaceCommand.log.calls.allSatisfy { $0.input != $0.output })
        let plan = try harness(folder).plan(graph, registry: registry)
        #expect(!plan.reusesInput(plan.nodes[1]))
    }

    @Test("a writer's input is written as it was, in channel blocks too, when an in-place command reads it after")
    func writersKeepTheirValues() throws {
        let folder = try TemporaryFolder()
        let graph = #"""
            {"command_list": [{"name": "demean", "uid": 1, "in_uid": 0},
                              {"name": "write_npy", "uid": 2, "in_uid": 1, "directory_out": "before"},
                              {"name": "add_one_in_place", "uid": 3, "in_uid": 2}]}
            """#
        let demeaned = values(try harness(folder).run(#"{"command_list": [{"name": "demean", "uid": 1, "in_uid": 0}]}"#,
                                                      input: input))
        for box in [nil, 4] as [Int?] {
            let out = try harness(folder).run(graph, input: input, box: box, name: "c\(box ?? 0)", registry: registry)
            #expect(values(out) == demeaned.map { $0 + 1 })
            let written = try NPYArrayFile(location: LocalStorage(root: folder.path), path: "before/c\(box ?? 0).npy")
                .read(as: Double.self)
            #expect(written.values == demeaned, "box \(String(describing: box))")
        }
        let plan = try harness(folder).plan(graph, registry: registry)
        #expect(!plan.reusesInput(plan.nodes[2]))
    }

    @Test("a macro's input, also read by the outer graph, is not changed by an in-place command inside the macro")
    func macroInput() throws {
        let folder = try TemporaryFolder()
        let inner = try folder.write("inner.json", #"{"command_list": [{"name": "add_one_in_place", "uid": 1, "in_uid": 0}]}"#)
        let graph = """
            {"command_list": [{"name": "graph", "uid": 1, "in_uid": 0, "file": "\(inner)"},
                              {"name": "add", "uid": 2, "in_uid": 0, "gather_uids": [1]}]}
            """
        let out = try harness(folder).run(graph, input: input, registry: registry)
        #expect(values(out) == input.values.map { $0 + ($0 + 1) })
    }

    @Test("the conditioning commands give the same bits with and without buffer reuse, in both precisions and in blocks")
    func bitIdentical() throws {
        let folder = try TemporaryFolder()
        var data = input
        data.values[17] = .nan  // NaN handling of the nan-statistics must not depend on reuse
        let graph = """
            {"command_list": [
              {"name": "demean", "uid": 1, "in_uid": 0},
              {"name": "taper", "uid": 2, "in_uid": 1, "time": 0.1},
              {"name": "line_mute", "uid": 3, "in_uid": 2, "time": [0.3, 0.6], "smooth": 0.05},
              {"name": "differentiate", "uid": 4, "in_uid": 3, "dim": "time"},
              {"name": "normalize", "uid": 5, "in_uid": 4, "dim": "time"},
              {"name": "demedian", "uid": 6, "in_uid": 5},
              {"name": "standardize", "uid": 7, "in_uid": 6},
              {"name": "line_mute", "uid": 8, "in_uid": 7, "distance": [2, 4]},
              {"name": "pad", "uid": 9, "in_uid": 8, "time": "fft"},
              {"name": "select", "uid": 10, "in_uid": 9, "time": [0.2, 1.5]},
              {"name": "pad", "uid": 11, "in_uid": 10, "time": [0.05, 0.1]},
              {"name": "select", "uid": 12, "in_uid": 11, "distance": [2, 8]},
              {"name": "integrate", "uid": 13, "in_uid": 12, "dim": "time"},
              {"name": "running_mean", "uid": 14, "in_uid": 13, "window_length": 3},
              {"name": "running_mean", "uid": 15, "in_uid": 14, "window_length": 40},
              {"name": "clip", "uid": 16, "in_uid": 15, "xmin": 4, "xmax": 6, "tmin": 0.1, "tmax": 0.6},
              {"name": "mean", "uid": 17, "in_uid": 16},
              {"name": "add", "uid": 18, "in_uid": 16, "gather_uids": [17]}
            ]}
            """
        for precision in ["float64", "float32"] {
            let text = graph.replacingOccurrences(of: #"{"command_list""#, with: #"{"precision": "\#(precision)", "command_list""#)
            for box in [nil, 2] as [Int?] where box == nil || precision == "float64" {
                let reused = try harness(folder).run(text, input: data, box: box,
                                                     precision: precision == "float32" ? .float32 : .float64)
                let fresh = try harness(folder).run(text, input: data, box: box,
                                                    precision: precision == "float32" ? .float32 : .float64,
                                                    reusesBuffers: false)
                switch (reused, fresh) {
                case (.real(let a), .real(let b)):
                    #expect(a.rows == b.rows && a.columns == b.columns)
                    #expect(a.values.map(\.bitPattern) == b.values.map(\.bitPattern), "\(precision) box \(String(describing: box))")
                case (.singleReal(let a), .singleReal(let b)):
                    #expect(a.values.map(\.bitPattern) == b.values.map(\.bitPattern), "\(precision)")
                default: Issue.record("different kinds: \(reused) / \(fresh)")
                }
            }
        }
        let plan = try harness(folder).plan(graph)
        // Every node but `mean` (a reduction to a new shape), whose output `add` reads beside its in_uid.
        #expect(plan.nodes.filter { $0.name != "mean" }.allSatisfy { plan.reusesInput($0) })
    }

    @Test("clip in a float32 graph keeps the chunk's float32 values as they are (moved in place or copied)")
    func clipFloat32() throws {
        let folder = try TemporaryFolder()
        let data = Array2D(rows: input.rows, columns: input.columns, values: input.values.map { Double(Float($0)) })
        let graph = #"{"precision": "float32", "command_list": [{"name": "clip", "uid": 1, "in_uid": 0, "xmin": 2, "xmax": 7, "tmin": 0.5, "tmax": 1.2}]}"#
        for reuse in [true, false] {
            guard case .singleReal(let a) = try harness(folder).run(graph, input: data, precision: .float32,
                                                                    reusesBuffers: reuse) else {
                Issue.record("float32 graph, clip: not float32")
                continue
            }
            // Positions 2, 4, 6 (nearest to 2 and 7: 2 and 6), samples 50 ... 120 at 100 Hz.
            let expected = [1, 2, 3].flatMap { r in (50...120).map { Float(data.values[r * data.columns + $0]) } }
            #expect(a.rows == 3 && a.columns == 71 && a.values == expected, "reuse \(reuse)")
        }
    }

    @Test("up_wave and down_wave scale the quadrants in the spectrum they are handed: the same bits as with a copy")
    func quadrantsInPlace() throws {
        let folder = try TemporaryFolder()
        for name in ["up_wave", "down_wave"] {
            let graph = #"""
                {"command_list": [{"name": "fft", "uid": 1, "in_uid": 0},
                                  {"name": "fft", "uid": 2, "in_uid": 1, "axis": 0},
                                  {"name": "NAME", "uid": 3, "in_uid": 2}]}
                """#.replacingOccurrences(of: "NAME", with: name)
            let reused = try harness(folder).run(graph, input: input).fullComplex()
            let fresh = try harness(folder).run(graph, input: input, reusesBuffers: false).fullComplex()
            #expect(reused.real.map(\.bitPattern) == fresh.real.map(\.bitPattern), "\(name)")
            #expect(reused.imaginary.map(\.bitPattern) == fresh.imaginary.map(\.bitPattern), "\(name)")
            let plan = try harness(folder).plan(graph)
            #expect(plan.reusesInput(plan.nodes[2]))
        }
    }
}
