import Foundation
import DistSwiftIO

/// Checks a graph before anything runs and turns it into a `GraphPlan`, reporting every problem at once with its
/// JSON path and a fix. distpy silently turns an unknown command into a pass-through; distswift never does.
public struct GraphValidator: Sendable {
    public let registry: CommandRegistry
    /// Graph files currently being validated higher up (a `graph` command may not include one of them again).
    var including: Set<String> = []

    public init(registry: CommandRegistry) {
        self.registry = registry
    }

    public func plan(_ graph: GraphDocument, context: GraphContext = GraphContext()) throws -> GraphPlan {
        var problems: [GraphProblem] = []
        func report(_ path: String, _ text: String, fix: String? = nil) {
            problems.append(GraphProblem(file: graph.file, path: path, problem: text, fix: fix))
        }
        JSONObjectReader(object: graph.topLevel) { key, text, fix in report(key ?? "", text, fix: fix) }
            .rejectUnknownKeys(known: Array(GraphDocument.topLevelKeys), problem: "is not a graph key",
                               otherwise: "graph keys: " + GraphDocument.topLevelKeys.sorted().joined(separator: ", "))
        if graph.entries.isEmpty { report("command_list", "is empty", fix: "add at least one command") }
        var precision = ComputePrecision.float64
        if let value = graph.topLevel["precision"] {
            if case .string(let text) = value, let chosen = ComputePrecision(rawValue: text) {
                precision = chosen
            } else {
                report("precision", "is \(value.compactDescription) but must be \"float32\" or \"float64\"",
                       fix: "write \"precision\": \"float32\" to compute in single precision where a command "
                           + "can, or leave it out for float64")
            }
        }

        // Pass 1: names, uids, wiring fields, parameters.
        var uidToIndex: [Int: Int] = [:]
        var commands: [Int: any Command] = [:]
        for entry in graph.entries {
            let at = entry.path
            guard !entry.fields.isEmpty else {
                report(at, "must be an object such as {\"name\": \"fft\", \"uid\": 1, \"in_uid\": 0}")
                continue
            }
            if let uid = entry.uid {
                if uid <= 0 {
                    report(at + ".uid", "is \(uid) but must be 1 or more (0 is the chunk)")
                } else if let other = uidToIndex[uid] {
                    report(at + ".uid", "\(uid) is also the uid of command_list[\(other)]", fix: "give every command "
                        + "its own uid (distpy: its 1-based position)")
                } else {
                    uidToIndex[uid] = entry.index
                }
            } else {
                report(at + ".uid", entry.fields["uid"] == nil ? "is missing" : "must be a whole number",
                       fix: "distpy numbers commands 1, 2, 3, … in file order")
            }
            if entry.inUID == nil {
                report(at + ".in_uid", entry.fields["in_uid"] == nil ? "is missing" : "must be a whole number",
                       fix: "0 is the chunk; otherwise the uid of an earlier command")
            }
            if let g = entry.fields["gather_uids"], !(entry.gatherUIDs.count == (g.arrayCount ?? -1)) {
                report(at + ".gather_uids", "must be a list of whole numbers (uids of earlier commands)")
            }
            guard let name = entry.name else {
                report(at + ".name", entry.fields["name"] == nil ? "is missing" : "must be a string")
                continue
            }
            guard let type = registry.command(named: name) else {
                let hint = NameSuggestion.didYouMean(name, in: registry.names)
                report(at + ".name", "'\(name)' is not a known command",
                       fix: hint.isEmpty ? "`distswift commands` lists them" : hint)
                continue
            }
            let made: (any Command)?
            if type == SubgraphCommand.self {
                made = subgraph(entry, of: graph, context: context, report: report)
            } else {
                made = parameters(of: entry, for: type, report: report)
            }
            if let command = made {
                commands[entry.index] = command
                switch type.gather {
                case .required where entry.gatherUIDs.isEmpty:
                    report(at + ".gather_uids", "is missing; \(name) needs at least one gathered input",
                           fix: "list the uids of its other inputs, e.g. \"gather_uids\": [1]")
                case .none where entry.fields["gather_uids"] != nil && !entry.gatherUIDs.isEmpty:
                    report(at + ".gather_uids", "is given but \(name) takes only in_uid")
                default: break
                }
                for folder in command.outputFolders where !Self.staysInside(folder) {
                    report(at + ".directory_out", "'\(folder)' leaves the results location",
                           fix: "use a relative folder without '..', e.g. \"NoiseLog\"")
                }
            }
        }

        // Pass 2: references, cycles, kinds and axes (in file order, as distpy runs them); each command's checks
        // against the rate, length and spacing of the data it really receives.
        var kinds: [Int: SignalKind] = [:]
        let chunkAxes = context.chunkAxes
        var axesOf: [Int: Axes] = [:]
        var rateChange: [Int: String] = [:]
        var checked = Set<Int>()
        func check(_ index: Int, _ command: any Command, _ nodeContext: GraphContext) {
            checked.insert(index)
            let at = graph.entries[index].path
            let note: String
            if let rate = nodeContext.samplingRateHz, let by = nodeContext.rateChangedBy, rate != context.samplingRateHz {
                note = " (the rate here is \(Axis.number(rate)) Hz after \(by))"
            } else {
                note = ""
            }
            for problem in command.check(nodeContext) {
                report(at + (problem.parameter.map { "." + $0 } ?? ""), problem.problem + note, fix: problem.fix)
            }
        }
        var nodes: [GraphPlan.Node] = []
        for entry in graph.entries {
            guard let inUID = entry.inUID else { continue }
            var inputs: [GraphPlan.Input] = []
            var wiringOK = true
            for (label, uid) in [("in_uid", inUID)] + entry.gatherUIDs.enumerated().map({ ("gather_uids[\($0)]", $1) }) {
                if uid == 0 { inputs.append(.chunk); continue }
                guard let target = uidToIndex[uid] else {
                    report("\(entry.path).\(label)", "is \(uid), but no command has uid \(uid)",
                           fix: "uids in this graph: \(uidToIndex.keys.sorted().map(String.init).joined(separator: ", "))")
                    wiringOK = false
                    continue
                }
                if target >= entry.index {
                    if let cycle = cycle(from: entry.index, graph: graph, uidToIndex: uidToIndex) {
                        report("\(entry.path).\(label)", "closes a cycle: " + cycle, fix: "a graph runs in file order; "
                            + "every input must come from an earlier command")
                    } else {
                        report("\(entry.path).\(label)", "is \(uid), a command at or after this one (command_list["
                            + "\(target)])", fix: "commands run in file order; move command_list[\(target)] first")
                    }
                    wiringOK = false
                    continue
                }
                inputs.append(.node(target))
            }
            guard wiringOK, let command = commands[entry.index], let name = entry.name, let uid = entry.uid else {
                continue
            }
            let inputKinds = inputs.map { input -> SignalKind? in
                switch input {
                case .chunk: return .timeSeries
                case .node(let i): return kinds[i]
                }
            }
            guard let kinds0 = inputKinds.first, let inKind = kinds0 else { continue }  // upstream already reported
            let type = Swift.type(of: command)
            if !type.accepts.contains(inKind) {
                report(entry.path + ".in_uid", "\(name) takes \(type.accepts.map(\.rawValue).sorted().joined(separator: " or ")), "
                    + "but in_uid \(inUID) gives \(inKind.rawValue)",
                       fix: inKind == .timeFrequency
                           ? "\(name) works on 2-D arrays (rows × columns); turn the 3-D frequency × time array back "
                               + "into a time series with istft first, or write it as it is with write_npy"
                           : inKind == .timeSeries && type.accepts.contains(.spectrum)
                           ? "insert an fft command before it"
                           : type.accepts == [.spectrum2D] ? "give it an f–k spectrum: fft (axis 1), then fft (axis 0)"
                               + (type.name == "velocity_mask" ? ", then velocity_map" : "")
                           : "check the wiring")
                continue
            }
            let all = inputKinds.compactMap { $0 }
            guard all.count == inputKinds.count else { continue }
            let kind = command.outputKind(all)
            kinds[entry.index] = kind
            var inputAxes: [Axes]? = nil, outputAxes: Axes? = nil, timeContext: TimeContext? = nil
            var changedBy: String? = nil
            if let chunkAxes {
                let axes = inputs.map { input -> Axes? in
                    if case .node(let i) = input { return axesOf[i] }
                    return chunkAxes
                }.compactMap { $0 }
                if axes.count == inputs.count {
                    changedBy = inputs.first.flatMap { if case .node(let i) = $0 { return rateChange[i] } else { return nil } }
                    check(entry.index, command, context.receiving(axes[0], rateChangedBy: changedBy))
                    var output = command.outputAxes(axes)
                    output.history.append(name)
                    if output.samplingRateHz != axes[0].samplingRateHz {
                        changedBy = "`\(name)` (uid \(uid))"
                    }
                    rateChange[entry.index] = changedBy
                    axesOf[entry.index] = output
                    (inputAxes, outputAxes, timeContext) = (axes, output, command.timeContext(axes[0]))
                }
            }
            nodes.append(GraphPlan.Node(
                index: nodes.count, uid: uid, name: name, command: command,
                inputs: inputs.map { input in
                    if case .node(let i) = input, let position = nodes.firstIndex(where: { $0.uid == graph.entries[i].uid }) {
                        return .node(position)
                    }
                    return input
                },
                outputKind: kind,
                parameters: entry.fields.filter { !GraphDocument.entryKeys.contains($0.key) }
                    .mapValues { $0.compactDescription },
                inputAxes: inputAxes, outputAxes: outputAxes, timeContext: timeContext))
        }
        // Commands whose input could not be worked out are still checked against the chunk's rate.
        for (index, command) in commands.sorted(by: { $0.key < $1.key }) where !checked.contains(index) {
            check(index, command, context)
        }
        if !problems.isEmpty { throw GraphProblems(problems: problems) }
        return GraphPlan(file: graph.file, name: graph.name, description: graph.description, nodes: nodes,
                         chunkAxes: chunkAxes, precision: precision)
    }

    /// A `graph` entry: loads and validates the included file (relative to the including graph's folder).
    private func subgraph(_ entry: GraphDocument.Entry, of graph: GraphDocument, context: GraphContext,
                          report: (String, String, String?) -> Void) -> (any Command)? {
        guard case .string(let file)? = entry.fields["file"] else {
            report(entry.path + ".file", entry.fields["file"] == nil ? "is missing" : "must be a string",
                   "name the graph JSON file to run, relative to \(graph.file)")
            return nil
        }
        for key in entry.fields.keys.sorted() where !GraphDocument.entryKeys.contains(key) && key != "file" {
            report("\(entry.path).\(key)", "is not a parameter of graph", "its only parameter is file")
        }
        let folder = (graph.file as NSString).deletingLastPathComponent
        let path = file.hasPrefix("/") ? file : (folder.isEmpty ? file : folder + "/" + file)
        let resolved = (path as NSString).standardizingPath
        guard !including.contains(resolved), resolved != (graph.file as NSString).standardizingPath else {
            report(entry.path + ".file", "'\(file)' includes itself (directly or through other graphs)", nil)
            return nil
        }
        do {
            let document = try GraphDocument.load(path: resolved)
            var inner = self
            inner.including.insert((graph.file as NSString).standardizingPath)
            return SubgraphCommand(plan: try inner.plan(document, context: context))
        } catch let problems as GraphProblems {
            for p in problems.problems {
                report(entry.path + ".file", "'\(file)': \(p.path) \(p.problem)", p.fix)
            }
        } catch {
            report(entry.path + ".file", "\(error)", nil)
        }
        return nil
    }

    /// The command's parameters with defaults, or nil after reporting what is wrong.
    private func parameters(of entry: GraphDocument.Entry, for type: any Command.Type,
                            report: (String, String, String?) -> Void) -> (any Command)? {
        let specs = Dictionary(uniqueKeysWithValues: type.parameters.map { ($0.name, $0) })
        var values: [String: JSONValue] = [:]
        var ok = true
        for (key, value) in entry.fields.sorted(by: { $0.key < $1.key }) where !GraphDocument.entryKeys.contains(key) {
            guard let spec = specs[key] else {
                withoutActuallyEscaping(report) { report in
                    JSONObjectReader(object: entry.fields, path: entry.path) { path, text, fix in
                        report(path ?? entry.path, text, fix)
                    }.rejectUnknownKey(key, known: type.parameters.map(\.name), problem: "is not a parameter of \(type.name)",
                                       otherwise: type.parameters.isEmpty ? "\(type.name) takes no parameters"
                                           : "its parameters: " + type.parameters.map(\.name).joined(separator: ", "))
                }
                ok = false
                continue
            }
            if case .null = value {
                // null means "the default" for distpy's parameters, except an axis: numpy's axis=None (every axis,
                // or the flattened array) is a different computation, never the default axis in disguise.
                if spec.kind == .axis {
                    report("\(entry.path).\(key)", "is null (numpy's every-axis/flattened form), which \(type.name) "
                           + "does not compute", "give 0 (along channels) or 1 (along time)")
                    ok = false
                }
                continue
            }
            if let mismatch = spec.mismatch(value) {
                report("\(entry.path).\(key)", mismatch, Self.example(of: spec))
                ok = false
                continue
            }
            values[key] = value
        }
        for spec in type.parameters where values[spec.name] == nil {
            if let d = spec.defaultValue {
                values[spec.name] = d
            } else if entry.fields[spec.name] == nil {
                report("\(entry.path).\(spec.name)", "is missing; \(type.name) needs it (\(spec.doc))",
                       "add \"\(spec.name)\", a \(spec.kind)")
                ok = false
            }
        }
        guard ok else { return nil }
        do {
            return try type.init(ParameterValues(values))
        } catch let problem as ParameterProblem {
            let spec = problem.parameter.flatMap { name in type.parameters.first { $0.name == name } }
            report(entry.path + (problem.parameter.map { "." + $0 } ?? ""), problem.problem,
                   problem.fix ?? spec.map(Self.example) ?? "see `distswift commands \(type.name)`")
        } catch {
            report(entry.path, "\(error)", nil)
        }
        return nil
    }

    /// "uid 3 → uid 5 → uid 3" when following in_uid/gather_uids from `start` comes back to it.
    private func cycle(from start: Int, graph: GraphDocument, uidToIndex: [Int: Int]) -> String? {
        var path: [Int] = []
        var visited = Set<Int>()
        func visit(_ index: Int) -> Bool {
            if index == start && !path.isEmpty { return true }
            guard visited.insert(index).inserted else { return false }
            path.append(index)
            let entry = graph.entries[index]
            for uid in [entry.inUID].compactMap({ $0 }) + entry.gatherUIDs where uid != 0 {
                if let next = uidToIndex[uid], visit(next) { return true }
            }
            path.removeLast()
            return false
        }
        guard visit(start) else { return nil }
        return (path + [start]).map { "uid \(graph.entries[$0].uid ?? -1)" }.joined(separator: " → ")
    }

    /// The fix for a parameter of the wrong type or range: what it takes and its default.
    static func example(of spec: ParameterSpec) -> String {
        "give \(spec.kind) (\(spec.doc))" + (spec.defaultValue.map { $0 == .null ? "" : "; default \($0.compactDescription)" } ?? "")
    }

    /// A relative folder that stays inside the results location.
    static func staysInside(_ folder: String) -> Bool {
        !folder.hasPrefix("/") && !folder.hasPrefix("~") && !folder.split(separator: "/").contains("..")
    }
}

extension JSONValue {
    var arrayCount: Int? {
        if case .array(let a) = self { return a.count }
        return nil
    }

    /// Compact JSON-like text for reports: 200, "NoiseLog", [200, 600].
    public var compactDescription: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return "\(b)"
        case .number(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : "\(d)"
        case .string(let s): return "\"\(s)\""
        case .array(let a): return "[" + a.map(\.compactDescription).joined(separator: ", ") + "]"
        case .object(let o): return "{" + o.keys.sorted().map { "\"\($0)\": \(o[$0]!.compactDescription)" }
            .joined(separator: ", ") + "}"
        }
    }
}
