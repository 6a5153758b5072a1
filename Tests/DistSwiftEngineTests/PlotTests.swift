import DistSwiftCalc
import DistSwiftIO
import DistSwiftNative
import DistSwiftTestSupport
import Foundation
import Testing

/// Synthetic stage-4 inputs: 3 bands of 40 channels × 60 time columns in `input/`, with `time.npy` (one column a
/// minute from 2024-01-01 00:00 UTC) and `measured_depth.npy` (100 … 295 m, 5 m apart).
struct PlotFixture {
    static let t0 = 1_704_067_200.0
    static let nx = 40, nt = 60
    let folder: TemporaryFolder
    let input: LocalStorage

    init() throws {
        folder = try TemporaryFolder("distswift-plot")
        input = LocalStorage(root: folder.file("input"))
        try input.makeFolder("bands")
        try NPYWriter.write(vector: (0..<Self.nt).map { Self.t0 + 60 * Double($0) }, to: input, path: "bands/time.npy")
        try NPYWriter.write(vector: (0..<Self.nx).map { 100 + 5 * Double($0) }, to: input, path: "bands/measured_depth.npy")
        // band 0 grows with depth (row), band 1 with time (column), band 2 is a checker pattern.
        let patterns: [(Int, Int) -> Double] = [{ r, _ in Double(r) }, { _, c in Double(c) }, { r, c in Double((r / 5 + c / 5) % 2) * 3 + 1 }]
        for (k, pattern) in patterns.enumerated() {
            var values: [Double] = []
            for r in 0..<Self.nx { for c in 0..<Self.nt { values.append(pattern(r, c)) } }
            try NPYWriter.write(Array2D(rows: Self.nx, columns: Self.nt, values: values), to: input, path: "bands/band_\(k).npy")
        }
    }

    /// A plots JSON with `extra` top-level keys merged in.
    func plotsJSON(_ plots: String, extra: String = "") -> String {
        """
        {"figure_size": [9, 5], "dpi": 80, "time_reference": "bands/time.npy",
         "depth_reference": "bands/measured_depth.npy", \(extra.isEmpty ? "" : extra + ",")
         "plots": [\(plots)]}
        """
    }

    func config(_ plots: String, extra: String = "") throws -> PlotsConfig {
        let path = try folder.write("plots.json", plotsJSON(plots, extra: extra))
        return try PlotsConfig.load(path: path, input: input)
    }

    func render(_ config: PlotsConfig, index: Int = 0, name: String) throws -> (CairoImage, PlotLayout) {
        let entry = config.plots[index]
        let rendering = try PlotRenderer(config: config).render(entry, arrays: try PlotRenderer.loadArrays(entry, input: input))
        // Kept for looking at: /tmp/distswift-plot-NAME.png
        try? Data(rendering.bytes).write(to: URL(fileURLWithPath: "/tmp/distswift-plot-\(name).png"))
        return (try CairoImage(png: rendering.bytes), rendering.layout)
    }

    static let wellLog = """
        {"plot_type": "well_log", "out_plot": "ALL_BANDS", "plot_list": [
          {"title_text": "Band 0", "data": "bands/band_0.npy", "colormap": "viridis"},
          {"title_text": "Band 1", "data": "bands/band_1.npy", "colormap": "UAVK"},
          {"title_text": "Band 2", "data": "bands/band_2.npy", "colormap": "cividis"}]}
        """
    static let stack = """
        {"plot_type": "stack", "out_plot": "STACK", "plot_list": [
          {"title_text": "Band 0", "data": "bands/band_0.npy", "colormap": "viridis", "alpha": "0.5"},
          {"title_text": "Band 2", "data": "bands/band_2.npy", "colormap": "gray", "alpha": "0.25"}]}
        """
    static let rgb = """
        {"plot_type": "rgb", "out_plot": "RGB", "plot_list": [
          {"title_text": "Band 0", "data": "bands/band_0.npy", "inverted": "yes"},
          {"title_text": "Band 1", "data": "bands/band_1.npy"},
          {"title_text": "Band 2", "data": "bands/band_2.npy", "inverted": "no"}]}
        """
}

private func isWhite(_ p: (red: UInt8, green: UInt8, blue: UInt8)) -> Bool { p.red >= 250 && p.green >= 250 && p.blue >= 250 }
/// Red, or a thin antialiased red line over the data: red well above green and blue.
private func isRed(_ p: (red: UInt8, green: UInt8, blue: UInt8)) -> Bool { Int(p.red) - Int(max(p.green, p.blue)) >= 60 }
private func rgb(_ c: UInt32) -> (UInt8, UInt8, UInt8) { (UInt8(c >> 16 & 0xFF), UInt8(c >> 8 & 0xFF), UInt8(c & 0xFF)) }

/// Pixel row of depth `d` (display units) in a panel of the fixture (rows 100 … 295 m, half a row beyond each end).
private func row(_ box: ThumbnailLayout.Box, depth d: Double, top: Double = 97.5, bottom: Double = 297.5) -> Double {
    Double(box.y) + (d - top) / (bottom - top) * Double(box.height)
}

@Suite("Plot rendering (distswift plot: well_log, stack, rgb)")
struct PlotRenderTests {
    @Test("well_log: one panel per band at figure_size × dpi, colour bars with the maps' end colours, not blank")
    func wellLog() throws {
        let f = try PlotFixture()
        let config = try f.config(PlotFixture.wellLog)
        #expect(config.width == 720 && config.height == 400)
        let (image, layout) = try f.render(config, name: "well_log")
        #expect(image.width == 720 && image.height == 400)
        #expect(layout.panels.count == 3 && layout.colourBars.count == 3)
        // Side by side, same rows (a shared depth axis).
        #expect(Set(layout.panels.map(\.y)).count == 1 && Set(layout.panels.map(\.height)).count == 1)
        #expect(zip(layout.panels, layout.panels.dropFirst()).allSatisfy { $0.x + $0.width < $1.x })
        for (bar, name) in zip(layout.colourBars, ["viridis", "UAVK", "cividis"]) {
            let map = ColourMap(named: name)!
            let x = bar.x + bar.width / 2
            // Row 1 below the frame and row h−2 above it: the colour-bar levels (h−2)/(h−1) and 1/(h−1) of 256
            // entries, i.e. the map's last and first colours to within 2 entries.
            let h = Double(bar.height - 1)
            let topIndex = min(255, Int((h - 1) / h * 256)), bottomIndex = Int(1 / h * 256)
            #expect(topIndex >= 253 && bottomIndex <= 2)
            #expect(image.pixel(x: x, y: bar.y + 1) == rgb(map.colours[topIndex]), "\(name) top")
            #expect(image.pixel(x: x, y: bar.y + bar.height - 2) == rgb(map.colours[bottomIndex]), "\(name) bottom")
        }
        // Band 0 grows with depth: the panel's top row has viridis's low end, its bottom the high end (vmax is the
        // despiked max = 39, vmin 0).
        let p = layout.panels[0]
        let viridis = ColourMap(named: "viridis")!
        #expect(image.pixel(x: p.x + p.width / 2, y: p.y + 2) == rgb(viridis.colour(0)))
        #expect(image.pixel(x: p.x + p.width / 2, y: p.y + p.height - 3) == rgb(viridis.colour(1)))
        var colours = Set<UInt32>()
        for y in stride(from: p.y, to: p.y + p.height, by: 3) {
            let c = image.pixel(x: p.x + p.width / 2, y: y)
            colours.insert(UInt32(c.red) << 16 | UInt32(c.green) << 8 | UInt32(c.blue))
        }
        #expect(colours.count > 20)
        #expect(layout.depthTickLabels.contains("200"))
    }

    @Test("fibre ends are white lines at their depths, events red lines at their UTC time, in metres and in feet")
    func annotations() throws {
        let f = try PlotFixture()
        // 150 m and 250 m; the event at 00:30:00 UTC (the middle of column 30).
        let events = #""label_list": [{"event_label_start": 110, "event_mark": "2024-01-01 00:30:00", "event_text": "Shut in"}]"#
        for (unit, factor) in [("m", 1.0), ("ft", 3.28084)] {
            let config = try f.config(PlotFixture.wellLog, extra: """
                "depth_display_unit": "\(unit)", "start_of_fibre": \(150 * factor), "end_of_fibre": \(250 * factor), \(events)
                """)
            let (image, layout) = try f.render(config, name: "annotations-\(unit)")
            for p in layout.panels {
                let x = p.x + p.width / 4
                for depth in [150.0, 250.0] {
                    let y = Int(row(p, depth: depth * factor, top: 97.5 * factor, bottom: 297.5 * factor))
                    #expect((y - 1...y + 1).contains { isWhite(image.pixel(x: x, y: $0)) }, "\(unit): fibre line at \(depth) m, row \(y)")
                    #expect(!isWhite(image.pixel(x: x, y: y + 6)))
                }
                // Column 30's centre: 30.5 of 60 columns across.
                let ex = Int(Double(p.x) + 30.5 / 60 * Double(p.width))
                let y = p.y + p.height - 4
                #expect((ex - 1...ex + 1).contains { isRed(image.pixel(x: $0, y: y)) }, "\(unit): event line at column \(ex)")
                #expect(!isRed(image.pixel(x: ex + 8, y: y)))
            }
            if unit == "m" {
                #expect(layout.depthTickLabels.contains("200") && !layout.depthTickLabels.contains("700"))
            } else {
                // 100 … 295 m is 328 … 968 ft.
                #expect(layout.depthTickLabels.contains("700") || layout.depthTickLabels.contains("600"))
                #expect(!layout.depthTickLabels.contains("200"))
            }
        }
    }

    @Test("stack: the bands overlaid with their alpha over white, one colour bar per band")
    func stack() throws {
        let f = try PlotFixture()
        let config = try f.config(PlotFixture.stack)
        let (image, layout) = try f.render(config, name: "stack")
        #expect(layout.panels.count == 1 && layout.colourBars.count == 2)
        let p = layout.panels[0]
        // Cell (row 2, column 2): band 0 = 2 of vmax 39 (viridis), band 2 = 1 on vmin 0 … vmax 4 (gray).
        let x = Int(Double(p.x) + 2.5 / 60 * Double(p.width)), y = Int(Double(p.y) + 2.5 / 40 * Double(p.height))
        let v = ColourMap(named: "viridis")!.colour(2.0 / 39), g = ColourMap(named: "gray")!.colour(1.0 / 4)
        func mix(_ shift: UInt32) -> UInt8 {
            let first = 0.5 * Double(v >> shift & 0xFF) + 0.5 * 255
            return UInt8((0.25 * Double(g >> shift & 0xFF) + 0.75 * first.rounded()).rounded())
        }
        let pixel = image.pixel(x: x, y: y)
        #expect(pixel == (mix(16), mix(8), mix(0)))
    }

    @Test("rgb: each pixel's channels are the bands' intensities (min → 0, / max; inverted: 1 − x)")
    func rgbPlot() throws {
        let f = try PlotFixture()
        let config = try f.config(PlotFixture.rgb)
        let (image, layout) = try f.render(config, name: "rgb")
        #expect(layout.panels.count == 1 && layout.colourBars.isEmpty)
        let p = layout.panels[0]
        for (r, c) in [(10, 20), (0, 0), (39, 59), (7, 33)] {
            let x = Int(Double(p.x) + (Double(c) + 0.5) / 60 * Double(p.width))
            let y = Int(Double(p.y) + (Double(r) + 0.5) / 40 * Double(p.height))
            // band 0 = r on 0…39, inverted; band 1 = c on 0…59; band 2 = 1 or 4 on 1…4.
            let red = UInt8(Int((1 - Double(r) / 39) * 255))
            let green = UInt8(Int(Double(c) / 59 * 255))
            let blue: UInt8 = (r / 5 + c / 5) % 2 == 1 ? 255 : 0
            #expect(image.pixel(x: x, y: y) == (red, green, blue), "cell (\(r), \(c))")
        }
    }

    @Test("SVG and PDF from the same drawing")
    func vectorFormats() throws {
        let f = try PlotFixture()
        let config = try f.config(PlotFixture.wellLog)
        let entry = config.plots[0]
        let arrays = try PlotRenderer.loadArrays(entry, input: f.input)
        let svg = try PlotRenderer(config: config).render(entry, arrays: arrays, format: "svg")
        #expect(svg.fileExtension == "svg" && String(decoding: svg.bytes.prefix(200), as: UTF8.self).contains("<svg"))
        let pdf = try PlotRenderer(config: config).render(entry, arrays: arrays, format: "pdf")
        #expect(pdf.fileExtension == "pdf" && pdf.bytes.starts(with: Array("%PDF".utf8)))
    }
}

@Suite("Plot config (distpy's plots JSON)")
struct PlotConfigTests {
    @Test("a broken plots JSON reports every problem at once, with JSON paths and fixes")
    func everyProblem() throws {
        let f = try PlotFixture()
        // A transposed band (time × channels).
        var transposed: [Double] = []
        for _ in 0..<PlotFixture.nt { for r in 0..<PlotFixture.nx { transposed.append(Double(r)) } }
        try NPYWriter.write(Array2D(rows: PlotFixture.nt, columns: PlotFixture.nx, values: transposed), to: f.input, path: "bands/sideways.npy")
        let plots = """
            {"plot_type": "wel_log", "out_plot": "A", "plot_list": [{"data": "bands/band_0.npy"}]},
            {"plot_type": "well_log", "out_plot": "B", "plot_list": [
               {"data": "bands/missing.npy", "colormap": "magam"},
               {"data": "bands/sideways.npy", "colourmap": "viridis"}]},
            {"plot_type": "rgb", "out_plot": "C", "plot_list": [{"data": "bands/band_0.npy"}, {"data": "bands/band_1.npy"}]},
            {"plot_type": "stack", "plot_list": [{"data": "bands/band_0.npy", "alpha": "lots"}]}
            """
        let path = try f.folder.write("plots.json", f.plotsJSON(plots, extra: """
            "depth_display_unit": "yards", "label_list": [{"event_mark": "28/06/2015 13:20"}]
            """))
        do {
            _ = try PlotsConfig.load(path: path, input: f.input)
            Issue.record("a broken config was accepted")
        } catch let errors as ConfigErrors {
            let text = errors.description
            let expected: [(String, String)] = [
                ("plots[0].plot_type", "did you mean \"well_log\""),
                ("plots[1].plot_list[0].data", "does not exist"),
                ("plots[1].plot_list[0].colormap", "did you mean \"magma\""),
                ("plots[1].plot_list[1].data", "transpose it"),
                ("plots[1].plot_list[1].colourmap", "did you mean 'colormap'"),
                ("plots[2].plot_list", "exactly 3"),
                ("plots[3].out_plot", "is missing"),
                ("plots[3].plot_list[0].alpha", "not a number"),
                ("depth_display_unit", "\"m\" or \"ft\""),
                ("label_list[0].event_mark", "YYYY-MM-DD HH:MM:SS"),
            ]
            for (key, words) in expected {
                let line = errors.errors.first { $0.key == key }
                #expect(line != nil, "no problem reported for \(key):\n\(text)")
                #expect(line.map { $0.description.contains(words) } ?? false, "\(key) should say \(words): \(line?.description ?? "")")
            }
            #expect(errors.errors.count == expected.count, "\(text)")
        }
    }

    @Test("a missing well_segments file is a note, not a crash; a zones file gives zones at their depths")
    func zones() throws {
        let f = try PlotFixture()
        let missing = try f.config(PlotFixture.rgb, extra: #""well_segments": "/nonexistent/segments.txt""#)
        #expect(missing.zones.isEmpty && missing.notes.count == 1 && missing.notes[0].contains("no zones"))
        _ = try f.folder.write("segments.txt", "zone list\nm\n150.0 x Perf_1\n160.0 x\n 200 a b Perf_2\n210\n")
        let config = try f.config(PlotFixture.wellLog, extra: #""well_segments": "segments.txt""#)
        #expect(config.zones == [PlotZone(start: 150, end: 160, name: "Perf_1"), PlotZone(start: 200, end: 210, name: "Perf_2")])
        let (image, layout) = try f.render(config, name: "zones")
        let p = layout.panels[0]
        let y = Int(row(p, depth: 210))
        #expect((y - 1...y + 1).contains { isRed(image.pixel(x: p.x + p.width - 5, y: $0)) }, "zone line at 210 m")
    }

    @Test("UAVK is distpy's 16-colour list from white to brown")
    func uavk() throws {
        let map = try #require(ColourMap(named: "UAVK"))
        #expect(map.colours.count == 256 && map.colours[0] == 0xFFFFFF && map.colours[255] == 0xA52A2A)
        #expect(ColourMap(named: "UAVK_r")!.colours[0] == 0xA52A2A)
        #expect(!ColourMap.names.contains("UAVK") && ColourMap.plotNames.contains("UAVK"))
    }
}
