/// What a command needs from beyond the samples (or channels) it produces, along one axis, so the engine can give
/// it neighbouring data and chunked results equal monolithic ones.
public struct AxisContext: Sendable, Equatable, CustomStringConvertible {
    /// Input elements needed before and after the element being computed.
    public var before: Int
    public var after: Int
    /// Input elements per output element (a `downsample` step); the engine scales what later commands need by it.
    public var stride: Int

    public init(before: Int = 0, after: Int = 0, stride: Int = 1) {
        self.before = before
        self.after = after
        self.stride = stride
    }

    /// Output element k depends on input element k alone (or k·stride).
    public static let pointwise = AxisContext()

    public static func symmetric(_ n: Int) -> AxisContext { AxisContext(before: n, after: n) }

    public var description: String {
        before == 0 && after == 0 ? (stride == 1 ? "pointwise" : "every \(stride)th")
            : "\(before) before, \(after) after" + (stride == 1 ? "" : ", step \(stride)")
    }
}

/// What a command needs along time.
public enum TimeContext: Sendable, Equatable, CustomStringConvertible {
    /// Defined on the chunk as it is (an FFT of the chunk, band energies, per-chunk statistics, writers): the
    /// engine trims its inputs to the chunk exactly.
    case perChunk
    /// Output samples need this many input samples around them; the engine reads that much of the neighbouring
    /// chunks and trims the result to the chunk before anything per-chunk sees it.
    case window(AxisContext)

    public static let pointwise = TimeContext.window(.pointwise)

    public var description: String {
        switch self {
        case .perChunk: return "per chunk"
        case .window(let c): return c.description
        }
    }
}

/// What a command needs along the fibre.
public enum ChannelContext: Sendable, Equatable, CustomStringConvertible {
    /// Every channel of the chunk at once (a sum over channels, a transform along the fibre): no channel blocks.
    case wholeFibre
    /// Output channels need this many channels around them: BOX_SIZE blocks are read with that halo.
    case window(AxisContext)

    public static let local = ChannelContext.window(.pointwise)

    public var description: String {
        switch self {
        case .wholeFibre: return "whole fibre"
        case .window(let c): return c == .pointwise ? "per channel" : c.description
        }
    }
}
