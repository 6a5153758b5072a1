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

    public static func parse(data: Data, file: String, input: any StorageLocation) throws -> PlotsConfig {
        let root = try JSONValue.parse(data, source: file)
        guard case .object(let object) = root else {
            throw ConfigError(file: file, key: nil, problem: "must hold a JSON object, not \(root.typeName)")
        }
        if object["command_list"] != nil {
            throw ConfigError(file: file, key: nil, problem: "is a command graph (it has 'command_list'), not a plots config",
                              fix: "run it with distswift process; distswift plot needs distpy's plots JSON")
        }
        if object["in_drive"] != nil || object["in_directory"] != nil {
            throw ConfigError(file: file, key: nil, problem: "is a system config, not a plots config",
                              fix: "the system config's \"config\" key must name the plots JSON")
        }
        var errors: [ConfigError] = []
        var notes: [String] = []
        func problem(_ key: String?, _ text: String, fix: String? = nil) {
            errors.append(ConfigError(file: file, key: key, problem: text, fix: fix))
        }
        func unknownKeys(_ o: [String: JSONValue], known: [String], at prefix: String) {
            for key in o.keys.sorted() where !known.contains(key) && !key.hasPrefix("_") {
                let near = NameSuggestion.nearest(to: key, in: known)
                problem(prefix + key, "is not a key distswift knows here",
                        fix: near.isEmpty ? "known keys: \(known.joined(separator: ", "))"
                            : "did you mean \(near.map { "'\($0)'" }.joined(separator: " or "))?")
            }
        }
        /// A number, or a string holding one (distpy writes alpha as "0.25").
        func number(_ value: JSONValue?, _ key: String, required: Bool, fix: String) -> Double? {
            switch value {
            case nil, .null?:
                if required { problem(key, "is missing", fix: fix) }
                return nil
            case .number(let v)?: return v
            case .string(let s)?:
                if let v = Double(s.trimmingCharacters(in: .whitespaces)) { return v }
                problem(key, "is \"\(s)\", not a number", fix: fix)
            case let other?: problem(key, "is \(other.typeName), not a number", fix: fix)
            }
            return nil
        }
        func string(_ value: JSONValue?, _ key: String, required: Bool, fix: String) -> String? {
            switch value {
            case nil, .null?:
                if required { problem(key, "is missing", fix: fix) }
                return nil
            case .string(let s)?:
                if s.isEmpty { problem(key, "is empty", fix: fix) }
                return s.isEmpty ? nil : s
            case let other?:
                problem(key, "is \(other.typeName), not a string", fix: fix)
                return nil
            }
        }
        unknownKeys(object, known: topKeys, at: "")

        // Picture size: distpy stores figure_size and dpi and ignores them (640×480); here they are honoured.
        var figureSize = [6.4, 4.8]
        if let value = object["figure_size"], value != .null {
            if case .array(let a) = value, a.count == 2, case .number(let w) = a[0], case .number(let h) = a[1],
               w > 0, h > 0, w.isFinite, h.isFinite {
                figureSize = [w, h]
            } else {
                problem("figure_size", "must be two positive numbers (width, height in inches)", fix: "[36, 12]")
            }
        }
        var dpi = 100
        if let d = number(object["dpi"], "dpi", required: false, fix: "100") {
            if d >= 10, d <= 1200, d == d.rounded() { dpi = Int(d) } else {
                problem("dpi", "is \(d) but must be a whole number from 10 to 1200", fix: "100")
            }
        }
        let w = Int((figureSize[0] * Double(dpi)).rounded()), h = Int((figureSize[1] * Double(dpi)).rounded())
        if w > 32767 || h > 32767 || w * h * 4 >= 1 << 31 {
            problem("figure_size", "× dpi gives \(w)×\(h) pixels, more than cairo can draw (32767 a side, 536 million in all)",
                    fix: "lower figure_size or dpi")
        } else if w < 100 || h < 100 {
            problem("figure_size", "× dpi gives \(w)×\(h) pixels, too small for a plot with axes",
                    fix: "at least 100 pixels a side; [6.4, 4.8] at 100 dpi is 640×480")
        }
        let startOfFibre = number(object["start_of_fibre"], "start_of_fibre", required: false, fix: "a depth in display units")
        let endOfFibre = number(object["end_of_fibre"], "end_of_fibre", required: false, fix: "a depth in display units")

        var unit = DepthDisplayUnit.metres
        if let u = string(object["depth_display_unit"], "depth_display_unit", required: false, fix: "\"m\" or \"ft\"") {
            switch u.lowercased() {
            case "ft", "feet", "foot": unit = .feet
            case "m", "metres", "meters", "metre", "meter": unit = .metres
            default: problem("depth_display_unit", "is \"\(u)\"", fix: "\"m\" or \"ft\"")
            }
        }

        // Reference axes, relative to the input location.
        func axis(_ key: String, example: String) -> (String?, [Double]?) {
            guard let path = string(object[key], key, required: true,
                                    fix: "a .npy file relative to the input location, e.g. \"\(example)\"") else { return (nil, nil) }
            guard input.exists(path) else {
                problem(key, "names \(input.address(of: path)), which does not exist",
                        fix: "a .npy file relative to the input location \(input)")
                return (path, nil)
            }
            do {
                let npy = try NPYArrayFile(location: input, path: path)
                guard npy.header.shape.count == 1 || (npy.header.shape.count == 2 && npy.columnCount == 1) else {
                    problem(key, "holds an array of shape \(npy.header.shape), not a list of values",
                            fix: "a 1-D array (one value per \(key == "time_reference" ? "column" : "row"))")
                    return (path, nil)
                }
                let values = try npy.readVector(as: Double.self)
                guard !values.isEmpty, values.allSatisfy(\.isFinite) else {
                    problem(key, "is empty or holds NaN/inf values", fix: "finite values, one per \(key == "time_reference" ? "column" : "row")")
                    return (path, nil)
                }
                return (path, values)
            } catch {
                problem(key, "cannot be read: \(error)")
                return (path, nil)
            }
        }
        let (timePath, time) = axis("time_reference", example: "NoiseLog_stacked/band_01_200--1/time.npy")
        let (depthPath, depth) = axis("depth_reference", example: "NoiseLog_stacked/band_01_200--1/measured_depth.npy")

        // Zones: optional in distswift (distpy crashes on a missing file).
        var zones: [PlotZone] = []
        if let segments = string(object["well_segments"], "well_segments", required: false, fix: "a zones text file") {
            let folder = (file as NSString).deletingLastPathComponent
            let path = segments.hasPrefix("/") ? segments : folder + "/" + segments
            if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                let (parsed, problems) = parseZones(text)
                zones = parsed
                for p in problems { problem("well_segments", "(\(path)) \(p)", fix: "lines 1–2 a header, then pairs of lines: \"START … NAME\" and \"END …\"") }
            } else {
                notes.append("well_segments \(path) does not exist: no zones drawn")
            }
        }

        // Events.
        var events: [PlotEvent] = []
        switch object["label_list"] {
        case nil, .null?: break
        case .array(let list)?:
            for (i, value) in list.enumerated() {
                let at = "label_list[\(i)]"
                guard case .object(let o) = value else {
                    problem(at, "is \(value.typeName), not an object", fix: "{\"event_label_start\": 200, \"event_mark\": \"2015-06-28 13:20:00\", \"event_text\": \"Well Shut in\"}")
                    continue
                }
                unknownKeys(o, known: eventKeys, at: at + ".")
                let y = number(o["event_label_start"], at + ".event_label_start", required: false, fix: "the depth (display units) of the text")
                let mark = string(o["event_mark"], at + ".event_mark", required: true, fix: "\"YYYY-MM-DD HH:MM:SS\" (UTC)")
                let text = string(o["event_text"], at + ".event_text", required: false, fix: "the event's label") ?? ""
                if let mark {
                    if let ns = UTCTime.parse(mark) {
                        events.append(PlotEvent(labelDepth: y ?? .nan, time: Double(ns) / 1e9, text: text))
                    } else {
                        problem(at + ".event_mark", "is \"\(mark)\", not a time", fix: "\"YYYY-MM-DD HH:MM:SS\" (UTC)")
                    }
                }
            }
        case let other?: problem("label_list", "is \(other.typeName), not a list", fix: "a list of events, or leave it out")
        }

        // The plots.
        var plots: [PlotEntry] = []
        switch object["plots"] {
        case nil, .null?: problem("plots", "is missing", fix: "a list of {\"plot_type\", \"out_plot\", \"plot_list\"}")
        case .array(let list)?:
            if list.isEmpty { problem("plots", "is empty", fix: "at least one plot") }
            for (p, value) in list.enumerated() {
                let at = "plots[\(p)]"
                guard case .object(let o) = value else {
                    problem(at, "is \(value.typeName), not an object", fix: "{\"plot_type\": \"well_log\", \"out_plot\": \"ALL_BANDS\", \"plot_list\": [...]}")
                    continue
                }
                unknownKeys(o, known: entryKeys, at: at + ".")
                var type: PlotType?
                if let t = string(o["plot_type"], at + ".plot_type", required: true, fix: "well_log, stack or rgb") {
                    type = PlotType(rawValue: t)
                    if type == nil {
                        let near = NameSuggestion.nearest(to: t, in: PlotType.allCases.map(\.rawValue))
                        problem(at + ".plot_type", "is \"\(t)\", not a plot type",
                                fix: near.isEmpty ? "well_log, stack or rgb" : "did you mean \"\(near[0])\"? (well_log, stack or rgb)")
                    }
                }
                let outPlot = string(o["out_plot"], at + ".out_plot", required: true, fix: "the file name, e.g. \"ALL_BANDS\" → ALL_BANDS.png")
                if let outPlot, outPlot.split(separator: "/").contains("..") {
                    problem(at + ".out_plot", "leaves the output location", fix: "a name without \"..\"")
                }
                var items: [PlotItem] = []
                switch o["plot_list"] {
                case nil, .null?: problem(at + ".plot_list", "is missing", fix: "a list of {\"data\", \"title_text\", \"colormap\"}")
                case .array(let entries)?:
                    if entries.isEmpty { problem(at + ".plot_list", "is empty", fix: "at least one data file") }
                    if type == .rgb, entries.count != 3 {
                        problem(at + ".plot_list", "has \(entries.count) items but an rgb plot needs exactly 3 (red, green, blue)",
                                fix: "three data files")
                    }
                    for (i, entry) in entries.enumerated() {
                        let here = "\(at).plot_list[\(i)]"
                        guard case .object(let e) = entry else {
                            problem(here, "is \(entry.typeName), not an object", fix: "{\"data\": \"band.npy\", \"title_text\": \"Band 1\"}")
                            continue
                        }
                        unknownKeys(e, known: itemKeys, at: here + ".")
                        let data = string(e["data"], here + ".data", required: true,
                                          fix: "a .npy file relative to the input location")
                        if let data {
                            if !input.exists(data) {
                                problem(here + ".data", "names \(input.address(of: data)), which does not exist",
                                        fix: "a .npy file relative to the input location \(input)")
                            } else {
                                do {
                                    let npy = try NPYArrayFile(location: input, path: data)
                                    let shape = npy.header.shape
                                    if shape.count != 2 {
                                        problem(here + ".data", "holds an array of shape \(shape), not channels × time",
                                                fix: "a 2-D array (depth_reference values × time_reference values)")
                                    } else if let time, let depth, shape != [depth.count, time.count] {
                                        let swapped = shape == [time.count, depth.count]
                                        problem(here + ".data", "has shape \(shape) but the reference axes give [\(depth.count), \(time.count)] (\(depthPath ?? "") × \(timePath ?? ""))",
                                                fix: swapped ? "the array is time × channels: transpose it" : "use the depth and time files written beside this array")
                                    }
                                } catch {
                                    problem(here + ".data", "cannot be read: \(error)")
                                }
                            }
                        }
                        let title = string(e["title_text"], here + ".title_text", required: false, fix: "the panel's title")
                            ?? ((data ?? "") as NSString).lastPathComponent
                        var map = ColourMap(named: "magma")!
                        if let name = string(e["colormap"], here + ".colormap", required: false, fix: "a colour map name"), type != .rgb {
                            if let m = ColourMap(named: name) { map = m } else {
                                let near = NameSuggestion.nearest(to: name, in: ColourMap.plotNames)
                                problem(here + ".colormap", "is \"\(name)\", not a colour map distswift knows",
                                        fix: (near.isEmpty ? "" : "did you mean \"\(near[0])\"? ") + "known: \(ColourMap.plotNames.joined(separator: ", "))")
                            }
                        }
                        var alpha = 0.5
                        if let a = number(e["alpha"], here + ".alpha", required: false, fix: "an opacity from 0 to 1, e.g. \"0.25\"") {
                            if a >= 0, a <= 1 { alpha = a } else { problem(here + ".alpha", "is \(a), not from 0 to 1", fix: "\"0.25\"") }
                        }
                        var inverted = false
                        switch e["inverted"] {
                        case nil, .null?: break
                        case .bool(let b)?: inverted = b
                        case .string(let s)?:
                            switch s.lowercased() {
                            case "yes", "true", "1": inverted = true
                            case "no", "false", "0": inverted = false
                            default: problem(here + ".inverted", "is \"\(s)\"", fix: "\"yes\" or \"no\"")
                            }
                        case let other?: problem(here + ".inverted", "is \(other.typeName)", fix: "\"yes\" or \"no\"")
                        }
                        if let data { items.append(PlotItem(data: data, title: title, colourMap: map, alpha: alpha, inverted: inverted)) }
                    }
                case let other?: problem(at + ".plot_list", "is \(other.typeName), not a list", fix: "a list of {\"data\", \"title_text\", \"colormap\"}")
                }
                if let type, let outPlot { plots.append(PlotEntry(type: type, outPlot: outPlot, items: items)) }
            }
        case let other?: problem("plots", "is \(other.typeName), not a list", fix: "a list of {\"plot_type\", \"out_plot\", \"plot_list\"}")
        }

        if !errors.isEmpty { throw ConfigErrors(errors: errors) }
        return PlotsConfig(file: file, figureSize: figureSize, dpi: dpi, startOfFibre: startOfFibre, endOfFibre: endOfFibre,
                           timeReference: timePath!, depthReference: depthPath!, depthUnit: unit, zones: zones,
                           events: events, plots: plots, time: time!, depth: depth!, notes: notes)
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
