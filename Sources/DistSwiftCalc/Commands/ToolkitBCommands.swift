/// The DASCore toolkit's spectral, event, array and rolling-statistics commands (issue 19, part B), registered
/// together so the standard registry takes them with one line.
enum ToolkitBCommands {
    static let all: [any Command.Type] = [
        // Rolling statistics and gain
        RollingMeanCommand.self, RollingStdCommand.self, RollingMedianCommand.self, RollingMaxCommand.self,
        RollingMinCommand.self, AGCCommand.self,
        // Events and picks
        StaLtaDASCoreCommand.self, TriggerCommand.self, WritePicksCommand.self,
        // Spectral
        HilbertCommand.self, EnvelopeCommand.self, RFFTCommand.self, DFTCommand.self,
        SpectralCentroidCommand.self, SpectralFlatnessCommand.self, SpectralEntropyCommand.self,
        SpectralPeakFrequencyCommand.self, MedianFrequencyCommand.self,
        // Arrays
        CrossCorrelateCommand.self, CorrelateShiftCommand.self, PhaseWeightedStackCommand.self, TauPCommand.self,
        DispersionPhaseShiftCommand.self,
    ]
}
