import DistSwiftIO
import DistSwiftNative
import Foundation

/// Sizes of a plot's lines and texts, from matplotlib's defaults in points (10 pt text, 3.5 pt ticks, 0.8 pt
/// lines) scaled by the dpi, so a figure of the same inches has the same proportions at any dpi. Shared by
/// `thumbnail` and `distswift plot`.
struct PlotStyle {
    let pt: Double
    var font: Double { 10 * pt }
    var pad: Double { 1.08 * font }  // tight_layout's default padding
    var tickLength: Double { 3.5 * pt }
    var tickPad: Double { 3.5 * pt }
    var labelPad: Double { 4 * pt }
    var lineWidth: Double { 0.8 * pt }

    init(dpi: Double) { pt = dpi / 72 }
}

/// Turning a 2-D array into the pixels of an image panel.
enum PlotRaster {
    /// For each pixel of a `width × height` panel, the mean of the finite values it covers (NaN where it covers
    /// none): a chunk of thousands of samples is averaged into the picture rather than sampled (which would
    /// alias); a panel larger than the data repeats values (nearest neighbour). Row 0 is at the top unless
    /// `invertRows`.
    static func pixelMeans(_ a: Array2D<Double>, width: Int, height: Int, invertRows: Bool = false) -> [Double] {
        func span(_ pixel: Int, pixels: Int, count: Int) -> Range<Int> {
            let start = min(count - 1, pixel * count / pixels)
            return start..<max(start + 1, min(count, (pixel + 1) * count / pixels))
        }
        // An empty array covers no pixel (and has no spans to take).
        guard a.rows > 0, a.columns > 0 else { return [Double](repeating: .nan, count: max(0, width * height)) }
        let rowSpans = (0..<height).map { py in
            let rowSpan = span(py, pixels: height, count: a.rows)
            return invertRows ? (a.rows - rowSpan.upperBound)..<(a.rows - rowSpan.lowerBound) : rowSpan
        }
        return RasterKernels.blockMeans(a.values, columns: a.columns, rowSpans: rowSpans,
                                        columnSpans: (0..<width).map { span($0, pixels: width, count: a.columns) })
    }

    /// Colours (`0xRRGGBB`) of pixel values clipped to vmin…vmax; NaN pixels are white, as matplotlib leaves NaN.
    static func colours(_ means: [Double], map: ColourMap, vmin: Double, vmax: Double) -> [UInt32] {
        let scale = 1 / (vmax - vmin)
        return means.map { $0.isNaN ? 0xFFFFFF : map.colour(($0 - vmin) * scale) }
    }
}

/// A colour bar: 256 bands from vmin (bottom) to vmax (top), its ends exactly the map's end colours, with ticks
/// and labels on its right.
enum ColourBar {
    /// The width the tick labels of `ticks` take beside a bar.
    static func labelWidth(_ ticks: AxisTicks, canvas: CairoCanvas, style: PlotStyle) -> Double {
        (ticks.labels.map { canvas.textBox($0).width }.max() ?? 0) + style.tickPad + style.tickLength
    }

    @discardableResult
    static func draw(on canvas: CairoCanvas, box bar: ThumbnailLayout.Box, map: ColourMap, vmin: Double,
                     vmax: Double, ticks: AxisTicks, style: PlotStyle) throws -> ThumbnailLayout.Box {
        var pixels = [UInt32](repeating: 0, count: bar.width * bar.height)
        for k in 0..<bar.height {
            let level = bar.height > 1 ? Double(bar.height - 1 - k) / Double(bar.height - 1) : 1
            let colour = map.colours[min(255, Int(level * 256))]
            for i in 0..<bar.width { pixels[k * bar.width + i] = colour }
        }
        let bx = Double(bar.x), by = Double(bar.y), bw = Double(bar.width), bh = Double(bar.height)
        try canvas.drawPixels(pixels, width: bar.width, height: bar.height, x: bx, y: by)
        canvas.strokeRectangle(x: bx, y: by, width: bw, height: bh, lineWidth: style.lineWidth)
        for (value, label) in zip(ticks.values, ticks.labels) {
            let y = by + bh - (value - vmin) / (vmax - vmin) * bh
            guard y >= by - 0.5, y <= by + bh + 0.5 else { continue }
            canvas.polyline([(bx + bw, y), (bx + bw + style.tickLength, y)], lineWidth: style.lineWidth)
            canvas.drawText(label, x: bx + bw + style.tickLength + style.tickPad, y: y, anchor: .left)
        }
        if let scale = AxisTicks.scaleText(from: vmin, to: vmax) {
            canvas.drawText(scale, x: bx, y: by - 2 * style.pt, anchor: .bottomLeft)
        }
        return bar
    }
}

/// Ticks of a time axis in UTC: a "nice" step (seconds, minutes, hours, days) and labels "YYYY-MM-DD HH:MM"
/// (with ":SS" when the step is below a minute).
struct TimeTicks {
    let values: [Double]
    let labels: [String]

    static let steps: [Double] = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600,
                                  43200, 86400, 172_800, 604_800, 2_592_000, 31_536_000]

    /// At most `maxCount` ticks within `lo…hi` (unix seconds).
    init(from lo: Double, to hi: Double, maxCount: Int) {
        guard lo.isFinite, hi.isFinite, hi > lo else {
            values = lo.isFinite ? [lo] : []
            labels = values.map { Self.label($0, seconds: true) }
            return
        }
        let count = max(1, maxCount)
        let step = Self.steps.first { (hi - lo) / $0 <= Double(count) } ?? Self.steps.last!
        var ticks: [Double] = []
        var t = (lo / step).rounded(.up) * step
        while t <= hi + 1e-6 {
            ticks.append(t)
            t += step
        }
        values = ticks
        labels = ticks.map { Self.label($0, seconds: step < 60) }
    }

    /// "2024-01-01 00:05" (UTC) of unix seconds.
    static func label(_ seconds: Double, seconds withSeconds: Bool) -> String {
        let text = UTCTime.iso8601(Int64(seconds.rounded(.down)) * UTCTime.nanosecondsPerSecond)
            .replacingOccurrences(of: "T", with: " ")
        return String(text.prefix(withSeconds ? 19 : 16))
    }

    /// The widest label a time axis over `lo…hi` could get.
    static func widestLabel(_ canvas: CairoCanvas, seconds: Bool) -> Double {
        canvas.textBox(seconds ? "0000-00-00 00:00:00" : "0000-00-00 00:00").width
    }
}
