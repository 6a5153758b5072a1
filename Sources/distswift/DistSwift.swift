import ArgumentParser
import DistSwiftIO
import DistSwiftWorkers

@main
struct DistSwift: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "distswift",
        abstract: "Distributed Acoustic Sensing (DAS) processing: ingest records into a chunk store, run command graphs.",
        discussion: """
            distswift reads distpy's JSON system configs and command graphs unchanged.

            Examples:
              distswift synth --store examples/out/store      # a synthetic record as a chunk store
              distswift store info examples/out/store         # what a store holds
              distswift config examples/quickstart-system.json # check a system config, show its locations
            """,
        version: DistSwiftVersion.current,
        subcommands: [IngestCommand.self, ProcessCommand.self, ValidateCommand.self, DescribeCommand.self, CommandsCommand.self,
                      InfoCommand.self,
                      ConfigCommand.self, StoreCommand.self, SynthCommand.self, StatusCommand.self, WorkerCommand.self,
                      ArrayTaskCommand.self,
                      StackCommand.self, PlotCommand.self])

    static func main() async {
        WorkerEnvironment.prepareProcess()
        do {
            var command = try parseAsRoot()
            if var pooled = command as? AsyncParsableCommand {
                try await pooled.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
