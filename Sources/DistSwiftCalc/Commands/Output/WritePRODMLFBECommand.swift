import DistSwiftIO

/// `write_prodml_fbe`: per-channel band values of each chunk as a PRODML 2.0 FBE file `{directory_out}/{chunk}.h5`
/// (the layout interrogators write: `/Acquisition/Processed/Fbe[0]/FbeData[m]` + `FbeDataTime`, band start/end
/// frequencies), one time sample per chunk, so h5py and DASCore users open the results directly. `distswift stack
/// FOLDER --prodml FILE` joins per-chunk outputs into one file for a whole run.
public struct WritePRODMLFBECommand: WriterCommand {
    public static let name = "write_prodml_fbe"
    public static let summary = "write per-channel band values as a PRODML FBE HDF5 file {directory_out}/{chunk}.h5"
    public static let details = """
        Column m of the input is band m, from low_freq[m] to high_freq[m] Hz (high ≤ 0: Nyquist of the chunk's rate),
        named labels[m] when given. The file holds one time (the chunk's start) per band; loci follow the chunk's
        channel positions (StartLocusIndex × SpatialSamplingInterval when they are evenly spaced from a whole number
        of spacings, and always in Fbe[0]/Custom/MeasuredDepth). No peer library writes PRODML FBE; distpy has no
        such command.
        """
    public static let parameters = [
        ParameterSpec("directory_out", .string, default: nil, "folder under the results location"),
        ParameterSpec("low_freq", .numberList, default: nil, unit: "Hz", "lower edge of each column's band"),
        ParameterSpec("high_freq", .numberList, default: nil, unit: "Hz", "upper edge of each band (≤ 0: Nyquist)"),
        ParameterSpec("labels", .stringList, default: .array([]), "curve names (default band_LOW-HIGH)"),
        ParameterSpec("units", .string, default: .string("unitless"), "unit of the values"),
    ]
    public static let accepts: Set<SignalKind> = [.perChannel]

    let folder: String
    let low: [Double]
    let high: [Double]
    let labels: [String]
    let units: String

    public init(_ p: ParameterValues) throws {
        folder = p.string("directory_out")
        (low, high) = try FrequencyBand.pairedEdges(p)
        labels = p.strings("labels")
        units = p.string("units")
        guard labels.isEmpty || labels.count == low.count else {
            throw ParameterProblem("labels", "has \(labels.count) names for \(low.count) bands")
        }
    }

    public var outputFolders: [String] { [folder] }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }

    public func write(_ inputs: [Signal], context: ChunkContext) throws {
        guard case .real(let a) = inputs[0] else { throw CommandError(Self.name, "needs real per-channel values") }
        guard a.columns == low.count else {
            throw CommandError(Self.name, "the input has \(a.columns) columns but \(low.count) bands are named")
        }
        guard let depth = context.rowPositions(a.rows) else {
            throw CommandError(Self.name, "the input has \(a.rows) rows but the chunk has "
                + "\(context.channelPositions.count) channels")
        }
        let nyquist = context.samplingRateHz / 2
        let bands = (0..<a.columns).map { m -> PRODMLFBEBand in
            let top = high[m] > 0 ? high[m] : nyquist
            let name = labels.isEmpty ? "band_\(Self.text(low[m]))-\(high[m] > 0 ? Self.text(high[m]) : "nyquist")"
                : labels[m]
            return PRODMLFBEBand(name: name, description: "from \(low[m]) Hz to \(top) Hz", unit: units,
                                 startFrequencyHz: low[m], endFrequencyHz: top,
                                 values: Array2D(rows: a.rows, columns: 1, values: (0..<a.rows).map { a[$0, m] }))
        }
        try PRODMLFBEWriter.write(to: context.results, path: "\(folder)/\(context.name).h5",
                                  depth: depth, depthUnit: "m", timesNs: [context.startTimeNs],
                                  bands: bands)
    }

    static func text(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }
}
