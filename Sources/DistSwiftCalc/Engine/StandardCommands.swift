/// distswift's own commands: the registry every graph is validated against unless a caller adds more.
extension CommandRegistry {
    public static let standard = CommandRegistry([
        FFTCommand.self, IFFTCommand.self, RMSFromFFTCommand.self, TEFromFFTCommand.self, MultipleCalcsCommand.self,
        AbsCommand.self, RealCommand.self, ToGPUCommand.self, FromGPUCommand.self,
        MeanCommand.self, SumCommand.self, StdDevCommand.self, ApproxVLFCommand.self,
        DiffCommand.self, DownsampleCommand.self, GatherCommand.self, ButterCommand.self,
        WriteNPYCommand.self, WriteWITSMLCommand.self, WritePRODMLFBECommand.self, ThumbnailCommand.self,
        SubgraphCommand.self,
        // Element-wise
        AngleCommand.self, ConjCommand.self, UnwrapCommand.self, LinTransformCommand.self, RescaleCommand.self,
        SoftThresholdCommand.self, HardThresholdCommand.self, BoundedSelectCommand.self,
        // Multi-input
        AddCommand.self, MultiplyCommand.self, DeconvolveCommand.self, VirtualCMPCommand.self, RollCommand.self,
        // f–k
        VelocityMapCommand.self, VelocityMaskCommand.self, UpWaveCommand.self, DownWaveCommand.self,
        DestripeCommand.self,
        // Filters and events
        RunningMeanCommand.self, StaLtaCommand.self, BroadenCommand.self,
        // Geometry
        GradientCommand.self, ClipCommand.self, ExtractCommand.self, ArgmaxCommand.self,
        // Statistics
        KurtosisCommand.self, SkewnessCommand.self, GeometricMeanCommand.self, HarmonicMeanCommand.self,
        PeakToPeakCommand.self, CountPeaksCommand.self,
        // Spectral and images
        AnalyticSignalCommand.self, GaussianCommand.self, SobelCommand.self, ConvolveCommand.self,
        CorrelateCommand.self, MedianFilterCommand.self, WienerCommand.self, DipFilterCommand.self,
        // Infrastructure
        CopyCommand.self, DataCommand.self, NoneCommand.self, DataLoadCommand.self, MacroCommand.self,
        // Learning
        KMeansCommand.self, KerasCommand.self,
    ] + DASCoreConditioningCommands.all + ToolkitBCommands.all
      + TimeFrequencyCommands.all)
}
