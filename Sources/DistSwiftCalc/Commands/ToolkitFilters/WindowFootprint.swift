import DistSwiftIO

/// A 2-D window given DASCore's way (`time=5, distance=3`, either or both), its size in channels × samples and
/// the context the engine must read around it (centre at size // 2, as scipy.ndimage).
struct WindowFootprint: Sendable, Equatable {
    let windows: [DimensionWindow]

    init(_ p: ParameterValues, command: String, what: String, example: String) throws {
        let samples = p.flag("samples")
        windows = try DimensionKeyword.keyedAny(p, example: example).map {
            try DimensionWindow($0.dimension, $0.value, inSamples: samples, what: what)
        }
    }

    func window(_ dimension: DataDimension) -> DimensionWindow? { windows.first { $0.dimension == dimension } }

    /// (channels, samples) of the window for these axes; 1 along a dimension not given.
    func size(_ axes: Axes?) -> (rows: Int, columns: Int)? {
        guard let rows = window(.distance).map({ $0.samples(axes) }) ?? 1,
              let columns = window(.time).map({ $0.samples(axes) }) ?? 1 else { return nil }
        return (rows, columns)
    }

    func size(_ context: ChunkContext, command: String) throws -> (rows: Int, columns: Int) {
        (try window(.distance)?.samples(context, command: command) ?? 1,
         try window(.time)?.samples(context, command: command) ?? 1)
    }

    static func centred(_ n: Int) -> AxisContext { AxisContext(before: n / 2, after: n - 1 - n / 2) }

    /// Along time: the window's samples around each one (continuous across chunks).
    func timeContext(_ input: Axes, reach: (Int) -> AxisContext = centred) -> TimeContext {
        guard let time = window(.time) else { return .pointwise }
        guard let n = time.samples(input) else { return .perChunk }
        return .window(reach(n))
    }

    /// Along the fibre: the window's channels in blocks when counted in samples; the whole fibre when given in
    /// metres (the spacing is not known where the engine plans blocks).
    func channelContext(reach: (Int) -> AxisContext = centred) -> ChannelContext {
        guard let distance = window(.distance) else { return .local }
        guard distance.inSamples else { return .wholeFibre }
        return .window(reach(Int(distance.length)))
    }
}
