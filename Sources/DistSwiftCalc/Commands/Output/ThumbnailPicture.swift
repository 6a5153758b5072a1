import DistSwiftIO
import DistSwiftNative
import Foundation

/// Where the parts of a thumbnail lie, in pixels of the picture (y down).
public struct ThumbnailLayout: Sendable, Equatable {
    public struct Box: Sendable, Equatable {
        public var x, y, width, height: Int
    }
    /// The data area (image or line plot), inside the axes frame.
    public var plot: Box
    /// The colour bar's colours (nil for a line plot).
    public var colourBar: Box?
}

/// One thumbnail drawn with cairo, laid out like matplotlib's `imshow` + `colorbar` + `tight_layout` that distpy
/// uses: channels down the vertical axis, time along the horizontal one, the colour bar on the right, the title
/// above. Sizes follow matplotlib's defaults in points (10 pt text, 3.5 pt ticks, 0.8 pt lines), scaled by the dpi,
/// so a picture of figure_size inches at any dpi has the same proportions.
struct ThumbnailPicture {
    enum Style {
        /// Colour = value clipped to vmin…vmax; rows at `rowFirst…rowLast` (top to bottom unless inverted).
        case image(Image)
        /// One row of values drawn as a line against the horizontal axis.
        case line([Double])
    }

    struct Image {
        var values: Array2D<Double>
        var vmin: Double
        var vmax: Double
        var colourMap: ColourMap
        var invertRows: Bool
    }

    var style: Style
    /// Horizontal axis value of column j is `columnOrigin + j·columnStep` (seconds).
    var columnOrigin: Double
    var columnStep: Double
    /// Vertical axis values of the first and last rows (image only); rows between are evenly spaced.
    var rowFirst: Double
    var rowLast: Double
    var title: String
    var horizontalLabel: String
    var verticalLabel: String
    var width: Int
    var height: Int
    var dpi: Double

    static let lineColour = (red: 0x1f / 255.0, green: 0x77 / 255.0, blue: 0xb4 / 255.0)  // matplotlib's C0

    func draw(on canvas: CairoCanvas, command: String) throws -> ThumbnailLayout {
        let sizes = PlotStyle(dpi: dpi)
        let pt = sizes.pt, font = sizes.font, pad = sizes.pad
        let tickLength = sizes.tickLength, tickPad = sizes.tickPad, labelPad = sizes.labelPad, lineWidth = sizes.lineWidth
        canvas.fill(x: 0, y: 0, width: Double(width), height: Double(height), red: 1, green: 1, blue: 1)
        canvas.setFont(size: font)
        let textHeight = canvas.textBox("0123456789").height
        let W = Double(width), H = Double(height)

        // Vertical extents first: they fix the axis lengths the tick counts depend on.
        let top = pad + textHeight * 1.4 + 6 * pt
        let bottom = pad + textHeight * 2 + labelPad + tickPad + tickLength
        let plotHeight = H - top - bottom

        // Data ranges of the two axes, over the pixel edges of the first and last samples.
        let columns: Int, rows: Int
        var vertical: (lo: Double, hi: Double)
        switch style {
        case .image(let image):
            columns = image.values.columns
            rows = image.values.rows
            let half = rows > 1 ? (rowLast - rowFirst) / Double(rows - 1) / 2 : 0.5
            vertical = (rowFirst - half, rowLast + half)
        case .line(let v):
            columns = v.count
            rows = 1
            let finite = v.filter(\.isFinite)
            var lo = finite.min() ?? -1, hi = finite.max() ?? 1
            if hi <= lo {
                let spread = lo == 0 ? 1 : abs(lo) * 0.05
                lo -= spread
                hi += spread
            }
            let margin = (hi - lo) * 0.05  // matplotlib's default axes margins
            vertical = (lo - margin, hi + margin)
        }
        let horizontal: (lo: Double, hi: Double)
        switch style {
        case .image:
            horizontal = (columnOrigin - columnStep / 2, columnOrigin + (Double(columns) - 0.5) * columnStep)
        case .line:
            let first = columnOrigin, last = columnOrigin + Double(max(columns - 1, 0)) * columnStep
            let margin = columns > 1 ? (last - first) * 0.05 : columnStep / 2
            horizontal = (first - margin, last + margin)
        }
        let verticalTicks = AxisTicks(from: vertical.lo, to: vertical.hi,
                                      maxCount: min(9, max(2, Int(plotHeight / (textHeight * 3)))))
        let verticalLabelWidth = verticalTicks.labels.map { canvas.textBox($0).width }.max() ?? 0
        let left = pad + textHeight + labelPad + verticalLabelWidth + tickPad + tickLength

        var colourBarTicks: AxisTicks?
        var right = pad
        var colourBarWidth = 0.0, colourBarGap = 0.0
        if case .image(let image) = style {
            let ticks = AxisTicks(from: image.vmin, to: image.vmax, maxCount: min(9, max(2, Int(plotHeight / (textHeight * 3)))))
            colourBarTicks = ticks
            colourBarWidth = max(2, (plotHeight / 20).rounded())  // matplotlib's colorbar aspect 20
            colourBarGap = 0.05 * (W - left - pad)
            right += (ticks.labels.map { canvas.textBox($0).width }.max() ?? 0) + tickPad + tickLength
                + colourBarWidth + colourBarGap
        } else {
            right += font
        }
        let plot = ThumbnailLayout.Box(x: Int(left.rounded()), y: Int(top.rounded()),
                                       width: Int((W - left - right).rounded(.down)),
                                       height: Int(plotHeight.rounded(.down)))
        guard plot.width >= 8, plot.height >= 8 else {
            throw CommandError(command, "a figure of \(width)×\(height) pixels leaves no room for the data next to "
                               + "the labels; make figure_size or dpi larger")
        }
        let px = Double(plot.x), py = Double(plot.y), pw = Double(plot.width), ph = Double(plot.height)

        // Axis value → pixel.
        func xPixel(_ value: Double) -> Double { px + (value - horizontal.lo) / (horizontal.hi - horizontal.lo) * pw }
        let invert: Bool
        if case .image(let image) = style { invert = image.invertRows } else { invert = true }
        func yPixel(_ value: Double) -> Double {
            let f = (value - vertical.lo) / (vertical.hi - vertical.lo)
            // An image puts its first row (vertical.lo side) at the top, as imshow with distpy's extent does; a
            // line plot (and invert_depth) puts the low end at the bottom.
            return invert ? py + ph - f * ph : py + f * ph
        }

        var layout = ThumbnailLayout(plot: plot, colourBar: nil)
        switch style {
        case .image(let image):
            try canvas.drawPixels(raster(image, width: plot.width, height: plot.height),
                                  width: plot.width, height: plot.height, x: px, y: py)
        case .line(let v):
            canvas.clip(x: px, y: py, width: pw, height: ph)
            let points = v.enumerated().map { j, value -> (x: Double, y: Double)? in
                value.isFinite ? (xPixel(columnOrigin + Double(j) * columnStep), yPixel(value)) : nil
            }
            let c = Self.lineColour
            if points.count == 1, let p = points[0] {
                canvas.fill(x: p.x - 2 * pt, y: p.y - 2 * pt, width: 4 * pt, height: 4 * pt,
                            red: c.red, green: c.green, blue: c.blue)
            }
            canvas.polyline(points, lineWidth: 1.5 * pt, red: c.red, green: c.green, blue: c.blue)
            canvas.resetClip()
        }
        canvas.strokeRectangle(x: px, y: py, width: pw, height: ph, lineWidth: lineWidth)

        // Ticks and labels of both axes.
        let horizontalTicks = AxisTicks(from: horizontal.lo, to: horizontal.hi, maxCount: min(9, max(2, Int(
            pw / ((horizontalTickWidth(canvas, horizontal) + font * 1.5))))))
        for (value, label) in zip(horizontalTicks.values, horizontalTicks.labels) {
            let x = xPixel(value)
            guard x >= px - 0.5, x <= px + pw + 0.5 else { continue }
            canvas.polyline([(x, py + ph), (x, py + ph + tickLength)], lineWidth: lineWidth)
            canvas.drawText(label, x: x, y: py + ph + tickLength + tickPad, anchor: .top)
        }
        for (value, label) in zip(verticalTicks.values, verticalTicks.labels) {
            let y = yPixel(value)
            guard y >= py - 0.5, y <= py + ph + 0.5 else { continue }
            canvas.polyline([(px - tickLength, y), (px, y)], lineWidth: lineWidth)
            canvas.drawText(label, x: px - tickLength - tickPad, y: y, anchor: .right)
        }
        if let scale = AxisTicks.scaleText(from: vertical.lo, to: vertical.hi) {
            canvas.drawText(scale, x: px, y: py - 2 * pt, anchor: .bottomLeft)
        }
        if let scale = AxisTicks.scaleText(from: horizontal.lo, to: horizontal.hi) {
            canvas.drawText(scale, x: px + pw, y: H - pad, anchor: .bottomRight)
        }
        canvas.drawText(horizontalLabel, x: px + pw / 2, y: H - pad, anchor: .bottom)
        canvas.drawText(verticalLabel, x: pad, y: py + ph / 2, anchor: .top, angle: -Double.pi / 2)
        canvas.drawText(title, x: px + pw / 2, y: pad, anchor: .top)

        // The colour bar: 256 bands from vmin (bottom) to vmax (top), its ends exactly the map's end colours.
        if case .image(let image) = style, let ticks = colourBarTicks {
            let bar = ThumbnailLayout.Box(x: Int((px + pw + colourBarGap).rounded()), y: plot.y,
                                          width: Int(colourBarWidth), height: plot.height)
            try ColourBar.draw(on: canvas, box: bar, map: image.colourMap, vmin: image.vmin, vmax: image.vmax,
                               ticks: ticks, style: sizes)
            layout.colourBar = bar
        }
        return layout
    }

    /// The widest tick label the horizontal axis could get, to space its ticks so labels never overlap.
    private func horizontalTickWidth(_ canvas: CairoCanvas, _ range: (lo: Double, hi: Double)) -> Double {
        let ticks = AxisTicks(from: range.lo, to: range.hi, maxCount: 9)
        return ticks.labels.map { canvas.textBox($0).width }.max() ?? 0
    }

    /// The image's pixels: each pixel shows the mean of the (finite) values it covers (`PlotRaster`); pixels with no
    /// finite value are white, as matplotlib leaves NaN.
    private func raster(_ image: Image, width: Int, height: Int) -> [UInt32] {
        PlotRaster.colours(PlotRaster.pixelMeans(image.values, width: width, height: height, invertRows: image.invertRows),
                           map: image.colourMap, vmin: image.vmin, vmax: image.vmax)
    }
}
