import DistSwiftIO

/// `write_witsml`: writes a noise log (per-channel band values) as `{directory_out}/{chunk}.fbe`, distpy's WITSML 1.3.1.1
/// FBE file that Techlog loads: DEPTH, then the whole-band column (gather_uids[0], distpy's band-00), then the
/// columns of in_uid; passes its input on.
public struct WriteWITSMLCommand: WriterCommand {
    public static let name = "write_witsml"
    public static let summary = "write per-channel band values as a WITSML FBE log {directory_out}/{chunk}.fbe"
    public static let details = """
        One file per chunk, the structure and layout of distpy's (io_helpers.write2witsml): rows = channels (DEPTH in m \
        from the chunk's channel positions), columns = gather_uids[0] (the whole band, e.g. rms_from_fft 0…Nyquist; \
        it must be one column) then the columns of in_uid (e.g. multiple_calcs), one per low_freq/high_freq pair. \
        low_freq and high_freq only name the curves ("band_01_200--1", "from 200 Hz to -1 Hz (prf=10000)"): give the \
        lists of the multiple_calcs that made the input. labels[i] replaces the name and description of curve i (0 is \
        the whole band). prf is the chunk's sampling rate. creationDate is the chunk's start in UTC. Values are \
        written as Python prints float64 (shortest round-trip text: 0.0, 1e-05, nan). An input of one row (a \
        reduction over channels, e.g. mean along axis 0) is written transposed with DEPTH = 0, 1, 2, … as distpy \
        does. Differences from distpy: an in_uid of one column when low_freq names several bands is refused (distpy \
        silently copies the column into every band); the command passes its input on (distpy passes the raw chunk \
        on, its bug #2); whole numbers in low_freq/high_freq print without ".0" even if the JSON wrote "200.0" \
        (distswift keeps JSON numbers as doubles).
        """
    public static let parameters = [
        ParameterSpec("directory_out", .string, default: nil, "folder under the results location"),
        ParameterSpec("low_freq", .numberList, default: .array([.number(0)]), unit: "Hz",
                      "lower band edges, one per in_uid column (they only name the curves)"),
        ParameterSpec("high_freq", .numberList, default: .array([.number(1)]), unit: "Hz",
                      "upper band edges, one per low_freq (they only name the curves)"),
        ParameterSpec("labels", .stringList, default: .array([]),
                      "curve names replacing the generated ones, in order; the first names the gathered whole band"),
        ParameterSpec("data_style", .string, default: .string("NONE"),
                      "text of the file's unknown fields (installed system, fibre mode, service company)"),
    ]
    public static let gather = GatherRule.required
    /// Spectra are accepted because `abs` of a spectrum keeps the kind "spectrum along time"; complex values are
    /// refused when the chunk runs.
    public static let accepts: Set<SignalKind> = [.perChannel, .perSample, .spectrum]

    let folder: String
    let low: [Double]
    let high: [Double]
    let labels: [String]
    let dataStyle: String

    public init(_ p: ParameterValues) throws {
        folder = p.string("directory_out")
        (low, high) = try FrequencyBand.pairedEdges(p)
        labels = p.strings("labels")
        dataStyle = p.string("data_style")
        guard labels.count <= low.count + 1 else {
            throw ParameterProblem("labels", "has \(labels.count) entries but there are \(low.count + 1) curves "
                                   + "(the whole band and one per low_freq)", fix: "remove the extra labels")
        }
        if let bad = (labels + [dataStyle]).first(where: { $0.contains("\n") || $0.contains("\r") }) {
            throw ParameterProblem(labels.contains(bad) ? "labels" : "data_style",
                                   "contains a line break (\(bad.debugDescription))", fix: "use a single line")
        }
    }

    public var outputFolders: [String] { [folder] }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }

    public func write(_ inputs: [Signal], context: ChunkContext) throws {
        let document = try document(inputs, context: context)
        try context.results.write("\(folder)/\(context.name).fbe", bytes: Array(document.text().utf8))
    }

    /// The FBE document for one chunk (separate from writing, for tests and other writers).
    public func document(_ inputs: [Signal], context: ChunkContext) throws -> WITSMLFBEDocument {
        guard inputs.count >= 2 else {
            throw CommandError(Self.name, "needs the whole-band column as gather_uids[0]")
        }
        var data = try realArray(inputs[0], what: "in_uid")
        var band00 = try realArray(inputs[1], what: "gather_uids[0]")
        let depth: [Double]
        if data.rows == 1 {
            // distpy's "transposed trace" (e.g. a mean over channels, 1 × n): written as n rows, depth 0 … n−1.
            data = transposed(data)
            band00 = transposed(band00)
            depth = (0..<data.rows).map(Double.init)
        } else {
            guard let positions = context.rowPositions(data.rows) else {
                throw CommandError(Self.name, "in_uid has \(data.rows) rows but the chunk has "
                                   + "\(context.channelPositions.count) channels; write_witsml writes one row per channel")
            }
            depth = positions
        }
        // distpy squeezes band-00 into one column of the output.
        guard band00.rows * band00.columns == data.rows, band00.rows == data.rows || band00.rows == 1 else {
            throw CommandError(Self.name, "gather_uids[0] is \(band00.rows)×\(band00.columns) but must be one value per "
                               + "row of in_uid (\(data.rows)); gather the whole-band value (e.g. rms_from_fft)")
        }
        guard data.columns == low.count else {
            throw CommandError(Self.name, "in_uid has \(data.columns) column\(data.columns == 1 ? "" : "s") but "
                               + "low_freq/high_freq name \(low.count) band\(low.count == 1 ? "" : "s"); give the lists "
                               + "of the command that computed the bands")
        }
        var curves = WITSMLCurve.genericCurves(low: low, high: high,
                                               prf: PythonNumberText.jsonNumber(context.samplingRateHz))
        for (i, label) in labels.enumerated() {
            curves[i].mnemonic = label
            curves[i].description = label
        }
        let columns = 1 + data.columns
        var values = [Double](repeating: 0, count: data.rows * columns)
        for r in 0..<data.rows {
            values[r * columns] = band00.values[r]
            for c in 0..<data.columns { values[r * columns + 1 + c] = data[r, c] }
        }
        // distpy's file is named after, and dated by, the whole second the chunk starts in.
        let ns = context.startTimeNs, perSecond = UTCTime.nanosecondsPerSecond
        let seconds = ns / perSecond - (ns % perSecond < 0 ? 1 : 0)
        return WITSMLFBEDocument(creationDate: WITSMLFBEDocument.creationDate(unixSeconds: seconds),
                                 dataStyle: dataStyle, depth: depth, curves: curves, values: values)
    }

    private func realArray(_ signal: Signal, what: String) throws -> Array2D<Double> {
        guard case .real(let a) = signal else {
            throw CommandError(Self.name, "\(what) is complex; WITSML logs hold real values (put abs before it)")
        }
        return a
    }

    private func transposed(_ a: Array2D<Double>) -> Array2D<Double> {
        var out = [Double](repeating: 0, count: a.values.count)
        for r in 0..<a.rows {
            for c in 0..<a.columns { out[c * a.rows + r] = a.values[r * a.columns + c] }
        }
        return Array2D(rows: a.columns, columns: a.rows, values: out)
    }
}
