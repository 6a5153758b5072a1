/// The commands a graph may name. `standard` holds distswift's own; a user's command set is added with
/// `adding(_:)` (one registry entry per command, nothing in the engine changes). Later entries override earlier ones
/// of the same name, as distpy's `extended_list` does.
public struct CommandRegistry: Sendable {
    public let commands: [any Command.Type]

    public init(_ commands: [any Command.Type]) {
        self.commands = commands
    }

    public func adding(_ more: [any Command.Type]) -> CommandRegistry {
        CommandRegistry(commands + more)
    }

    public func command(named name: String) -> (any Command.Type)? {
        commands.last { $0.name == name }
    }

    /// Names in alphabetical order, each once.
    public var names: [String] { Array(Set(commands.map { $0.name })).sorted() }
}
