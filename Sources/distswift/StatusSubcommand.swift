import ArgumentParser
import DistSwiftControllers
import DistSwiftIO
import Foundation

/// `distswift status`: the latest array run of a location, whichever batch system of `BatchSystems.all` ran it
/// (Slurm is the one there is, so the help names it).
struct StatusSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Report on the latest Slurm run of a store or results location (e.g. one submitted with --detach).",
        discussion: """
            Reads the run's result records (written by its array tasks into {location}/.distswift/slurm/RUN) and asks
            squeue about its jobs: how many tasks finished, failed or are not finished yet, each failure with its
            error and the array task's Slurm log. Once the run is over (every task has a record, or the jobs have
            left the queue), writes its run.json and timeline.svg, as a followed run does, and for ingest assembles
            store.json; then --retry-failed can resubmit the failed tasks. Exit status 1 when any task failed.

            Examples:
              distswift status /data/work/well/results
              distswift status examples/noiselog-system.json     # the config's results location
            """)

    @Argument(help: "The store (ingest) or results (process) folder, or a system config whose output location it is.")
    var location: String

    func run() async throws {
        let storage = try reportingErrors { try resolve(location) }
        let status = try await reportingErrors {
            try await ArrayRunStatus.latest(in: storage, systems: BatchSystems.all)
        }
        guard let status else {
            let names = BatchSystems.all.map { type(of: $0).name }
            let folders = names.map { storage.address(of: ArrayRunLayout.runsFolder(engine: $0)) }
            printError("no \(names.joined(separator: " or ")) run in \(storage): \(folders.joined(separator: ", ")) "
                       + "does not exist or is empty (runs submitted with "
                       + names.map { "--engine \($0)" }.joined(separator: " or ") + " keep their state there)")
            throw ExitCode.failure
        }
        for line in status.lines() { say(line) }
        if let report = try reportingErrors({ try status.finish() }) {
            if status.manifest.job == "ingest" { say("store \(storage): store.json assembled") }
            say("run report: \(report) (timeline beside it)")
        }
        if status.outcome.outcome.fates.values.contains(.failed) { throw ExitCode.failure }
    }

    /// A folder as it is; a JSON file as a system config, whose output location is meant.
    private func resolve(_ path: String) throws -> any StorageLocation {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw ValidationError("\(path) does not exist; give the store or results folder of the run, or its system config")
        }
        return isFolder.boolValue ? LocalStorage(root: path) : try SystemConfig.load(path: path).output
    }
}
