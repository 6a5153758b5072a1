import DistSwiftIO
import DistSwiftNative
import Foundation

/// `thumbnail`: a picture of every chunk's data, `{directory_out}/{chunk}.{format}`, for browsing a run; passes its
/// input on.
public struct ThumbnailCommand: WriterCommand {
    public static let name = "thumbnail"
    public static let summary = "a picture of the input per chunk: {directory_out}/{chunk}.png (or .svg, .pdf)"
    public static let details = """
        Drawn as distpy draws it with matplotlib's imshow: rows (channels) down, columns (samples) across, colour = \
        value clipped to mean ± clip_level·std of the chunk's finite values, a colour bar on the right, the title \
        "YYYY-MM-DD HH:MM:SS UTC (chunk)". Where one pixel covers several values it shows their mean. The colour maps \
        are matplotlib's 256 colours. The picture is figure_size × dpi pixels (8 × 6 in at 300 dpi: 2400 × 1800), \
        as distpy's thumbnail; large sizes are honoured up to cairo's limit (32767 pixels a side, 2³¹ bytes). \
        Differences from distpy: ticks are in real units — metres from the chunk's channel positions (row numbers \
        when the rows are not the channels) and seconds from the sampling rate (distpy labels sample numbers as \
        seconds, its bug #26); the title is in UTC, not the machine's local time (#35); an input of one row (a \
        reduction over channels) is drawn as a line against time and saved (distpy never saves it, #43); complex \
        input is refused (put abs or real before it); plot_style contourf/scatter are not offered.
        """
    public static let parameters = [
        ParameterSpec("directory_out", .string, default: nil, "folder under the results location"),
        ParameterSpec("format", .choice(["png", "svg", "pdf"]), default: .string("png"), "picture file format"),
        ParameterSpec("clip_level", .number, default: .number(1.0),
                      "colour range: mean ± clip_level × standard deviation of the chunk"),
        ParameterSpec("cmap", .choice(ColourMap.names), default: .string("viridis"),
                      "matplotlib colour map (NAME_r reversed)"),
        ParameterSpec("axes", .stringList, default: .array([.string("depth (m)"), .string("time (s)")]),
                      "labels of the vertical (channels) and horizontal (time) axes"),
        ParameterSpec("invert_depth", .number, default: .number(0), "1: first channel at the bottom"),
        ParameterSpec("figure_size", .numberList, default: .array([.number(8), .number(6)]), unit: "in",
                      "width and height of the picture"),
        ParameterSpec("dpi", .integer, default: .number(300), "pixels per inch"),
    ]
    /// Any real array can be pictured; a spectrum after abs keeps the kind "spectrum along time".
    public static let accepts = SignalKind.twoDimensional

    let folder: String
    let format: String
    let clipLevel: Double
    let colourMap: ColourMap
    let verticalLabel: String
    let horizontalLabel: String
    let invertDepth: Bool
    let width: Int
    let height: Int
    let dpi: Int

    public init(_ p: ParameterValues) throws {
        folder = p.string("directory_out")
        format = p.string("format")
        clipLevel = p.number("clip_level")
        guard clipLevel > 0, clipLevel.isFinite else {
            throw ParameterProblem("clip_level", "is \(clipLevel) but must be above 0",
                                   fix: "1.0 shows mean ± one standard deviation")
        }
        guard let map = ColourMap(named: p.string("cmap")) else {
            throw ParameterProblem("cmap", "is not a known colour map", fix: ColourMap.names.joined(separator: ", "))
        }
        colourMap = map
        let axes = p.strings("axes")
        guard axes.count == 2 else {
            throw ParameterProblem("axes", "has \(axes.count) labels but needs 2",
                                   fix: "[\"depth (m)\", \"time (s)\"]: vertical axis, then horizontal axis")
        }
        verticalLabel = axes[0]
        horizontalLabel = axes[1]
        invertDepth = p.number("invert_depth") == 1  // distpy tests invert_depth == 1
        dpi = p.integer("dpi")
        let size = p.numbers("figure_size")
        guard size.count == 2, size.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw ParameterProblem("figure_size", "must be two positive numbers (width, height in inches)",
                                   fix: "[8, 6]")
        }
        guard dpi >= 10 else { throw ParameterProblem("dpi", "is \(dpi) but must be at least 10", fix: "300") }
        width = Int((size[0] * Double(dpi)).rounded())
        height = Int((size[1] * Double(dpi)).rounded())
        // cairo's image limits: 32767 pixels a side and a pixel buffer (4 bytes a pixel) below 2³¹ bytes.
        guard width <= 32767, height <= 32767, width * height * 4 < 1 << 31 else {
            throw ParameterProblem("figure_size", "× dpi gives \(width)×\(height) pixels, more than cairo can draw "
                                   + "(32767 a side, 536 million in all)", fix: "lower figure_size or dpi")
        }
        guard width >= 50, height >= 50 else {
            throw ParameterProblem("figure_size", "× dpi gives \(width)×\(height) pixels, too small for a picture "
                                   + "with axes", fix: "at least 50 pixels a side; [8, 6] at 300 dpi is 2400×1800")
        }
    }

    public var outputFolders: [String] { [folder] }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }

    /// The picture of one chunk: the file's bytes and where its parts lie.
    public struct Rendering: Sendable {
        public let bytes: [UInt8]
        public let layout: ThumbnailLayout
        public let fileExtension: String
    }

    public func write(_ inputs: [Signal], context: ChunkContext) throws {
        let rendering = try render(inputs[0], context: context)
        try context.results.write("\(folder)/\(context.name).\(rendering.fileExtension)", bytes: rendering.bytes)
    }

    public func render(_ signal: Signal, context: ChunkContext) throws -> Rendering {
        guard case .real(let a) = signal else {
            throw CommandError(Self.name, "the input is complex; a thumbnail shows real values (put abs or real before it)")
        }
        guard a.rows > 0, a.columns > 0 else {
            throw CommandError(Self.name, "the input is empty (\(a.rows)×\(a.columns))")
        }
        let rate = context.samplingRateHz
        let step = rate > 0 && rate.isFinite ? 1 / rate : 1
        var picture = ThumbnailPicture(
            style: .line(a.values), columnOrigin: 0, columnStep: step, rowFirst: 0, rowLast: 0,
            title: Self.title(startTimeNs: context.startTimeNs, name: context.name),
            horizontalLabel: horizontalLabel, verticalLabel: "value",
            width: width, height: height, dpi: Double(dpi))
        if a.rows > 1 {
            let (vmin, vmax) = colourRange(a.values)
            picture.style = .image(.init(values: a, vmin: vmin, vmax: vmax, colourMap: colourMap,
                                         invertRows: invertDepth))
            picture.verticalLabel = verticalLabel
            // Rows are the chunk's channels when they number as many; otherwise (e.g. after a reduction or a
            // resampling across channels) they are labelled by row number.
            if let positions = context.rowPositions(a.rows), let first = positions.first, let last = positions.last,
               first != last {
                picture.rowFirst = first
                picture.rowLast = last
            } else {
                picture.rowLast = Double(a.rows - 1)
            }
        }
        switch format {
        case "svg", "pdf":
            let document = try CairoVectorDocument(format: format == "svg" ? .svg : .pdf, width: width,
                                                   height: height, pointsPerUnit: 72 / Double(dpi))
            let layout = try picture.draw(on: document, command: Self.name)
            return Rendering(bytes: try document.finish(), layout: layout, fileExtension: format)
        default:
            let image = try CairoImage(width: width, height: height)
            let layout = try picture.draw(on: image, command: Self.name)
            return Rendering(bytes: try image.pngBytes(), layout: layout, fileExtension: "png")
        }
    }

    /// "2020-02-29 12:00:00 UTC (1582977600)": the second the chunk starts in, in UTC whatever the machine's time
    /// zone (distpy prints local time without saying so), and the chunk's name.
    public static func title(startTimeNs: Int64, name: String) -> String {
        let perSecond = UTCTime.nanosecondsPerSecond
        let seconds = startTimeNs / perSecond - (startTimeNs % perSecond < 0 ? 1 : 0)
        let when = UTCTime.iso8601(seconds * perSecond).dropLast().replacingOccurrences(of: "T", with: " ")
        return "\(when) UTC (\(name))"
    }

    /// mean ± clip_level·std (numpy's population std) of the finite values. distpy uses numpy.mean/std of all
    /// values, so one NaN blanks its whole picture; here NaN and ±inf are left out. A constant chunk gets a range
    /// around its value so it shows the map's middle colour.
    func colourRange(_ values: [Double]) -> (Double, Double) {
        var n = 0.0, sum = 0.0
        for v in values where v.isFinite {
            sum += v
            n += 1
        }
        guard n > 0 else { return (-1, 1) }
        let mean = sum / n
        var squares = 0.0
        for v in values where v.isFinite { squares += (v - mean) * (v - mean) }
        let spread = (squares / n).squareRoot() * clipLevel
        if spread > 0, (mean + spread) > (mean - spread) { return (mean - spread, mean + spread) }
        let fallback = mean == 0 ? 1 : abs(mean) * 0.1
        return (mean - fallback, mean + fallback)
    }
}
