import Foundation
/// distpy's document mode: a graph drawn as Graphviz DOT and described node by node in Markdown, from the validated
/// plan (so the picture shows what will run, with the kind of data on every edge).
public enum GraphDescription {
    public static func dot(_ plan: GraphPlan) -> String {
        var lines = ["digraph \"\(escape(plan.name ?? "graph"))\" {", "  rankdir=TB;",
                     "  node [shape=box, style=rounded, fontname=\"DejaVu Sans\"];",
                     "  n0 [label=\"chunk\\n(time series)\", shape=ellipse];"]
        for node in plan.nodes {
            let params = node.parameters.keys.sorted().map { "\($0)=\(node.parameters[$0]!)" }
            let writes = node.command is any WriterCommand
            lines.append("  n\(node.uid) [label=\"\(node.uid): \(node.name)"
                + (params.isEmpty ? "" : "\\n" + escape(params.joined(separator: "\\n"))) + "\""
                + (writes ? ", style=\"rounded,filled\", fillcolor=\"#dbe9f6\"" : "") + "];")
        }
        for node in plan.nodes {
            for (position, input) in node.inputs.enumerated() {
                let (from, kind): (String, SignalKind) = {
                    switch input {
                    case .chunk: return ("n0", .timeSeries)
                    case .node(let i): return ("n\(plan.nodes[i].uid)", plan.nodes[i].outputKind)
                    }
                }()
                // With a rate, the edge also shows its axes and units ("distance[16] … × time[2000] at 2000 Hz").
                let axes = node.inputAxes.map { "\\n" + escape($0[position].description) } ?? ""
                lines.append("  \(from) -> n\(node.uid) [label=\"\(kind.rawValue)\(axes)\""
                    + (position > 0 ? ", style=dashed" : "") + "];")
            }
        }
        return (lines + ["}"]).joined(separator: "\n") + "\n"
    }

    /// One line per command: what it needs along time and along the fibre, the halo its input arrives with, and
    /// the axes of its output; then what the plan reads around each chunk and channel block.
    public static func contextLines(_ plan: GraphPlan) -> [String] {
        guard plan.chunkAxes != nil else {
            return ["context: give the sampling rate (--rate HZ) to see what each command needs from neighbouring "
                + "chunks; process uses the store's"]
        }
        let scanned = plan.usingStateScan()
        var lines = plan.nodes.map { node -> String in
            var time = node.timeContext.map(\.description) ?? "per chunk"
            if (node.command as? any RunningTotalCommand)?.needsRunningTotal == true {
                time += ", from the earlier chunks' totals (a totals pass before the chunks)"
            }
            if scanned.stateScanned.contains(node.index) {
                time += " in watch; in process from the state scan's filter states (no halo)"
            }
            let halo = plan.windowed[node.index] ? "halo \(plan.receivedHalo[node.index])" : "trimmed to the chunk"
            return "uid \(node.uid) \(node.name): time \(time), channels \(node.command.channelContext); "
                + "input \(halo)" + (node.outputAxes.map { " → \($0)" } ?? "") + "; " + deviceNote(node.command)
        }
        lines.append("reads around each chunk: \(plan.timeHalo) samples of the neighbouring chunks in time"
            + (plan.channelLocal ? "; around each channel block: \(plan.channelHalo) channels"
                : "; whole chunks (a command needs the whole fibre)"))
        if !scanned.stateScanned.isEmpty {
            let halo = scanned.timeHalo == .none ? "nothing" : "\(scanned.timeHalo) samples"
            lines.append("process reads around each chunk: \(halo) (the IIR filters run from the state scan; the "
                         + "line above is watch's)")
        }
        return lines
    }

    public static func markdown(_ plan: GraphPlan, registry: CommandRegistry = .standard) -> String {
        var text = "# \(plan.name ?? "Command graph")\n\n"
        if let d = plan.description { text += d + "\n\n" }
        text += "Graph file: `\(plan.file)`. "
        text += plan.channelLocal
            ? "Every command treats channels independently, so it runs in channel blocks (BOX_SIZE).\n\n"
            : "Some commands combine channels, so it runs on whole chunks.\n\n"
        text += "| uid | command | input | gathers | output | on a GPU | parameters |\n|---|---|---|---|---|---|---|\n"
        func label(_ input: GraphPlan.Input) -> String {
            switch input {
            case .chunk: return "chunk"
            case .node(let i): return "uid \(plan.nodes[i].uid)"
            }
        }
        for node in plan.nodes {
            let params = node.parameters.keys.sorted().map { "`\($0)` = \(node.parameters[$0]!)" }
            text += "| \(node.uid) | `\(node.name)` | \(label(node.inputs[0])) | "
                + node.inputs.dropFirst().map(label).joined(separator: ", ")
                + " | \(node.outputKind.rawValue) | \(DevicePlacement.of(node.command) == .device ? "device kernel" : (DevicePlacement.of(node.command) == .transfer ? "copy" : "CPU")) | \(params.joined(separator: ", ")) |\n"
        }
        text += "\n## Context and axes\n\n" + (contextLines(plan) + precisionLines(plan) + bufferLines(plan)).map { "- " + $0 }
            .joined(separator: "\n") + "\n"
        text += "\n## Commands used\n\n"
        var seen = Set<String>()
        for node in plan.nodes where seen.insert(node.name).inserted {
            if let type = registry.command(named: node.name) {
                text += "- **\(node.name)**: \(type.summary).\n"
            }
        }
        return text
    }

    /// The graph's precision and, in a float32 graph, which commands compute in float32 (their float32 kernel) and
    /// which in float64 (their input widened, noted in the run's log); in a float64 graph, the commands that keep a
    /// float32 chunk's values float32 (`Command.keepsInputValues`).
    public static func precisionLines(_ plan: GraphPlan) -> [String] {
        guard plan.precision == .float32 else {
            let keeping = plan.nodes.filter { $0.command.hasFloat32Kernel && $0.command.keepsInputValues }
                .map { "uid \($0.uid) \($0.name)" }
            return ["precision: float64 (add \"precision\": \"float32\" to the graph to compute in single precision "
                + "where a command has a float32 kernel)"
                + (keeping.isEmpty ? "" : "; float32 values pass unwidened through " + keeping.joined(separator: ", ")
                    + " (they only keep input values; the next command widens as it reads)")]
        }
        let single = plan.nodes.filter { plan.runsInFloat32($0) }.map { "uid \($0.uid) \($0.name)" }
        let double = plan.nodes.filter { !plan.runsInFloat32($0) }.map { "uid \($0.uid) \($0.name)" }
        return ["precision: float32 — in float32: " + (single.isEmpty ? "none" : single.joined(separator: ", "))
            + "; in float64: " + (double.isEmpty ? "none" : double.joined(separator: ", "))]
    }

    /// Which commands compute in their input's buffer instead of a fresh one (`GraphPlan.reusesInput`).
    public static func bufferLines(_ plan: GraphPlan) -> [String] {
        let reusing = plan.nodes.filter { plan.reusesInput($0) }.map { node -> String in
            let source: String
            switch node.inputs[0] {
            case .chunk: source = "the chunk"
            case .node(let i): source = "uid \(plan.nodes[i].uid)"
            }
            return "uid \(node.uid) \(node.name) (in \(source)'s)"
        }
        return ["buffers reused in place: " + (reusing.isEmpty ? "none" : reusing.joined(separator: ", "))]
            + narrowedReadLines(plan)
    }

    /// Whether the chunk read is narrowed to what selections keep (`GraphPlan.narrowedReaders`).
    static func narrowedReadLines(_ plan: GraphPlan) -> [String] {
        guard let readers = plan.narrowedReaders else { return [] }
        let names = readers.map { "uid \(plan.nodes[$0].uid) \(plan.nodes[$0].name)" }.joined(separator: ", ")
        return ["chunk read narrowed: only the block that \(names) keeps is read from the store (when "
                + (readers.count > 1 ? "they keep the same block" : "it keeps one block")
                + (plan.timeHalo == .none ? ")" : "; channels only, as a time halo is read)")]
    }

    /// Where the command runs on a GPU backend (`process --backend cuda`): its device kernel, or the CPU after a copy.
    static func deviceNote(_ command: any Command) -> String {
        switch DevicePlacement.of(command) {
        case .device: return "GPU: device kernel"
        case .host: return "GPU: runs on the CPU (input copied from the device, logged)"
        case .transfer: return "GPU: copy " + (command is ToGPUCommand ? "to" : "from") + " the device"
        }
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\"", with: "\\\"")
    }
}
