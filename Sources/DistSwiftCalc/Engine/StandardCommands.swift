/// distswift's own commands: the registry every graph is validated against unless a caller adds more.
extension CommandRegistry {
    public static let standard = CommandRegistry([
        FFTCommand.self, IFFTCommand.self, RMSFromFFTCommand.self, TEFromFFTCommand.self, MultipleCalcsCommand.self,
        AbsCommand.self, RealCommand.self, ToGPUCommand.self, FromGPUCommand.self,
        MeanCommand.self, SumCommand.self, StdDevCommand.self, ApproxVLFCommand.self,
        DiffCommand.self, DownsampleCommand.self, GatherCommand.self, ButterCommand.self,
        WriteNPYCommand.self, WriteWITSMLCommand.self, WritePRODMLFBECommand.self, ThumbnailCommand.self,
        SubgraphCommand.self,
    ])
}
