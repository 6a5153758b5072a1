import DistSwiftIO

/// `write_picks`: the trigger onsets and ends of `trigger`'s output as a table per chunk — CSV with UTC times and
/// channel distances, and a QuakeML-style XML of picks — each file written atomically.
public struct WritePicksCommand: WriterCommand {
    public static let name = "write_picks"
    public static let summary = "write trigger's onsets and ends as {directory_out}/{chunk}.csv (UTC time, distance) and .xml (QuakeML-style picks)"
    public static let details = """
        Reads trigger's output (+1 onset, −1 end, 0 elsewhere; any positive value is an onset, any negative an
        end). One row per pick, in time order then channel order: `time_utc` (ISO 8601, ns), `time_ns` (Unix ns),
        `channel` (index on the fibre), `distance_m`, `kind` (`on` or `off`). The XML holds one QuakeML 1.2 `pick`
        per row (time, waveformID with the channel index as stationCode, phaseHint `trigger_on`/`trigger_off`,
        evaluationMode automatic, the distance in a comment). Picks of a chunk are those at its own samples (the
        engine trims the halo), so a trigger that starts in one chunk and ends in the next has its onset in the
        first file and its end in the second. Files are written to a temporary name and renamed; a chunk without
        picks gets files with the header only.
        """
    public static let parameters = [
        ParameterSpec("directory_out", .string, default: nil, "folder under the results location"),
        ParameterSpec("format", .choice(["both", "csv", "quakeml"]), default: .string("both"), "the files to write"),
    ]
    public static let accepts: Set<SignalKind> = [.timeSeries]

    let folder: String
    let format: String

    public init(_ p: ParameterValues) throws {
        folder = p.string("directory_out")
        format = p.string("format")
    }

    public var outputFolders: [String] { [folder] }
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }

    struct Pick {
        let timeNs: Int64
        let channel: Int
        let distance: Double
        let onset: Bool
    }

    func picks(_ a: Array2D<Double>, axes: Axes) throws -> [Pick] {
        guard let times = axes.columns.timesNs, times.count == a.columns else {
            throw CommandError(Self.name, "needs a time series with its time axis (put it after trigger)")
        }
        let distances = axes.rows.values ?? (0..<a.rows).map(Double.init)
        var picks: [Pick] = []
        for r in 0..<a.rows {
            for t in 0..<a.columns where a[r, t] != 0 && !a[r, t].isNaN {
                picks.append(Pick(timeNs: times[t], channel: axes.rows.baseIndex(r), distance: distances[r],
                                  onset: a[r, t] > 0))
            }
        }
        return picks.sorted { ($0.timeNs, $0.channel) < ($1.timeNs, $1.channel) }
    }

    public func write(_ inputs: [Signal], context: ChunkContext) throws {
        let a = try inputs[0].realValues(for: Self.name)
        guard let axes = context.inputAxes.first else { throw CommandError(Self.name, "needs its input's axes") }
        let rows = try picks(a, axes: axes)
        if format != "quakeml" {
            var text = "time_utc,time_ns,channel,distance_m,kind\n"
            for p in rows {
                text += "\(UTCTime.iso8601(p.timeNs)),\(p.timeNs),\(p.channel),\(p.distance),\(p.onset ? "on" : "off")\n"
            }
            try context.results.write("\(folder)/\(context.name).csv", bytes: Array(text.utf8))
        }
        if format != "csv" {
            try context.results.write("\(folder)/\(context.name).xml", bytes: Array(quakeML(rows, chunk: context.name).utf8))
        }
    }

    func quakeML(_ rows: [Pick], chunk: String) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <q:quakeml xmlns="http://quakeml.org/xmlns/bed/1.2" xmlns:q="http://quakeml.org/xmlns/quakeml/1.2">
              <eventParameters publicID="smi:local/distswift/picks/\(chunk)">

            """
        for (i, p) in rows.enumerated() {
            xml += """
                    <pick publicID="smi:local/distswift/picks/\(chunk)/\(i)">
                      <time><value>\(UTCTime.iso8601(p.timeNs))</value></time>
                      <waveformID networkCode="DS" stationCode="\(p.channel)"/>
                      <phaseHint>\(p.onset ? "trigger_on" : "trigger_off")</phaseHint>
                      <evaluationMode>automatic</evaluationMode>
                      <comment><text>distance_m=\(p.distance)</text></comment>
                    </pick>

                """
        }
        return xml + "  </eventParameters>\n</q:quakeml>\n"
    }
}
