import DistSwiftIO
import DistSwiftNative

/// A depth × time picture of a stacked curve (e.g. a noise-log band), drawn like the thumbnails (colour bar, UTC
/// title, depth down): the rolling waterfall `distswift watch` keeps up to date as chunks are processed.
public enum WaterfallImage {
    /// PNG bytes of `values` (depth rows × time columns, NaN left blank-ish by the colour range). The colour range
    /// is the 1st–99th percentile of the finite values, so one loud spot does not wash the rest out.
    public static func png(values: Array2D<Double>, depthFirst: Double, depthLast: Double, secondsPerColumn: Double,
                           title: String, width: Int = 900, height: Int = 450, dpi: Int = 100) throws -> [UInt8] {
        let finite = values.values.filter(\.isFinite).sorted()
        var low = finite.isEmpty ? 0 : finite[Int(0.01 * Double(finite.count - 1))]
        var high = finite.isEmpty ? 1 : finite[Int(0.99 * Double(finite.count - 1))]
        if !(high > low) {
            low -= 1
            high += 1
        }
        let picture = ThumbnailPicture(
            style: .image(.init(values: values, vmin: low, vmax: high, colourMap: ColourMap(named: "viridis")!,
                                invertRows: false)),
            columnOrigin: 0, columnStep: secondsPerColumn, rowFirst: depthFirst, rowLast: depthLast, title: title,
            horizontalLabel: "time (s)", verticalLabel: "depth (m)", width: width, height: height, dpi: Double(dpi))
        let image = try CairoImage(width: width, height: height)
        _ = try picture.draw(on: image, command: "waterfall")
        return try image.pngBytes()
    }
}
