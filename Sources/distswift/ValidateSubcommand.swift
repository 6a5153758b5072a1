import ArgumentParser
import DistSwiftCalc
import DistSwiftIO
import Foundation

struct ValidateSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a command graph without running it: every problem at once, with its JSON path and a fix.",
        discussion: """
            Checks command names, parameters (unknown, missing, mistyped), uids, in_uid/gather_uids wiring and
            cycles, the kind of data each command receives, and output folders. With --rate, frequencies are also
            checked against Nyquist at the rate each command really receives (after a downsample, the lower one),
            and each command's context is printed: what it needs from neighbouring samples and channels, the halo
            it receives, and the axes of its output (process does all this with the store's rate).

            Example:
              distswift validate configs/strainrate2noiselog.json --rate 10000
            """)

    @Argument(help: "The command graph (JSON with a command_list).")
    var graph: String

    @Option(help: "Sampling rate of the data in Hz, to check frequencies against Nyquist and show each command's context.")
    var rate: Double?

    @Option(help: "Samples per chunk, for the axes shown with --rate.")
    var samples: Int?

    func run() throws {
        let document = try reportingErrors { try GraphDocument.load(path: graph) }
        let plan = try reportingErrors {
            try GraphValidator(registry: .standard).plan(document, context: GraphContext(samplingRateHz: rate, samplesPerChunk: samples))
        }
        say("ok: \(graph): \(plan.nodes.count) commands"
            + (plan.channelLocal ? " (runs in channel blocks)" : " (needs whole chunks)"))
        for node in plan.nodes {
            let inputs = node.inputs.map { input -> String in
                switch input {
                case .chunk: return "chunk"
                case .node(let i): return "uid \(plan.nodes[i].uid)"
                }
            }
            say("  uid \(node.uid)  \(node.name)(\(inputs.joined(separator: ", "))) → \(node.outputKind)")
        }
        for line in GraphDescription.contextLines(plan) + GraphDescription.precisionLines(plan)
                    + GraphDescription.bufferLines(plan) { say("  " + line) }
    }
}
