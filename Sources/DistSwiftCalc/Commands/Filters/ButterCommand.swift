import DistSwiftIO

/// `butter`: a zero-phase Butterworth filter along time (axis 1) or along channels (axis 0).
public struct ButterCommand: LinearStateScanCommand {
    public static let name = "butter"
    public static let summary = "zero-phase Butterworth lowpass/highpass/bandpass/bandstop along time or channels"
    public static let details = """
        The filter is scipy.signal.butter(order, Wn, type, output='sos') run forward and backward as
        scipy.signal.sosfiltfilt(sos, x, padtype=padtype) with scipy's default padlen, 3 × (2·sections + 1) less 3
        for the first-order section of an odd order: no phase shift, the magnitude response squared (−6 dB at each
        cut-off), effective order doubled. Wn = freq / (fs/2), with fs the sampling rate along time (axis 1) or
        1/channel spacing along channels (axis 0, freq in cycles per metre). A row (axis 1) or column (axis 0) must
        be longer than padlen: 18 samples for order 5 lowpass/highpass, 33 for order 5 bandpass/bandstop.
        Differences from distpy (its bug #14):
        - second-order sections instead of a transfer function (distpy's output='ba' with filtfilt): at order 8 the
          transfer function is already about 2% off at Wn = 0.01 and diverges at Wn = 0.002, where the sections
          stay exact; padlen follows sosfiltfilt's rule, not filtfilt's 3·max(len(a), len(b)), so samples within
          the filter's settling time of either end differ from distpy's even where its filter is stable;
        - bandpass and bandstop work, with freq a pair [low, high] (distpy divides the list by a float and crashes);
        - along channels (axis 0) Wn = 2·freq·dx, the spatial frequency over the spatial Nyquist 1/(2·dx); distpy
          uses freq/(dx/2), a cut-off wrong by a factor 1/dx².
        Cut-offs at or above Nyquist are reported when the graph is checked against the store, not by a failing chunk.
        Continuous along time (axis 1): in `process` an exact state scan carries the filter's states across chunk
        boundaries (chunked == the whole recording segment to rounding, no halo; the segment's ends are padded);
        `watch` reads the impulse-response length (to halo_tolerance) from the neighbouring chunks. A float32 graph
        filters float32 rows along time.
        """
    public static let parameters = [
        ParameterSpec("order", .integer, default: .number(5), "filter order N (the zero-phase result has order 2N)"),
        ParameterSpec("type", .choice(FilterBand.allCases.map(\.rawValue)), default: .string("lowpass"),
                      "response: lowpass, highpass, bandpass or bandstop"),
        ParameterSpec("freq", .numberOrList, default: .number(200), unit: "Hz (axis 1) or 1/m (axis 0)",
                      "cut-off; a pair [low, high] for bandpass and bandstop"),
        ParameterSpec("padtype", .choice(PadType.allCases.map(\.rawValue)), default: .string("even"),
                      "how the ends are extended before filtering (scipy's even_ext, odd_ext, const_ext)"),
        ParameterSpec("axis", .axis, default: .number(1), "1: along time (per channel); 0: along channels"),
        ParameterSpec("halo_tolerance", .number, default: .number(1e-9),
                      "distswift: how closely chunk edges match one long record — the engine reads the filter's "
                      + "impulse-response length to this fraction of its total from each neighbouring chunk"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries, .perSample]

    let order: Int
    let band: FilterBand
    let frequencies: [Double]
    let padType: PadType
    let axis: Int
    let haloTolerance: Double

    public init(_ p: ParameterValues) throws {
        order = p.integer("order")
        haloTolerance = p.numbers("halo_tolerance").first ?? 1e-9  // absent when built without the validator
        guard haloTolerance > 0 && haloTolerance < 1 else {
            throw ParameterProblem("halo_tolerance", "is \(haloTolerance) but must lie between 0 and 1",
                                   fix: "use e.g. 1e-9 (default) or 1e-6 for a shorter halo")
        }
        band = FilterBand(rawValue: p.string("type")) ?? .lowpass
        frequencies = p.numbers("freq")
        padType = PadType(rawValue: p.string("padtype")) ?? .even
        axis = p.axis("axis")
        guard order >= 1 else {
            throw ParameterProblem("order", "is \(order) but must be at least 1", fix: "use an order such as 5")
        }
        let unit = axis == 1 ? "Hz" : "cycles/m"
        if band.cutoffCount == 2 {
            guard frequencies.count == 2 else {
                throw ParameterProblem("freq", "has \(frequencies.count) value(s) but a \(band.rawValue) filter needs "
                                       + "two cut-offs", fix: "give the band as a pair [low, high] in \(unit)")
            }
            guard frequencies[0] < frequencies[1] else {
                throw ParameterProblem("freq", "is [\(frequencies[0]), \(frequencies[1])] but low must be below high",
                                       fix: "give the band as [low, high] with low < high")
            }
        } else if frequencies.count != 1 {
            throw ParameterProblem("freq", "has \(frequencies.count) values but a \(band.rawValue) filter has one "
                                   + "cut-off", fix: "give a single number in \(unit), or use type \"bandpass\" "
                                   + "or \"bandstop\" for a pair")
        }
        if let bad = frequencies.first(where: { !($0 > 0) }) {
            throw ParameterProblem("freq", "contains \(bad) but cut-offs must be above 0",
                                   fix: "give cut-offs between 0 and Nyquist")
        }
    }

    public func check(_ context: GraphContext) -> [ParameterProblem] {
        let nyquist: Double?, what: String
        if axis == 1 {
            nyquist = context.nyquistHz
            what = "Nyquist (\(context.samplingRateHz.map { "\($0)" } ?? "?") Hz / 2)"
        } else {
            nyquist = context.channelSpacingM.map { 1 / (2 * abs($0)) }
            what = "the spatial Nyquist 1/(2·dx) with dx = \(context.channelSpacingM.map { "\($0)" } ?? "?") m"
        }
        guard let nyquist else { return [] }
        let unit = axis == 1 ? "Hz" : "cycles/m"
        return frequencies.filter { $0 >= nyquist }.map { f in
            ParameterProblem("freq", "contains \(f) \(unit), not below \(what) = \(nyquist) \(unit)",
                             fix: "use cut-offs between 0 and \(nyquist) \(unit)")
        }
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }

    /// Along channels the whole fibre is filtered at once; along time each channel on its own.
    public var channelContext: ChannelContext { axis == 1 ? .local : .wholeFibre }

    /// Along time, each pass needs the filter's impulse-response length (to `halo_tolerance`) on both sides: the
    /// forward pass settles from before, the backward pass from after. Along channels, every sample on its own.
    public func timeContext(_ input: Axes) -> TimeContext {
        guard axis == 1 else { return .pointwise }
        guard let rate = input.samplingRateHz, let sos = try? sections(rate: rate) else { return .perChunk }
        return .window(.symmetric(sos.impulseResponseLength(tolerance: haloTolerance)))
    }

    /// The second-order sections for a sampling rate (samples per second, or per metre along channels).
    func sections(rate: Double) throws -> SecondOrderSections {
        let wn = frequencies.map { $0 / (rate / 2) }
        guard wn.allSatisfy({ $0 > 0 && $0 < 1 }) else {
            let unit = axis == 1 ? "Hz" : "cycles/m"
            throw CommandError(Self.name, "freq \(frequencies) \(unit) must lie between 0 and Nyquist \(rate / 2) "
                               + "\(unit)")
        }
        return Butterworth.sections(order: order, cutoffs: wn, band: band)
    }

    public var scansTime: Bool { axis == 1 }
    public var hasFloat32Kernel: Bool { axis == 1 }

    public func stateScanChunk(_ input: DataArray, position: SegmentPosition, context: ChunkContext) throws
        -> StateScanChunk {
        try sections(rate: context.samplingRateHz).stateScanChunk(input.values, padType: padType, zeroPhase: true,
                                                                  position: position, command: Self.name)
    }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        switch inputs[0] {
        case .real, .singleReal: break
        default: throw CommandError(Self.name, "needs real values; take real or abs of complex data first")
        }
        if axis == 1 { return try filteredAlongTime(inputs[0], context: context) }
        let data = try inputs[0].canonical().realValues(for: Self.name)
        let positions = context.inputAxes.first?.rows.values ?? context.channelPositions
        guard positions.count >= 2 else {
            throw CommandError(Self.name, "axis 0 filters along channels and needs at least 2 channel positions "
                               + "for the spacing, got \(positions.count)")
        }
        let dx = abs(positions[1] - positions[0])
        guard dx > 0, dx.isFinite else {
            throw CommandError(Self.name, "axis 0 needs a channel spacing above 0, got \(dx) m")
        }
        let sos = try sections(rate: 1 / dx)
        let along = data.transposedForFiltering()
        guard along.columns > sos.defaultPadLength else {
            let what = "each column has \(along.columns) values along channels"
            throw CommandError(Self.name, "\(what), but zero-phase filtering of order \(order) needs more than "
                               + "padlen = \(sos.defaultPadLength); use longer chunks or a lower order")
        }
        let filtered = Array2D(rows: along.rows, columns: along.columns,
                               values: try sos.zeroPhaseRows(along, padType: padType))
        return .real(filtered.transposedForFiltering())
    }

    /// Along time: each row from the state scan's states in `process`, else the chunk as the whole record.
    private func filteredAlongTime(_ input: Signal, context: ChunkContext) throws -> Signal {
        let sos = try sections(rate: context.samplingRateHz)
        guard input.columns > sos.defaultPadLength || context.stateScan != nil else {
            throw CommandError(Self.name, "each row has \(input.columns) samples along time, but zero-phase "
                               + "filtering of order \(order) needs more than padlen = \(sos.defaultPadLength); use "
                               + "longer chunks or a lower order")
        }
        return try sos.filteredRows(input, padType: padType, zeroPhase: true, start: context.stateScan,
                                    single: context.singlePrecision, command: Self.name)
    }
}

extension Array2D where Element == Double {
    /// Columns become rows, so that filtering along channels is filtering contiguous rows.
    fileprivate func transposedForFiltering() -> Array2D<Double> {
        var values = [Double](repeating: 0, count: rows * columns)
        for r in 0..<rows {
            for c in 0..<columns { values[c * rows + r] = self.values[r * columns + c] }
        }
        return Array2D(rows: columns, columns: rows, values: values)
    }
}
