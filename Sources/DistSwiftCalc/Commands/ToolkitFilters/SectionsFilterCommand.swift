import DistSwiftIO

/// DASCore's IIR filters along one dimension (`pass_filter`, `notch_filter`): second-order sections designed for
/// the rate along the dimension, run forward and backward (scipy's sosfiltfilt with odd padding) or forward only.
/// One definition of how they run: along time on rows (float32 rows in a float32 graph; from the state scan's
/// starting states in `process`), along distance on the transposed lines; a halo of the impulse response where the
/// state scan is not used; the length a zero-phase pass needs.
protocol SectionsFilterCommand: LinearStateScanCommand {
    var dimension: DataDimension { get }
    var zeroPhase: Bool { get }
    var haloTolerance: Double { get }
    /// The sections for `rate` (Hz along time, cycles/m along distance), or an error naming the bad frequency.
    func sections(rate: Double) throws -> SecondOrderSections
}

extension SectionsFilterCommand {
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }
    public var channelContext: ChannelContext { DimensionContext(dimension: dimension).channels() }

    /// Along time each pass settles over the impulse response: that much from before (and after, zero-phase).
    public func timeContext(_ input: Axes) -> TimeContext {
        guard dimension == .time else { return .pointwise }
        guard let rate = input.samplingRateHz, let sos = try? sections(rate: rate) else { return .perChunk }
        let n = sos.impulseResponseLength(tolerance: haloTolerance)
        return .window(zeroPhase ? .symmetric(n) : AxisContext(before: n))
    }

    /// Nyquist along the dimension, for validation: half the rate (Hz) or half the inverse channel spacing
    /// (cycles/m); nil when the graph's context does not know it.
    func nyquist(_ context: GraphContext) -> Double? {
        dimension == .time ? context.nyquistHz : context.channelSpacingM.map { 1 / (2 * abs($0)) }
    }

    public var scansTime: Bool { dimension == .time }
    public var hasFloat32Kernel: Bool { dimension == .time }

    public func stateScanChunk(_ input: DataArray, position: SegmentPosition, context: ChunkContext) throws
        -> StateScanChunk {
        try sections(context).stateScanChunk(input.values, padType: .odd, zeroPhase: zeroPhase, position: position,
                                             command: Self.name)
    }

    /// The sections for the rate along the dimension of the command's input.
    func sections(_ context: ChunkContext) throws -> SecondOrderSections {
        try sections(rate: try context.rate(along: dimension, command: Self.name))
    }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let sos = try sections(context)
        if dimension == .time {
            if zeroPhase, inputs[0].columns <= sos.defaultPadLength, context.stateScan == nil {
                throw CommandError(Self.name, "each line has \(inputs[0].columns) samples along time, but "
                                   + "zero-phase filtering needs more than padlen = \(sos.defaultPadLength)")
            }
            return try sos.filteredRows(inputs[0], padType: .odd, zeroPhase: zeroPhase, start: context.stateScan,
                                        single: context.singlePrecision, command: Self.name)
        }
        let lines = try inputs[0].realValues(for: Self.name).transposedValues()
        let filtered: Array2D<Double>
        if zeroPhase {
            guard lines.columns > sos.defaultPadLength else {
                throw CommandError(Self.name, "each line has \(lines.columns) samples along \(dimension.rawValue), "
                                   + "but zero-phase filtering needs more than padlen = \(sos.defaultPadLength)")
            }
            filtered = Array2D(rows: lines.rows, columns: lines.columns,
                               values: try sos.zeroPhaseRows(lines, padType: .odd))
        } else {
            filtered = lines.mappingLines(axis: 1) { sos.causal($0) }
        }
        return .real(filtered.transposedValues())
    }
}

extension SecondOrderSections {
    /// scipy's `sosfilt(sos, x)`: the cascade run forward once from rest (zero state).
    func causal(_ x: ArraySlice<Double>) -> [Double] {
        var y = Array(x)
        run(&y, 0..<y.count, reversed: false, initialLevel: 0, initialConditions: sections.map { _ in (0, 0) })
        return y
    }
}
