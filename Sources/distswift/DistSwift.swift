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
        subcommands: [IngestSubcommand.self, ProcessSubcommand.self, ValidateSubcommand.self, DescribeSubcommand.self, CommandsSubcommand.self,
                      InfoSubcommand.self, BackendsSubcommand.self,
                      ConfigSubcommand.self, StoreSubcommand.self, SynthSubcommand.self, StatusSubcommand.self, WorkerSubcommand.self,
                      ArrayTaskSubcommand.self,
                      StackSubcommand.self, PlotSubcommand.self,
                      ExportSubcommand.self, WatchSubcommand.self, FBESubcommand.self])

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
