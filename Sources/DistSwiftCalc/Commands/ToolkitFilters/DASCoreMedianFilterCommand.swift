import DistSwiftIO
import DistSwiftNative

/// `dascore_median_filter`: DASCore's `patch.median_filter(time=…, distance=…)` — scipy.ndimage.median_filter
/// over a window along time and/or distance. Named apart from distpy's `median_filter` (a square window of
/// `distance` samples and channels), which keeps its name so distpy graphs run unchanged.
public struct DASCoreMedianFilterCommand: Command {
    public static let name = "dascore_median_filter"
    public static let summary = "DASCore's median_filter (named apart from distpy's): median over time × distance window"
    public static let details = """
        DASCore: patch.median_filter(time=0.005, distance=3, samples=false) — scipy.ndimage.median_filter with
        size (channels, samples) and mode "reflect"; lengths in s and m rounded up to whole samples (DASCore's
        get_sample_count), or counts with "samples": true. For an even count the upper middle value, as scipy.
        distpy's `median_filter` (one `distance` for both dimensions) keeps its name and meaning; this is
        DASCore's. Continuous along time (the window's samples are read from the neighbouring chunks) and, with
        the distance window in samples, in channel blocks; a distance window in metres filters the whole fibre.
        """
    public static let parameters = DimensionKeyword.keyedParameters("the window length (s, m, or samples)") + [
        ParameterSpec("samples", .boolean, default: .bool(false), "true: the lengths are numbers of samples"),
        ParameterSpec("mode", .choice(["reflect"]), default: .string("reflect"),
                      "edge mode at the record's ends (DASCore's default; the only one here)"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let footprint: WindowFootprint

    public init(_ p: ParameterValues) throws {
        footprint = try WindowFootprint(p, command: Self.name, what: "the window length",
                                        example: #"{"time": 5, "samples": true}"#)
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public func timeContext(_ input: Axes) -> TimeContext { footprint.timeContext(input) }
    public var channelContext: ChannelContext { footprint.channelContext() }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let x = try inputs[0].realValues(for: Self.name)
        let (h, w) = try footprint.size(context, command: Self.name)
        return .real(Array2D(rows: x.rows, columns: x.columns,
                             values: SlidingWindowKernels.median(x.values, rows: x.rows, columns: x.columns,
                                                                 height: h, width: w)))
    }
}
