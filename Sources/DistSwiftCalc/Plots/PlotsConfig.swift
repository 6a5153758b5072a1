import DistSwiftIO
import Foundation

/// The three plot types of distpy's stage 4 (`plot_type`).
public enum PlotType: String, CaseIterable, Sendable {
    case wellLog = "well_log"
    case stack
    case rgb
}

/// One array of a plot (`plot_list[i]`).
public struct PlotItem: Sendable {
    /// The `.npy` file, relative to the input location.
    public let data: String
    public let title: String
    public let colourMap: ColourMap
    /// Opacity in a stack plot (distpy writes it as a string, "0.25").
    public let alpha: Double
    /// rgb: 1 − intensity (`"inverted": "yes"`).
    public let inverted: Bool
}

/// One plot (`plots[i]`): `{output}/{out_plot}.png`.
public struct PlotEntry: Sendable {
    public let type: PlotType
    public let outPlot: String
    public let items: [PlotItem]
}

/// A well zone from the `well_segments` file: depths in the units of the depth reference (metres).
public struct PlotZone: Sendable, Equatable {
    public let start: Double
    public let end: Double
    public let name: String

    public init(start: Double, end: Double, name: String) {
        self.start = start
        self.end = end
        self.name = name
    }
}

/// A user event from `label_list`: a red vertical line at `time` with `text` written at depth `labelDepth`
/// (display units).
public struct PlotEvent: Sendable, Equatable {
    public let labelDepth: Double
    /// Unix seconds (UTC).
    public let time: Double
    public let text: String
}

public enum DepthDisplayUnit: String, Sendable {
    case metres = "m"
    case feet = "ft"
    /// Display value of a depth in metres (distpy's `unit_handler.M_TO_FT` = 3.28084).
    public var factor: Double { self == .feet ? 3.28084 : 1 }
}

/// distpy's plots config (`config_examples/plotsConfig.json`), read with its keys unchanged, checked with every
/// problem reported at once (JSON paths such as `plots[1].plot_list[0].data`), with the reference axes loaded.
public struct PlotsConfig: Sendable {
    public let file: String
    public let figureSize: [Double]
    public let dpi: Int
    public var width: Int { Int((figureSize[0] * Double(dpi)).rounded()) }
    public var height: Int { Int((figureSize[1] * Double(dpi)).rounded()) }
    public let startOfFibre: Double?
    public let endOfFibre: Double?
    public let timeReference: String
    public let depthReference: String
    public let depthUnit: DepthDisplayUnit
    public let zones: [PlotZone]
    public let events: [PlotEvent]
    public let plots: [PlotEntry]
    /// Unix seconds of each column (`time_reference`) and depth in metres of each row (`depth_reference`).
    public let time: [Double]
    public let depth: [Double]
    /// Things the user should know that are not errors (e.g. a missing well_segments file: no zones).
    public let notes: [String]

    static let topKeys = ["figure_size", "dpi", "start_of_fibre", "end_of_fibre", "time_reference", "depth_reference",
                          "depth_display_unit", "well_segments", "label_list", "plots", "BOXSIZE", "comment",
                          "description"]
    static let entryKeys = ["plot_type", "out_plot", "plot_list"]
    static let itemKeys = ["data", "title_text", "colormap", "alpha", "inverted"]
    static let eventKeys = ["event_label_start", "event_mark", "event_text"]

    public static func load(path: String, input: any StorageLocation) throws -> PlotsConfig {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        guard let data = FileManager.default.contents(atPath: absolute) else {
            throw ConfigError(file: path, key: nil, problem: "cannot be read (no such file, or no permission)",
                              fix: "the system config's \"config\" key must name the plots JSON")
        }
        return try parse(data: data, file: absolute, input: input)
    }

    /// distpy's zones file (`plotgenerator.read_zones`): lines 1–2 ignored (header, unit), then pairs of lines:
    /// "START … NAME" (first token the start depth, last token the name) and "END …" (first token the end depth).
    /// Tokens are separated by spaces; blank lines are skipped.
    public static func parseZones(_ text: String) -> ([PlotZone], [String]) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .dropFirst(2)
            .map { (number: $0.offset + 1, tokens: $0.element.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })) }
            .filter { !$0.tokens.isEmpty }
        var zones: [PlotZone] = []
        var problems: [String] = []
        var i = 0
        while i < lines.count {
            let a = lines[i]
            guard i + 1 < lines.count else {
                problems.append("line \(a.number): a zone start without its end line")
                break
            }
            let b = lines[i + 1]
            if let start = Double(a.tokens[0]), let end = Double(b.tokens[0]) {
                zones.append(PlotZone(start: start, end: end, name: a.tokens.count > 1 ? String(a.tokens.last!) : ""))
            } else {
                problems.append("lines \(a.number)–\(b.number): the first token of each must be a depth")
            }
            i += 2
        }
        return (zones, problems)
    }
}
