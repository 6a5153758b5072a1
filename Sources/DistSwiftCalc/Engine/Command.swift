import DistSwiftIO

/// What a graph knows about the data before it runs, for checks such as "frequency above Nyquist".
public struct GraphContext: Sendable {
    /// Sampling rate of the chunks (nil when validating a graph on its own, without a store).
    public var samplingRateHz: Double?
    /// Samples per chunk (nil when unknown).
    public var samplesPerChunk: Int?
    /// Channel spacing in metres (nil when unknown).
    public var channelSpacingM: Double?
    /// Channel positions in metres (nil when unknown: the axes then have no channels).
    public var channelPositions: [Double]?
    /// Units of the stored values ("" when unknown).
    public var units: String
    /// The command that last changed the rate before this point of the graph ("downsample (uid 3)"), for messages.
    public var rateChangedBy: String?
    /// The interrogator's gauge length in metres, as the store records it (nil when unknown).
    public var gaugeLengthM: Double?
    /// The axes of the command's input (in_uid) at this point of the graph, when the validator knows them.
    public var inputAxes: Axes?

    public init(samplingRateHz: Double? = nil, samplesPerChunk: Int? = nil, channelSpacingM: Double? = nil,
                channelPositions: [Double]? = nil, units: String = "") {
        self.samplingRateHz = samplingRateHz
        self.samplesPerChunk = samplesPerChunk
        self.channelSpacingM = channelSpacingM
        self.channelPositions = channelPositions
        self.units = units
    }

    /// The nominal chunk's axes (segment start 0), when the rate is known.
    public var chunkAxes: Axes? {
        guard let samplingRateHz else { return nil }
        let positions = channelPositions ?? []
        return Axes.chunk(positions: positions, segmentOriginNs: 0, rateHz: samplingRateHz, firstSample: 0,
                          samples: samplesPerChunk ?? 0, units: units)
    }

    /// What a command at a point of the graph sees: the rate, length and spacing of its input.
    public func receiving(_ axes: Axes, rateChangedBy: String?) -> GraphContext {
        var context = self
        context.samplingRateHz = axes.samplingRateHz ?? samplingRateHz
        if axes.columns.dimension == .time { context.samplesPerChunk = axes.columns.count }
        if axes.rows.dimension == .distance, let step = axes.rows.step { context.channelSpacingM = step }
        context.units = axes.units  // what earlier commands made of the store's units
        context.rateChangedBy = rateChangedBy
        context.inputAxes = axes
        return context
    }

    public var nyquistHz: Double? { samplingRateHz.map { $0 / 2 } }
}

/// A problem a command finds in its own parameters (the validator adds the JSON path of the entry).
public struct ParameterProblem: ProblemKind {
    public let base: Problem

    public init(_ parameter: String?, _ problem: String, fix: String? = nil) {
        base = Problem(where: parameter, problem, fix: fix)
    }

    /// The parameter, or nil for the entry as a whole.
    public var parameter: String? { base.where }
}

/// Everything a command needs about the chunk it runs on, besides its input signals.
public struct ChunkContext: Sendable {
    public let samplingRateHz: Double
    /// UTC ns of the chunk's first sample.
    public let startTimeNs: Int64
    /// The chunk's name without extension ("1704067200"): every per-chunk output is named after it.
    public let name: String
    /// Positions (m) of the rows of the chunk being processed (of the whole chunk, also in channel blocks).
    public let channelPositions: [Double]
    /// Rows of the whole chunk that the current call covers (all rows unless the engine runs channel blocks).
    public let channelRange: Range<Int>
    /// Where commands write: the results location (`{out_drive}/{project}/{results}`).
    public let results: any StorageLocation
    public let backend: any ComputeBackend
    /// The interrogator's gauge length in metres, as the store records it (nil when unknown).
    public var gaugeLengthM: Double?
    /// The graph's precision (`GraphPlan.precision`): float32 asks commands with a float32 kernel for float32 values.
    public var computePrecision: ComputePrecision = .float64
    /// The axes of the command's inputs as they arrive (in_uid first); the engine sets them per command, and
    /// `samplingRateHz` is then the rate of in_uid's time axis (a `downsample` before the command divides it).
    public private(set) var inputAxes: [Axes] = []
    /// For a `RunningTotalCommand` in `process`: where its running total stands at the chunk's first sample (the
    /// totals pass's offsets); set by the engine per node, nil elsewhere (the chunk is then the record's start).
    public var runningTotal: RunningTotal?
    /// Where the chunk sits in its recording segment (`process` sets it; `.whole` elsewhere).
    public var segmentPosition: SegmentPosition = .whole
    /// For a `LinearStateScanCommand` in `process`: the filter states its passes start from, per row of its input
    /// (the state scan's); set by the engine per node, nil elsewhere (the command then pads the chunk's ends).
    public var stateScan: StateScanStart?

    public init(samplingRateHz: Double, startTimeNs: Int64, name: String, channelPositions: [Double],
                channelRange: Range<Int>? = nil, results: any StorageLocation, backend: any ComputeBackend) {
        self.samplingRateHz = samplingRateHz
        self.startTimeNs = startTimeNs
        self.name = name
        self.channelPositions = channelPositions
        self.channelRange = channelRange ?? 0..<channelPositions.count
        self.results = results
        self.backend = backend
    }

    public func block(_ range: Range<Int>) -> ChunkContext {
        var context = ChunkContext(samplingRateHz: samplingRateHz, startTimeNs: startTimeNs, name: name,
                                   channelPositions: channelPositions, channelRange: range, results: results,
                                   backend: backend)
        context.inputAxes = inputAxes
        context.gaugeLengthM = gaugeLengthM
        context.computePrecision = computePrecision
        context.segmentPosition = segmentPosition
        return context
    }

    /// True when a command with a float32 kernel is to return float32 values (a float32 graph).
    public var singlePrecision: Bool { computePrecision == .float32 }

    /// Positions (m) of the `rows` rows of in_uid: its distance axis (after a channel step, the kept channels'),
    /// or the chunk's channels when they number as many; nil when the rows are not channels.
    public func rowPositions(_ rows: Int) -> [Double]? {
        if let axis = inputAxes.first?.rows, axis.dimension == .distance, axis.count == rows, let values = axis.values {
            return values
        }
        return channelPositions.count == rows ? channelPositions : nil
    }

    /// The context a command sees: its inputs' axes, and the rate of in_uid's time axis when it has one.
    public func receiving(_ axes: [Axes]) -> ChunkContext {
        var context = ChunkContext(samplingRateHz: axes.first?.samplingRateHz ?? samplingRateHz,
                                   startTimeNs: startTimeNs, name: name, channelPositions: channelPositions,
                                   channelRange: channelRange, results: results, backend: backend)
        context.inputAxes = axes
        context.gaugeLengthM = gaugeLengthM
        context.computePrecision = computePrecision
        context.segmentPosition = segmentPosition
        return context
    }
}

/// How many inputs a command takes: `in_uid` always; `gather_uids` never, optionally, or required.
public enum GatherRule: Sendable {
    case none, optional, required
}

/// One command of a graph, like distpy's: a name in the registry, declared parameters, what it takes and returns.
/// `init` receives validated parameters; `execute` maps input signals (in_uid first, then gather_uids) to an output.
public protocol Command: Sendable {
    static var name: String { get }
    /// One line for `distswift commands`.
    static var summary: String { get }
    /// Longer reference text (what it computes, how it differs from distpy).
    static var details: String { get }
    static var parameters: [ParameterSpec] { get }
    static var gather: GatherRule { get }
    /// The kinds the `in_uid` input may have.
    static var accepts: Set<SignalKind> { get }

    init(_ parameters: ParameterValues) throws

    /// Checks that need the data's rate or size (frequencies above Nyquist, filter lengths); default none.
    func check(_ context: GraphContext) -> [ParameterProblem]
    /// The kind of the output for these input kinds (in_uid first).
    func outputKind(_ inputs: [SignalKind]) -> SignalKind
    /// The axes of the output for these input axes (in_uid first); the default keeps in_uid's.
    func outputAxes(_ inputs: [Axes]) -> Axes
    /// What the command needs along time around each output sample, given its input's axes (a filter's length at
    /// that rate), or that it is defined per chunk. Default: per chunk (the engine trims its inputs to the chunk).
    func timeContext(_ input: Axes) -> TimeContext
    /// What it needs along the fibre. Default: each channel on its own.
    var channelContext: ChannelContext { get }
    /// Folders under the results location this command writes into (validated not to escape it).
    var outputFolders: [String] { get }
    /// True when `execute` takes packed signals (`Signal.isPacked`: float32 values, interleaved spectra) as they
    /// are; for every other command the engine converts its inputs to the canonical forms first.
    var acceptsPackedSignals: Bool { get }
    /// True when the command has a single-precision kernel: in a graph whose `"precision"` is float32
    /// (`ChunkContext.computePrecision`) it takes `.singleReal` input (the engine narrows float64 values for it) and
    /// returns float32 values. In a float64 graph it is handed a float32 chunk as it is too (`.singleReal`) and
    /// must give the float64 result, widening each value as it reads it.
    var hasFloat32Kernel: Bool { get }
    /// True when every output value is one of its input values or zero (a selection, a shift, padding), so its
    /// float32 kernel on float32 values gives exactly the float64 result. In a float64 graph it then keeps a float32
    /// chunk's values float32 (`returnsFloat32`): the widening waits for the first command that computes, which
    /// widens as it reads, or for the writer — the same numbers without a float64 copy of what it keeps.
    var keepsInputValues: Bool { get }
    /// True when the command can compute its output in the buffer of its in_uid input (the output has the input's
    /// element type and shape: per-line and element-wise commands). The engine then calls `execute(owning:)`,
    /// having dropped its own references to the inputs first, so when nothing else holds in_uid's value (this
    /// command is its last reader, it is not also a gathered input, no deferred writer keeps it) the command is its
    /// only owner and mutates it without a copy. When something else does hold it, Swift's copy-on-write copies the
    /// values at the first write: a value another command reads is never changed, whatever a command declares.
    /// `distswift describe` lists the nodes that reuse their input's buffer (`GraphPlan.reusesInput`).
    var worksInPlace: Bool { get }

    func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal
    /// `execute` with the inputs handed over (called instead of `execute` when `worksInPlace`): the command may
    /// take in_uid's values out of `inputs` (`Signal.takeReal`, `takeSingleReal`) and return them changed. The
    /// result must be the one `execute` gives, bit for bit (tested with and without reuse).
    func execute(owning inputs: inout [Signal], context: ChunkContext) throws -> Signal
}

extension Command {
    public static var details: String { summary }
    public static var gather: GatherRule { .none }
    public func check(_ context: GraphContext) -> [ParameterProblem] { [] }
    public func outputAxes(_ inputs: [Axes]) -> Axes { inputs[0] }
    public func timeContext(_ input: Axes) -> TimeContext { .perChunk }
    public var channelContext: ChannelContext { .local }
    /// True when the engine may run it on channel blocks (with a channel halo where it needs neighbours).
    public var channelLocal: Bool { channelContext != .wholeFibre }
    public var outputFolders: [String] { [] }
    public var acceptsPackedSignals: Bool { false }
    public var hasFloat32Kernel: Bool { false }
    public var keepsInputValues: Bool { false }
    /// True when its float32 kernel returns float32 values: in a float32 graph, or when it only keeps input values.
    public func returnsFloat32(_ context: ChunkContext) -> Bool {
        hasFloat32Kernel && (context.singlePrecision || keepsInputValues)
    }
    public var worksInPlace: Bool { false }
    public func execute(owning inputs: inout [Signal], context: ChunkContext) throws -> Signal {
        try execute(inputs, context: context)
    }
}

/// A command that writes files (per chunk) as well as passing its input on. Channel blocks of its input are
/// stacked by the engine before `write` is called once per chunk.
public protocol WriterCommand: Command {
    func write(_ inputs: [Signal], context: ChunkContext) throws
}

extension WriterCommand {
    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal { inputs[0] }
}

/// An error while running a command on a chunk.
public struct CommandError: ProblemKind {
    public let command: String
    public let base: Problem
    /// The error from below the command (a failed write, a library error) that this one reports, if any: what
    /// decides whether trying again could help.
    public let cause: (any Error & Sendable)?

    public init(_ command: String, _ problem: String, cause: (any Error & Sendable)? = nil) {
        self.command = command
        base = Problem(where: command + ":", problem)
        self.cause = cause
    }
}
