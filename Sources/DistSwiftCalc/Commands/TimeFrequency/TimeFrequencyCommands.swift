/// The time–frequency commands (issue 19): their outputs are the engine's 3-D arrays (`Axes.third`).
public enum TimeFrequencyCommands {
    public static let all: [any Command.Type] = [STFTCommand.self, ISTFTCommand.self, SpectrogramCommand.self]
}
