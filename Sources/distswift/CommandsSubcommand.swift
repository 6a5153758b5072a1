import ArgumentParser
import DistSwiftCalc
import DistSwiftIO
import Foundation

struct CommandsSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commands",
        abstract: "List the commands a graph may use, or show one command's reference.",
        discussion: """
            Examples:
              distswift commands
              distswift commands multiple_calcs
              distswift commands --markdown > docs/commands.md
            """)

    @Argument(help: "A command name.")
    var name: String?

    @Flag(help: "Print the whole reference as Markdown (docs/commands.md).")
    var markdown = false

    func run() throws {
        let registry = CommandRegistry.standard
        if markdown {
            print(CommandReference.markdown(registry), terminator: "")
            return
        }
        guard let name else {
            let width = registry.names.map(\.count).max() ?? 0
            for type in registry.commands.sorted(by: { $0.name < $1.name }) {
                say(type.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + type.summary)
            }
            return
        }
        guard let type = registry.command(named: name) else {
            let hint = NameSuggestion.didYouMean(name, in: registry.names)
            FileHandle.standardError.write(Data("distswift: error: '\(name)' is not a known command"
                .appending(hint.isEmpty ? "; `distswift commands` lists them\n" : "; \(hint)\n").utf8))
            throw ExitCode.failure
        }
        print(CommandReference.markdown(type), terminator: "")
    }
}
