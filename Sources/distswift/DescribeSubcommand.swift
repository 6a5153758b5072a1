import ArgumentParser
import DistSwiftCalc
import DistSwiftIO
import Foundation

struct DescribeSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Write a command graph as a Graphviz DOT picture (and SVG when Graphviz is installed) and a "
            + "Markdown page describing every node (distpy's document mode).",
        discussion: """
            Writes NAME.dot, NAME.md and, if the `dot` program is on PATH, NAME.svg into --output (default: the
            graph's folder), NAME being the graph file's name without .json.

            Example:
              distswift describe configs/strainrate2noiselog.json --output docs/graphs
            """)

    @Argument(help: "The command graph (JSON).")
    var graph: String

    @Option(help: "Folder for the files (default: the graph's folder).")
    var output: String?

    @Option(help: "Sampling rate in Hz: the page then shows each command's context, halo and output axes.")
    var rate: Double?

    @Option(help: "Samples per chunk, for the axes shown with --rate.")
    var samples: Int?

    func run() throws {
        let document = try reportingErrors { try GraphDocument.load(path: graph) }
        let plan = try reportingErrors { try GraphValidator(registry: .standard).plan(
            document, context: GraphContext(samplingRateHz: rate, samplesPerChunk: samples)) }
        let folder = output ?? (graph as NSString).deletingLastPathComponent
        let stem = ((graph as NSString).lastPathComponent as NSString).deletingPathExtension
        let base = (folder.isEmpty ? "." : folder) + "/" + stem
        try reportingErrors {
            try FileManager.default.createDirectory(atPath: folder.isEmpty ? "." : folder,
                                                    withIntermediateDirectories: true)
            // The store's atomic writer (temporary name, sync, rename): Foundation's `atomically: true` leaves an
            // empty `TemporaryDirectory.*` folder in /tmp behind on every call on Linux.
            let location = LocalStorage(root: folder.isEmpty ? "." : folder)
            for (suffix, text) in [(".dot", GraphDescription.dot(plan)), (".md", GraphDescription.markdown(plan))] {
                try location.writeAtomically(stem + suffix) { try $0.write(Array(text.utf8)) }
            }
        }
        say("wrote \(base).dot and \(base).md")
        if let dot = Self.findDot() {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: dot)
            process.arguments = ["-Tsvg", base + ".dot", "-o", base + ".svg"]
            try process.run()
            process.waitUntilExit()
            if process.terminationStatus == 0 { say("wrote \(base).svg") }
        } else {
            say("(Graphviz's dot is not installed: no SVG; `apt-get install graphviz` adds it)")
        }
    }

    static func findDot() -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        return paths.map { "\($0)/dot" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
