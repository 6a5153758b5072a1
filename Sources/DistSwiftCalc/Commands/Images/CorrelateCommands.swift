import DistSwiftIO

/// What `convolve` and `correlate` share: a kernel (rows along channels, columns along time) and an edge mode.
struct KernelFilter: Sendable {
    let filter: ImageCorrelation

    static func parameters(default kernel: JSONValue) -> [ParameterSpec] {
        [ParameterSpec("coeffs", .json, default: kernel, "kernel: a list of rows (rows along channels, columns along time)"),
         ParameterSpec("mode", EdgeMode.parameterKind, default: .string("constant"),
                       "how the record is extended at its ends (scipy.ndimage modes)")]
    }

    static let details = """
        Output sample (i, j) reads the kernel's neighbourhood: the neighbouring chunks and channel blocks supply it,
        so chunked runs equal one long record; `mode` applies only at the ends of the record and of the fibre.
        """
}

/// `convolve`: scipy.ndimage.convolve(x, coeffs, mode) (distpy's `extra_numpy.convolve2D`).
public struct ConvolveCommand: Command {
    public static let name = "convolve"
    public static let summary = "2-D convolution with coeffs (rows along channels), scipy.ndimage.convolve"
    public static let details = KernelFilter.details
    public static let parameters = KernelFilter.parameters(default: .array([
        .array([.number(1), .number(0), .number(-1)]), .array([.number(2), .number(0), .number(-2)]),
        .array([.number(1), .number(0), .number(-1)])]))
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let kernel: KernelFilter

    public init(_ p: ParameterValues) throws {
        kernel = KernelFilter(filter: .convolution(try p.matrix("coeffs"), mode: EdgeMode(rawValue: p.string("mode"))!))
    }

    public func timeContext(_ input: Axes) -> TimeContext { .window(kernel.filter.timeContext) }
    public var channelContext: ChannelContext { .window(kernel.filter.channelContext) }
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        .real(kernel.filter.apply(try inputs[0].realValues(for: Self.name)))
    }
}

/// `correlate`: scipy.ndimage.correlate(x, coeffs, mode).
public struct CorrelateCommand: Command {
    public static let name = "correlate"
    public static let summary = "2-D correlation with coeffs (rows along channels), scipy.ndimage.correlate"
    public static let details = KernelFilter.details
        + " distpy's meaning of `correlate`; DASCore's `correlate` (every channel with a master channel, lags as an"
        + " axis) is the command `cross_correlate`."
    public static let parameters = KernelFilter.parameters(default: .array([
        .array([.number(0), .number(0), .number(1)]), .array([.number(0), .number(1), .number(0)]),
        .array([.number(1), .number(0), .number(0)]), .array([.number(0), .number(1), .number(0)]),
        .array([.number(0), .number(0), .number(1)])]))
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let kernel: KernelFilter

    public init(_ p: ParameterValues) throws {
        kernel = KernelFilter(filter: ImageCorrelation(kernel: try p.matrix("coeffs"),
                                                       mode: EdgeMode(rawValue: p.string("mode"))!))
    }

    public func timeContext(_ input: Axes) -> TimeContext { .window(kernel.filter.timeContext) }
    public var channelContext: ChannelContext { .window(kernel.filter.channelContext) }
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        .real(kernel.filter.apply(try inputs[0].realValues(for: Self.name)))
    }
}

/// `sobel`: scipy.ndimage.sobel(x, axis, mode): the derivative [-1, 0, 1] along `axis` smoothed by [1, 2, 1]
/// across it.
public struct SobelCommand: Command {
    public static let name = "sobel"
    public static let summary = "Sobel derivative along time (axis 1) or channels (axis 0), scipy.ndimage.sobel"
    public static let details = KernelFilter.details
    public static let parameters = [
        ParameterSpec("axis", .axis, default: .number(-1), "1 (or -1): derivative along time; 0: along channels"),
        ParameterSpec("mode", EdgeMode.parameterKind, default: .string("constant"), "edge mode at the record's ends"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let filter: ImageCorrelation

    public init(_ p: ParameterValues) throws {
        let derivative = [-1.0, 0, 1], smooth = [1.0, 2, 1]
        let (across, along) = p.axis("axis") == 1 ? (smooth, derivative) : (derivative, smooth)
        filter = ImageCorrelation(kernel: Array2D(rows: 3, columns: 3,
                                                  values: across.flatMap { a in along.map { a * $0 } }),
                                  mode: EdgeMode(rawValue: p.string("mode"))!)
    }

    public func timeContext(_ input: Axes) -> TimeContext { .window(filter.timeContext) }
    public var channelContext: ChannelContext { .window(filter.channelContext) }
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        .real(filter.apply(try inputs[0].realValues(for: Self.name)))
    }
}
