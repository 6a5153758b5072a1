import DistSwiftIO

/// `pass_filter`: DASCore's `patch.pass_filter(time=(1, 100), corners=4, zerophase=True)`: a Butterworth
/// band-pass, low-pass ([null, high]) or high-pass ([low, null]) along time or distance.
public struct PassFilterCommand: SectionsFilterCommand {
    public static let name = "pass_filter"
    public static let summary = "DASCore's pass_filter: Butterworth band/low/high-pass along time or distance"
    public static let details = """
        DASCore: patch.pass_filter(time=[1, 100], corners=4, zerophase=true). The pair is [low, high] in Hz along
        time (cycles/m along distance); a null end makes it a high-pass ([low, null]) or low-pass ([null, high]).
        The filter is scipy.signal.iirfilter(corners, Wn, ftype='butter', output='zpk') → zpk2sos, as DASCore's
        (the same sections `butter` uses), run as scipy.signal.sosfiltfilt with its defaults (odd extension,
        padlen 3·(2·sections + 1)) when zerophase, or once forward from rest (sosfilt) when not.
        Continuous along time: in `process` an exact state scan (a totals pass keeps each chunk's filter end
        states; each chunk then starts its forward pass from the state the recording has at its first sample and
        its backward pass from the one at its last), so chunked output equals the filter run over the whole
        recording segment to rounding, with no halo; `watch` reads the filter's impulse-response length (to
        halo_tolerance) from the neighbouring chunks instead. The record's own ends (a segment's first and last
        chunk) are padded as DASCore pads a patch's. A float32 graph filters float32 rows in the lanes kernel. Along distance the whole fibre is filtered at once (no channel
        blocks). Cut-offs at or above Nyquist are reported when the graph is checked.
        """
    public static let parameters = DimensionKeyword.keyedParameters("the band [low, high]; null for an open end") + [
        ParameterSpec("corners", .integer, default: .number(4), "Butterworth order (zerophase doubles it)"),
        ParameterSpec("zerophase", .boolean, default: .bool(true),
                      "true: forward and backward (no phase shift); false: forward only"),
        HaloTolerance.parameter,
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let dimension: DataDimension
    let low: Double?
    let high: Double?
    let corners: Int
    let zeroPhase: Bool
    let haloTolerance: Double

    public init(_ p: ParameterValues) throws {
        let (dimension, value) = try DimensionKeyword.keyed(p, command: Self.name, example: #"{"time": [1, 100]}"#)
        self.dimension = dimension
        (low, high) = try DimensionKeyword.pair(value, key: dimension, what: "the pass band", single: false)
        corners = p.integer("corners")
        zeroPhase = p.flag("zerophase")
        haloTolerance = try HaloTolerance.read(p)
        let key = dimension.rawValue
        guard low != nil || high != nil else {
            throw ParameterProblem(key, "is [null, null]: no band to pass",
                                   fix: "give [low, high], [low, null] for a high-pass or [null, high] for a low-pass")
        }
        if let bad = [low, high].compactMap({ $0 }).first(where: { !($0 > 0) }) {
            throw ParameterProblem(key, "contains \(bad) but cut-offs must be above 0", fix: "give cut-offs above 0")
        }
        if let low, let high, low >= high {
            throw ParameterProblem(key, "is [\(low), \(high)] but low must be below high", fix: "give [low, high]")
        }
        guard corners >= 1 else {
            throw ParameterProblem("corners", "is \(corners) but must be at least 1", fix: "use e.g. 4 (DASCore's default)")
        }
    }

    var cutoffs: [Double] { [low, high].compactMap { $0 } }
    var band: FilterBand { low == nil ? .lowpass : high == nil ? .highpass : .bandpass }

    public func check(_ context: GraphContext) -> [ParameterProblem] {
        guard let nyquist = nyquist(context) else { return [] }
        let unit = dimension == .time ? "Hz" : "cycles/m"
        let after = context.rateChangedBy.map { " after \($0)" } ?? ""
        return cutoffs.filter { $0 >= nyquist }.map { f in
            ParameterProblem(dimension.rawValue, "contains \(f) \(unit), not below Nyquist \(nyquist) \(unit)\(after)",
                             fix: "use cut-offs between 0 and \(nyquist) \(unit), or null for an open end")
        }
    }

    func sections(rate: Double) throws -> SecondOrderSections {
        let wn = cutoffs.map { $0 / (rate / 2) }
        guard wn.allSatisfy({ $0 > 0 && $0 < 1 }) else {
            throw CommandError(Self.name, "cut-offs \(cutoffs) must lie between 0 and Nyquist \(rate / 2)")
        }
        return Butterworth.sections(order: corners, cutoffs: wn, band: band)
    }
}
