import ArgumentParser
import DistSwiftIO
import Foundation

struct ConfigSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check a system config and show the storage locations it maps to.",
        discussion: """
            A system config uses distpy's keys: in_drive, out_drive, project, data, results, parallel_flag, ncpu,
            BOX_SIZE, measured_depth, time_scale, prf, config. Relative paths resolve against the config's folder.

            Example:
              distswift config examples/quickstart-system.json
            """)

    @Argument(help: "The system config (JSON).")
    var systemConfig: String

    func run() throws {
        let config = try reportingErrors { try SystemConfig.load(path: systemConfig) }
        say("system config  \(config.file)")
        say("input          \(config.input)")
        say("output         \(config.output)")
        say("workers        \(config.parallel ? "\(config.workerCount) in parallel" : "1 (serial)")")
        say("channel block  \(config.channelBlocks)")
        say("prf            \(config.prf) Hz (for stores without store.json)")
        if let m = config.measuredDepthFile { say("measured_depth \(config.input.address(of: m))") }
        if let t = config.timeScaleFile { say("time_scale     \(config.input.address(of: t))") }
        if let w = config.workflowFile {
            let exists = FileManager.default.fileExists(atPath: w)
            say("workflow       \(w)\(exists ? "" : "  (missing!)")")
        }
    }
}
