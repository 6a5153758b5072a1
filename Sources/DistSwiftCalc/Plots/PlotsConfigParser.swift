import DistSwiftIO
import Foundation

extension PlotsConfig {
    /// Reads a plots config: every problem is collected with its JSON path and reported at once.
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
        let reader = JSONObjectReader(object: object) { key, problem, fix in
            errors.append(ConfigError(file: file, key: key, problem: problem, fix: fix))
        }
        let parser = PlotsConfigParser(reader: reader, file: file, input: input)
        reader.rejectUnknownPlotKeys(known: topKeys)
        let (figureSize, dpi) = parser.picture()
        let startOfFibre = reader.plotNumber("start_of_fibre", required: false, fix: "a depth in display units")
        let endOfFibre = reader.plotNumber("end_of_fibre", required: false, fix: "a depth in display units")
        let unit = parser.depthUnit()
        let time = parser.axis("time_reference", example: "NoiseLog_stacked/band_01_200--1/time.npy")
        let depth = parser.axis("depth_reference", example: "NoiseLog_stacked/band_01_200--1/measured_depth.npy")
        let (zones, notes) = parser.zones()
        let events = parser.events()
        let plots = parser.plots(time: time, depth: depth)

        if !errors.isEmpty { throw ConfigErrors(errors: errors) }
        return PlotsConfig(file: file, figureSize: figureSize, dpi: dpi, startOfFibre: startOfFibre, endOfFibre: endOfFibre,
                           timeReference: time.path!, depthReference: depth.path!, depthUnit: unit, zones: zones,
                           events: events, plots: plots, time: time.values!, depth: depth.values!, notes: notes)
    }
}

/// The parts of a plots config, each read from the document's reader (which collects the problems).
private struct PlotsConfigParser {
    let reader: JSONObjectReader
    let file: String
    let input: any StorageLocation

    /// A reference axis: the file named, and its values when they could be read.
    struct Axis {
        var path: String?
        var values: [Double]?
    }

    /// Picture size: distpy stores figure_size and dpi and ignores them (640×480); here they are honoured.
    func picture() -> (figureSize: [Double], dpi: Int) {
        var figureSize = [6.4, 4.8]
        if let value = reader.value("figure_size") {
            if case .array(let a) = value, a.count == 2, case .number(let w) = a[0], case .number(let h) = a[1],
               w > 0, h > 0, w.isFinite, h.isFinite {
                figureSize = [w, h]
            } else {
                reader.problem("figure_size", "must be two positive numbers (width, height in inches)", fix: "[36, 12]")
            }
        }
        var dpi = 100
        if let d = reader.plotNumber("dpi", required: false, fix: "100") {
            if d >= 10, d <= 1200, d == d.rounded() { dpi = Int(d) } else {
                reader.problem("dpi", "is \(d) but must be a whole number from 10 to 1200", fix: "100")
            }
        }
        // Checked as doubles first: a figure size of 1e88 inches is a problem to report, not an Int conversion trap
        // (found by fuzzing).
        let wd = (figureSize[0] * Double(dpi)).rounded(), hd = (figureSize[1] * Double(dpi)).rounded()
        let w = wd <= 32767 ? Int(wd) : 32768, h = hd <= 32767 ? Int(hd) : 32768
        if !(wd <= 32767 && hd <= 32767 && wd * hd * 4 < Double(1 << 31)) {
            reader.problem("figure_size", "× dpi gives \(DistSwiftCalc.Axis.number(wd))×\(DistSwiftCalc.Axis.number(hd)) pixels, more than cairo can draw (32767 a side, 536 million in all)",
                           fix: "lower figure_size or dpi")
        } else if w < 100 || h < 100 {
            reader.problem("figure_size", "× dpi gives \(w)×\(h) pixels, too small for a plot with axes",
                           fix: "at least 100 pixels a side; [6.4, 4.8] at 100 dpi is 640×480")
        }
        return (figureSize, dpi)
    }

    func depthUnit() -> DepthDisplayUnit {
        guard let u = reader.plotString("depth_display_unit", required: false, fix: "\"m\" or \"ft\"") else { return .metres }
        switch u.lowercased() {
        case "ft", "feet", "foot": return .feet
        case "m", "metres", "meters", "metre", "meter": return .metres
        default:
            reader.problem("depth_display_unit", "is \"\(u)\"", fix: "\"m\" or \"ft\"")
            return .metres
        }
    }

    /// A reference axis, relative to the input location.
    func axis(_ key: String, example: String) -> Axis {
        guard let path = reader.plotString(key, required: true,
                                           fix: "a .npy file relative to the input location, e.g. \"\(example)\"") else {
            return Axis()
        }
        guard input.exists(path) else {
            reader.problem(key, "names \(input.address(of: path)), which does not exist",
                           fix: "a .npy file relative to the input location \(input)")
            return Axis(path: path)
        }
        do {
            let npy = try NPYArrayFile(location: input, path: path)
            guard npy.header.shape.count == 1 || (npy.header.shape.count == 2 && npy.columnCount == 1) else {
                reader.problem(key, "holds an array of shape \(npy.header.shape), not a list of values",
                               fix: "a 1-D array (one value per \(key == "time_reference" ? "column" : "row"))")
                return Axis(path: path)
            }
            let values = try npy.readVector(as: Double.self)
            guard !values.isEmpty, values.allSatisfy(\.isFinite) else {
                reader.problem(key, "is empty or holds NaN/inf values",
                               fix: "finite values, one per \(key == "time_reference" ? "column" : "row")")
                return Axis(path: path)
            }
            return Axis(path: path, values: values)
        } catch {
            reader.problem(key, "cannot be read: \(error)")
            return Axis(path: path)
        }
    }

    /// Zones: optional in distswift (distpy crashes on a missing file), so a missing file is a note.
    func zones() -> (zones: [PlotZone], notes: [String]) {
        guard let segments = reader.plotString("well_segments", required: false, fix: "a zones text file") else {
            return ([], [])
        }
        let folder = (file as NSString).deletingLastPathComponent
        let path = segments.hasPrefix("/") ? segments : folder + "/" + segments
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            return ([], ["well_segments \(path) does not exist: no zones drawn"])
        }
        let (zones, problems) = PlotsConfig.parseZones(text)
        for p in problems {
            reader.problem("well_segments", "(\(path)) \(p)",
                           fix: "lines 1–2 a header, then pairs of lines: \"START … NAME\" and \"END …\"")
        }
        return (zones, [])
    }

    func events() -> [PlotEvent] {
        var events: [PlotEvent] = []
        switch reader.value("label_list") {
        case nil: break
        case .array(let list)?:
            for (i, value) in list.enumerated() {
                let at = "label_list[\(i)]"
                guard case .object(let o) = value else {
                    reader.problem(at, "is \(value.typeName), not an object",
                                   fix: "{\"event_label_start\": 200, \"event_mark\": \"2015-06-28 13:20:00\", \"event_text\": \"Well Shut in\"}")
                    continue
                }
                let event = reader.reader(of: o, at: at)
                event.rejectUnknownPlotKeys(known: PlotsConfig.eventKeys)
                let y = event.plotNumber("event_label_start", required: false, fix: "the depth (display units) of the text")
                let mark = event.plotString("event_mark", required: true, fix: "\"YYYY-MM-DD HH:MM:SS\" (UTC)")
                let text = event.plotString("event_text", required: false, fix: "the event's label") ?? ""
                if let mark {
                    if let ns = UTCTime.parse(mark) {
                        events.append(PlotEvent(labelDepth: y ?? .nan, time: Double(ns) / 1e9, text: text))
                    } else {
                        event.problem("event_mark", "is \"\(mark)\", not a time", fix: "\"YYYY-MM-DD HH:MM:SS\" (UTC)")
                    }
                }
            }
        case let other?: reader.problem("label_list", "is \(other.typeName), not a list", fix: "a list of events, or leave it out")
        }
        return events
    }

    func plots(time: Axis, depth: Axis) -> [PlotEntry] {
        var plots: [PlotEntry] = []
        switch reader.value("plots") {
        case nil: reader.problem("plots", "is missing", fix: "a list of {\"plot_type\", \"out_plot\", \"plot_list\"}")
        case .array(let list)?:
            if list.isEmpty { reader.problem("plots", "is empty", fix: "at least one plot") }
            for (p, value) in list.enumerated() {
                let at = "plots[\(p)]"
                guard case .object(let o) = value else {
                    reader.problem(at, "is \(value.typeName), not an object",
                                   fix: "{\"plot_type\": \"well_log\", \"out_plot\": \"ALL_BANDS\", \"plot_list\": [...]}")
                    continue
                }
                if let entry = plot(reader.reader(of: o, at: at), time: time, depth: depth) { plots.append(entry) }
            }
        case let other?: reader.problem("plots", "is \(other.typeName), not a list", fix: "a list of {\"plot_type\", \"out_plot\", \"plot_list\"}")
        }
        return plots
    }

    /// One plot (`plots[i]`); nil when its type or file name is wrong.
    func plot(_ entry: JSONObjectReader, time: Axis, depth: Axis) -> PlotEntry? {
        entry.rejectUnknownPlotKeys(known: PlotsConfig.entryKeys)
        var type: PlotType?
        if let t = entry.plotString("plot_type", required: true, fix: "well_log, stack or rgb") {
            type = PlotType(rawValue: t)
            if type == nil {
                let near = NameSuggestion.nearest(to: t, in: PlotType.allCases.map(\.rawValue))
                entry.problem("plot_type", "is \"\(t)\", not a plot type",
                              fix: near.isEmpty ? "well_log, stack or rgb" : "did you mean \"\(near[0])\"? (well_log, stack or rgb)")
            }
        }
        let outPlot = entry.plotString("out_plot", required: true, fix: "the file name, e.g. \"ALL_BANDS\" → ALL_BANDS.png")
        if let outPlot, outPlot.split(separator: "/").contains("..") {
            entry.problem("out_plot", "leaves the output location", fix: "a name without \"..\"")
        }
        var items: [PlotItem] = []
        switch entry.value("plot_list") {
        case nil: entry.problem("plot_list", "is missing", fix: "a list of {\"data\", \"title_text\", \"colormap\"}")
        case .array(let list)?:
            if list.isEmpty { entry.problem("plot_list", "is empty", fix: "at least one data file") }
            if type == .rgb, list.count != 3 {
                entry.problem("plot_list", "has \(list.count) items but an rgb plot needs exactly 3 (red, green, blue)",
                              fix: "three data files")
            }
            for (i, value) in list.enumerated() {
                let here = entry.keyPath("plot_list[\(i)]")
                guard case .object(let o) = value else {
                    entry.problem("plot_list[\(i)]", "is \(value.typeName), not an object",
                                  fix: "{\"data\": \"band.npy\", \"title_text\": \"Band 1\"}")
                    continue
                }
                if let item = self.item(entry.reader(of: o, at: here), of: type, time: time, depth: depth) {
                    items.append(item)
                }
            }
        case let other?: entry.problem("plot_list", "is \(other.typeName), not a list", fix: "a list of {\"data\", \"title_text\", \"colormap\"}")
        }
        guard let type, let outPlot else { return nil }
        return PlotEntry(type: type, outPlot: outPlot, items: items)
    }

    /// One array of a plot (`plots[i].plot_list[j]`); nil without its data file.
    func item(_ item: JSONObjectReader, of type: PlotType?, time: Axis, depth: Axis) -> PlotItem? {
        item.rejectUnknownPlotKeys(known: PlotsConfig.itemKeys)
        let data = item.plotString("data", required: true, fix: "a .npy file relative to the input location")
        if let data { checkData(data, item, time: time, depth: depth) }
        let title = item.plotString("title_text", required: false, fix: "the panel's title")
            // Split by hand: Foundation's lastPathComponent crashed on a fuzzed path (a stack-buffer underflow).
            ?? ((data ?? "").split(separator: "/").last.map(String.init) ?? "")
        var map = ColourMap(named: "magma")!
        if let name = item.plotString("colormap", required: false, fix: "a colour map name"), type != .rgb {
            if let m = ColourMap(named: name) { map = m } else {
                let near = NameSuggestion.nearest(to: name, in: ColourMap.plotNames)
                item.problem("colormap", "is \"\(name)\", not a colour map distswift knows",
                             fix: (near.isEmpty ? "" : "did you mean \"\(near[0])\"? ") + "known: \(ColourMap.plotNames.joined(separator: ", "))")
            }
        }
        var alpha = 0.5
        if let a = item.plotNumber("alpha", required: false, fix: "an opacity from 0 to 1, e.g. \"0.25\"") {
            if a >= 0, a <= 1 { alpha = a } else { item.problem("alpha", "is \(a), not from 0 to 1", fix: "\"0.25\"") }
        }
        var inverted = false
        switch item.value("inverted") {
        case nil: break
        case .bool(let b)?: inverted = b
        case .string(let s)?:
            switch s.lowercased() {
            case "yes", "true", "1": inverted = true
            case "no", "false", "0": inverted = false
            default: item.problem("inverted", "is \"\(s)\"", fix: "\"yes\" or \"no\"")
            }
        case let other?: item.problem("inverted", "is \(other.typeName)", fix: "\"yes\" or \"no\"")
        }
        guard let data else { return nil }
        return PlotItem(data: data, title: title, colourMap: map, alpha: alpha, inverted: inverted)
    }

    /// The data file exists and is channels × time along the reference axes.
    func checkData(_ data: String, _ item: JSONObjectReader, time: Axis, depth: Axis) {
        guard input.exists(data) else {
            item.problem("data", "names \(input.address(of: data)), which does not exist",
                         fix: "a .npy file relative to the input location \(input)")
            return
        }
        do {
            let npy = try NPYArrayFile(location: input, path: data)
            let shape = npy.header.shape
            if shape.count != 2 {
                item.problem("data", "holds an array of shape \(shape), not channels × time",
                             fix: "a 2-D array (depth_reference values × time_reference values)")
            } else if let times = time.values, let depths = depth.values, shape != [depths.count, times.count] {
                let swapped = shape == [times.count, depths.count]
                item.problem("data", "has shape \(shape) but the reference axes give [\(depths.count), \(times.count)] (\(depth.path ?? "") × \(time.path ?? ""))",
                             fix: swapped ? "the array is time × channels: transpose it" : "use the depth and time files written beside this array")
            }
        } catch {
            item.problem("data", "cannot be read: \(error)")
        }
    }
}

extension JSONObjectReader {
    /// A plots config's keys, unknown ones reported in its words.
    fileprivate func rejectUnknownPlotKeys(known: [String]) {
        rejectUnknownKeys(known: known, problem: "is not a key distswift knows here",
                          otherwise: "known keys: \(known.joined(separator: ", "))")
    }

    /// A number, or a string holding one (distpy writes alpha as "0.25").
    fileprivate func plotNumber(_ key: String, required: Bool, fix: String) -> Double? {
        switch value(key) {
        case nil:
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

    /// A non-empty string.
    fileprivate func plotString(_ key: String, required: Bool, fix: String) -> String? {
        switch value(key) {
        case nil:
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
}
