import DistSwiftIO
import DistSwiftNative
import Foundation

/// Where the parts of a plot lie, in pixels (y down).
public struct PlotLayout: Sendable, Equatable {
    /// The image panels (well_log: one per plot_list item; stack, rgb: one).
    public var panels: [ThumbnailLayout.Box] = []
    /// The colour bars (well_log: one per panel; stack: one per item; rgb: none).
    public var colourBars: [ThumbnailLayout.Box] = []
    /// The labels of the shared depth axis (display units).
    public var depthTickLabels: [String] = []
}

/// distpy's stage-4 plots (`well_log`, `stack`, `rgb`) drawn with cairo: depth down, time across (UTC), the
/// fibre ends as white lines, well zones as red lines at their depths, user events as red vertical lines at their
/// UTC time. One drawing code serves PNG, SVG and PDF.
public struct PlotRenderer: Sendable {
    public let config: PlotsConfig

    public init(config: PlotsConfig) { self.config = config }

    public struct Rendering: Sendable {
        public let bytes: [UInt8]
        public let layout: PlotLayout
        public let fileExtension: String
    }

    /// Reads a plot's arrays from the input location (checked against the reference axes by `PlotsConfig`).
    public static func loadArrays(_ entry: PlotEntry, input: any StorageLocation) throws -> [Array2D<Double>] {
        try entry.items.map { try NPYArrayFile(location: input, path: $0.data).read(as: Double.self) }
    }

    public func render(_ entry: PlotEntry, arrays: [Array2D<Double>], format: String = "png") throws -> Rendering {
        let w = config.width, h = config.height
        switch format {
        case "svg", "pdf":
            let document = try CairoVectorDocument(format: format == "svg" ? .svg : .pdf, width: w, height: h,
                                                   pointsPerUnit: 72 / Double(config.dpi))
            let layout = try draw(entry, arrays: arrays, on: document)
            return Rendering(bytes: try document.finish(), layout: layout, fileExtension: format)
        default:
            let image = try CairoImage(width: w, height: h)
            let layout = try draw(entry, arrays: arrays, on: image)
            return Rendering(bytes: try image.pngBytes(), layout: layout, fileExtension: "png")
        }
    }

    /// distpy's colour range of a well_log/stack panel: vmin 0, vmax from a despiked copy. distpy takes
    /// 10 × max(despike(traces, 3)), which puts the data in the bottom tenth of the map; distswift takes the
    /// largest value within mean ± 3 standard deviations of the finite values (spikes beyond are left out), so the
    /// whole map is used. Data that are not positive get their finite min…max instead.
    public static func colourRange(_ values: [Double]) -> (vmin: Double, vmax: Double) {
        var n = 0.0, sum = 0.0, lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite {
            n += 1
            sum += v
            lo = min(lo, v)
            hi = max(hi, v)
        }
        guard n > 0 else { return (0, 1) }
        let mean = sum / n
        var squares = 0.0
        for v in values where v.isFinite { squares += (v - mean) * (v - mean) }
        let limit = 3 * (squares / n).squareRoot()
        var despikedMax = -Double.infinity
        for v in values where v.isFinite && abs(v - mean) <= limit { despikedMax = max(despikedMax, v) }
        if despikedMax > 0 { return (0, despikedMax) }
        return hi > lo ? (lo, hi) : (lo - 1, lo + 1)
    }

    /// rgb: distpy's `extra_numpy.intensity`: min → 0, divided by the (shifted) max, so values lie in 0…1;
    /// `inverted` gives 1 − x. NaN stays NaN.
    public static func intensity(_ values: [Double], inverted: Bool) -> [Double] {
        let finite = values.filter(\.isFinite)
        let lo = finite.min() ?? 0, hi = finite.max() ?? 1
        let scale = hi > lo ? 1 / (hi - lo) : 0
        return values.map { v in
            guard v.isFinite else { return .nan }
            let x = (v - lo) * scale
            return inverted ? 1 - x : x
        }
    }

    /// The 8-bit channel value of an intensity, as distpy's `(x * 255).astype(uint8)` (truncation).
    public static func byte(_ x: Double) -> UInt32 {
        guard x.isFinite else { return 0 }
        return UInt32(max(0, min(255, Int(x * 255))))
    }

    // MARK: - Drawing

    public func draw(_ entry: PlotEntry, arrays: [Array2D<Double>], on canvas: CairoCanvas) throws -> PlotLayout {
        let style = PlotStyle(dpi: Double(config.dpi))
        let pt = style.pt, font = style.font, pad = style.pad
        let W = Double(canvas.width), H = Double(canvas.height)
        canvas.fill(x: 0, y: 0, width: W, height: H, red: 1, green: 1, blue: 1)
        canvas.setFont(size: font)
        let textHeight = canvas.textBox("0123456789").height
        let f = config.depthUnit.factor
        let depth = config.depth.map { $0 * f }, time = config.time
        let nx = depth.count, nt = time.count

        // Axis ranges over the pixel edges of the first and last rows and columns.
        let halfRow = nx > 1 ? (depth[nx - 1] - depth[0]) / Double(nx - 1) / 2 : 0.5
        let depthTop = depth[0] - halfRow, depthBottom = depth[nx - 1] + halfRow
        let halfColumn = nt > 1 ? (time[nt - 1] - time[0]) / Double(nt - 1) / 2 : 0.5
        let timeLeft = time[0] - halfColumn, timeRight = time[nt - 1] + halfColumn

        // Margins.
        let showSeconds = abs(timeRight - timeLeft) < 600
        let timeLabelWidth = TimeTicks.widestLabel(canvas, seconds: showSeconds)
        let top = pad + textHeight * 2.8 + 8 * pt
        let bottom = pad + textHeight + style.labelPad + timeLabelWidth + style.tickPad + style.tickLength
        let plotHeight = H - top - bottom
        let depthTicks = AxisTicks(from: min(depthTop, depthBottom), to: max(depthTop, depthBottom),
                                   maxCount: min(12, max(2, Int(plotHeight / (textHeight * 3)))))
        let depthLabelWidth = depthTicks.labels.map { canvas.textBox($0).width }.max() ?? 0
        let left = pad + textHeight + style.labelPad + depthLabelWidth + style.tickPad + style.tickLength

        // Panels and the colour bars beside them.
        let panelCount = entry.type == .wellLog ? entry.items.count : 1
        let barsPerPanel = entry.type == .wellLog ? 1 : entry.type == .stack ? entry.items.count : 0
        let ranges = entry.type == .rgb ? [] : arrays.map { Self.colourRange($0.values) }
        let barWidth = max(3, (font * 1.2).rounded()), barGap = (0.6 * font).rounded()
        let barTicks = ranges.map { AxisTicks(from: $0.vmin, to: $0.vmax, maxCount: min(8, max(2, Int(plotHeight / (textHeight * 3))))) }
        let barLabelWidth = barTicks.map { ColourBar.labelWidth($0, canvas: canvas, style: style) }.max() ?? 0
        let barsWidth = Double(barsPerPanel) * (barGap + barWidth + barLabelWidth)
        let panelGap = barsPerPanel > 0 ? font : font * 0.5
        let slot = (W - left - pad - Double(panelCount - 1) * panelGap) / Double(panelCount)
        let imageWidth = (slot - barsWidth).rounded(.down)
        guard imageWidth >= 8, plotHeight >= 8 else {
            throw CommandError(entry.type.rawValue, "a figure of \(canvas.width)×\(canvas.height) pixels leaves no room for "
                               + "\(panelCount) panel(s) next to the labels; make figure_size or dpi larger")
        }

        var layout = PlotLayout()
        layout.depthTickLabels = depthTicks.labels
        let py = top.rounded(), ph = plotHeight.rounded(.down)
        func yPixel(_ d: Double) -> Double { py + (d - depthTop) / (depthBottom - depthTop) * ph }

        // Figure title and depth label.
        canvas.setFont(size: font * 1.2, bold: true)
        canvas.drawText(entry.outPlot, x: W / 2, y: pad, anchor: .top)
        canvas.setFont(size: font)
        canvas.drawText("depth (\(config.depthUnit.rawValue))", x: pad, y: py + ph / 2, anchor: .top, angle: -Double.pi / 2)

        for panel in 0..<panelCount {
            let px = (left + Double(panel) * (slot + panelGap)).rounded(), pw = imageWidth
            let box = ThumbnailLayout.Box(x: Int(px), y: Int(py), width: Int(pw), height: Int(ph))
            layout.panels.append(box)
            func xPixel(_ t: Double) -> Double { px + (t - timeLeft) / (timeRight - timeLeft) * pw }

            // The image.
            let pixels: [UInt32]
            switch entry.type {
            case .wellLog:
                let r = ranges[panel]
                pixels = PlotRaster.colours(PlotRaster.pixelMeans(arrays[panel], width: box.width, height: box.height),
                                            map: entry.items[panel].colourMap, vmin: r.vmin, vmax: r.vmax)
            case .stack:
                var composite = [UInt32](repeating: 0xFFFFFF, count: box.width * box.height)
                for (k, array) in arrays.enumerated() {
                    let means = PlotRaster.pixelMeans(array, width: box.width, height: box.height)
                    let map = entry.items[k].colourMap, a = entry.items[k].alpha, r = ranges[k]
                    let scale = 1 / (r.vmax - r.vmin)
                    for i in 0..<composite.count where means[i].isFinite {
                        let c = map.colour((means[i] - r.vmin) * scale), old = composite[i]
                        var mixed: UInt32 = 0
                        for shift: UInt32 in [16, 8, 0] {
                            let v = a * Double(c >> shift & 0xFF) + (1 - a) * Double(old >> shift & 0xFF)
                            mixed |= UInt32(v.rounded()) << shift
                        }
                        composite[i] = mixed
                    }
                }
                pixels = composite
            case .rgb:
                let channels = arrays.enumerated().map { k, array in
                    PlotRaster.pixelMeans(Array2D(rows: array.rows, columns: array.columns,
                                                  values: Self.intensity(array.values, inverted: entry.items[k].inverted)),
                                          width: box.width, height: box.height)
                }
                pixels = (0..<box.width * box.height).map { i in
                    Self.byte(channels[0][i]) << 16 | Self.byte(channels[1][i]) << 8 | Self.byte(channels[2][i])
                }
            }
            try canvas.drawPixels(pixels, width: box.width, height: box.height, x: px, y: py)

            // Annotations inside the panel.
            canvas.clip(x: px, y: py, width: pw, height: ph)
            for fibreEnd in [config.startOfFibre, config.endOfFibre].compactMap({ $0 }) {
                let y = yPixel(fibreEnd)
                canvas.polyline([(px, y), (px + pw, y)], lineWidth: 1.5 * pt, red: 1, green: 1, blue: 1)
            }
            canvas.setFont(size: 7 * pt)
            for zone in config.zones {
                for d in [zone.start, zone.end] {
                    let y = yPixel(d * f)
                    canvas.polyline([(px, y), (px + pw, y)], lineWidth: 1 * pt, red: 1, green: 0, blue: 0)
                }
                if !zone.name.isEmpty {
                    canvas.drawText(zone.name, x: px + 2 * pt, y: yPixel(zone.start * f) - 1 * pt, anchor: .bottomLeft,
                                    red: 1, green: 0, blue: 0)
                }
            }
            for event in config.events {
                let x = xPixel(event.time)
                guard x >= px, x <= px + pw else { continue }
                canvas.polyline([(x, py), (x, py + ph)], lineWidth: 1 * pt, red: 1, green: 0, blue: 0)
                guard !event.text.isEmpty else { continue }
                let tb = canvas.textBox(event.text)
                let y = event.labelDepth.isFinite ? min(py + ph, max(py + tb.width + 2 * pt, yPixel(event.labelDepth))) : py + ph - 2 * pt
                let cx = x + 2 * pt + tb.height / 2 + 1 * pt
                canvas.fill(x: cx - tb.height / 2 - 1 * pt, y: y - tb.width - 1 * pt, width: tb.height + 2 * pt,
                            height: tb.width + 2 * pt, red: 1, green: 1, blue: 0)
                canvas.drawText(event.text, x: cx, y: y, anchor: .left, angle: -Double.pi / 2)
            }
            canvas.resetClip()
            canvas.setFont(size: font)
            canvas.strokeRectangle(x: px, y: py, width: pw, height: ph, lineWidth: style.lineWidth)

            // Panel title.
            let title: String
            switch entry.type {
            case .wellLog: title = entry.items[panel].title
            case .stack: title = entry.items.map(\.title).joined(separator: " + ")
            case .rgb: title = zip(["R", "G", "B"], entry.items).map { "\($0): \($1.title)" }.joined(separator: ", ")
            }
            canvas.drawText(title, x: px + pw / 2, y: py - 4 * pt, anchor: .bottom)

            // Depth ticks (labels on the first panel only: the depth axis is shared).
            for (value, label) in zip(depthTicks.values, depthTicks.labels) {
                let y = yPixel(value)
                guard y >= py - 0.5, y <= py + ph + 0.5 else { continue }
                canvas.polyline([(px - style.tickLength, y), (px, y)], lineWidth: style.lineWidth)
                if panel == 0 { canvas.drawText(label, x: px - style.tickLength - style.tickPad, y: y, anchor: .right) }
            }
            // Time ticks (UTC), labels reading upwards.
            let timeTicks = TimeTicks(from: min(timeLeft, timeRight), to: max(timeLeft, timeRight),
                                      maxCount: max(1, Int(pw / (textHeight * 3))))
            for (value, label) in zip(timeTicks.values, timeTicks.labels) {
                let x = xPixel(value)
                guard x >= px - 0.5, x <= px + pw + 0.5 else { continue }
                canvas.polyline([(x, py + ph), (x, py + ph + style.tickLength)], lineWidth: style.lineWidth)
                canvas.drawText(label, x: x, y: py + ph + style.tickLength + style.tickPad, anchor: .right,
                                angle: -Double.pi / 2)
            }
            canvas.drawText("time (UTC)", x: px + pw / 2, y: H - pad, anchor: .bottom)

            // Colour bars.
            var bx = px + pw
            let barItems = entry.type == .wellLog ? [panel] : entry.type == .stack ? Array(0..<entry.items.count) : []
            for k in barItems {
                bx += barGap
                let bar = ThumbnailLayout.Box(x: Int(bx.rounded()), y: Int(py), width: Int(barWidth), height: Int(ph))
                try ColourBar.draw(on: canvas, box: bar, map: entry.items[k].colourMap, vmin: ranges[k].vmin,
                                   vmax: ranges[k].vmax, ticks: barTicks[k], style: style)
                if entry.type == .stack {
                    canvas.setFont(size: 7 * pt)
                    canvas.drawText(entry.items[k].title, x: Double(bar.x) + barWidth / 2, y: py + ph + style.tickPad,
                                    anchor: .right, angle: -Double.pi / 2)
                    canvas.setFont(size: font)
                }
                layout.colourBars.append(bar)
                bx += barWidth + barLabelWidth
            }
        }
        return layout
    }
}
