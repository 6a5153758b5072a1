/// DASCore's conditioning, rate-change, filter and unit commands (issue 19, part A), in the order the reference
/// lists them; `CommandRegistry.standard` adds this list. Each takes DASCore's method name and keywords.
public enum DASCoreConditioningCommands {
    public static let all: [any Command.Type] = [
        // Conditioning
        DetrendCommand.self, DemeanCommand.self, DemedianCommand.self, TaperCommand.self, NormalizeCommand.self,
        StandardizeCommand.self, PadCommand.self, SelectCommand.self, LineMuteCommand.self,
        SlopeMuteCommand.self,
        // Rate changes
        DecimateCommand.self, ResampleCommand.self, InterpolateCommand.self,
        // Filters
        PassFilterCommand.self, NotchFilterCommand.self, SavgolFilterCommand.self, HampelFilterCommand.self,
        WienerFilterCommand.self, DASCoreMedianFilterCommand.self, GaussianFilterCommand.self, WhitenCommand.self,
        SlopeFilterCommand.self,
        // Strain and units
        IntegrateCommand.self, DifferentiateCommand.self, VelocityToStrainRateCommand.self, RadiansToStrainCommand.self,
        ConvertUnitsCommand.self,
    ]
}
