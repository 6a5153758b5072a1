/// Channel positions (metres) of a SEG-Y DAS record: one trace per channel.
///
/// In order of preference:
/// 1. a fibre-distance field the text header declares (FORGE C38 `FIBREDIST(197-200)`): the distance along the
///    fibre is what the interrogator measures and what every other reader returns as the channel position (PRODML
///    loci × spacing), so stores from SEG-Y and HDF5 files of one fibre agree;
/// 2. a measured-depth field the text header declares (`RECMD(237-240)`): a depth calibration of the same channels,
///    used when no fibre distance is declared;
/// 3. the receiver group elevation (41–44), when not all zero;
/// 4. the channel index × 1 m: positions unknown, and the metadata says so.
/// Every candidate is scaled per trace by the elevation scalar (69–70; FORGE C15 "ELEV SC X -1000") with SEG-Y's rule
/// (negative divides, positive multiplies, 0 is 1; distpy used the coordinate scalar and inverted the rule, its bug
/// #34), and must be finite and strictly monotonic (increasing or decreasing); one that is not is passed over with a
/// note saying why.
struct SEGYChannelPositions: Sendable {
    let values: [Double]
    /// Where the positions came from, e.g. "FIBREDIST (trace bytes 197–200) × elevation scalar".
    let source: String
    let notes: [String]

    static let fibreDistanceNames: Set<String> = ["FIBREDIST", "FIBERDIST", "FIBREDISTANCE", "FIBERDISTANCE"]
    static let measuredDepthNames: Set<String> = ["RECMD", "MD", "MEASUREDDEPTH", "RECEIVERMD"]
    static let unknownNote = "positions unknown: channel index × 1 m"

    init(traceHeaders: [SEGYTraceHeader], declared: [SEGYTextHeader.DeclaredField]) {
        func normalised(_ name: String) -> String { name.filter { $0 != "_" } }
        var candidates: [(source: String, raw: (SEGYTraceHeader) -> Int)] = []
        for names in [Self.fibreDistanceNames, Self.measuredDepthNames] {
            if let field = declared.first(where: { names.contains(normalised($0.name)) }) {
                candidates.append(("\(field.description) × elevation scalar (69–70)", { $0.value(of: field) }))
            }
        }
        if traceHeaders.contains(where: { $0.receiverElevation != 0 }) {
            candidates.append(("receiver group elevation (trace bytes 41–44) × elevation scalar (69–70)",
                               { $0.receiverElevation }))
        }
        var notes: [String] = []
        for candidate in candidates {
            let values = traceHeaders.map {
                SEGYTraceHeader.apply(scalar: $0.elevationScalar, to: candidate.raw($0))
            }
            if let problem = Self.problem(with: values) {
                notes.append("\(candidate.source) not used: \(problem)")
                continue
            }
            self.values = values
            source = candidate.source
            self.notes = notes
            return
        }
        values = traceHeaders.indices.map(Double.init)
        source = "channel index × 1 m"
        self.notes = notes + [Self.unknownNote]
    }

    /// Why `values` cannot be channel positions, or nil when they can.
    static func problem(with values: [Double]) -> String? {
        if let bad = values.firstIndex(where: { !$0.isFinite }) { return "trace \(bad + 1) is \(values[bad])" }
        guard values.count >= 2 else { return nil }
        let increasing = values[1] > values[0]
        for i in 1..<values.count where increasing ? values[i] <= values[i - 1] : values[i] >= values[i - 1] {
            return "not monotonic at trace \(i + 1) (\(values[i - 1]) then \(values[i]))"
        }
        return nil
    }
}
