import DistSwiftIO
import DistSwiftNative

/// A distance × lag picture of a stacked cross-correlation (`distswift stack --reduce … --png`): channels down, lag
/// across in seconds, each channel normalised and drawn on a symmetric colour range (seismic), so positive and
/// negative correlation read as red and blue and the moveout of a travelling wave shows as a line through the
/// master channel at lag 0.
public enum CorrelationImage {
    /// PNG bytes of `values` (rows at `positions` m, columns at `lags` s), each row divided by its largest |value|
    /// (the usual trace normalisation of correlation gathers: the master's autocorrelation would otherwise hide
    /// every other channel), drawn from −1 to 1.
    public static func png(values: Array2D<Double>, positions: [Double], lags: [Double], title: String,
                           width: Int = 900, height: Int = 600, dpi: Int = 100) throws -> [UInt8] {
        var normalised = values.values
        for r in 0..<values.rows {
            let row = (r * values.columns)..<((r + 1) * values.columns)
            let peak = normalised[row].filter(\.isFinite).map(abs).max() ?? 0
            if peak > 0 { for i in row { normalised[i] /= peak } }
        }
        let values = Array2D(rows: values.rows, columns: values.columns, values: normalised)
        let limit = 1.0
        let step = lags.count > 1 ? (lags[lags.count - 1] - lags[0]) / Double(lags.count - 1) : 1
        let picture = ThumbnailPicture(
            style: .image(.init(values: values, vmin: -limit, vmax: limit, colourMap: ColourMap(named: "seismic")!,
                                invertRows: false)),
            columnOrigin: lags.first ?? 0, columnStep: step, rowFirst: positions.first ?? 0,
            rowLast: positions.last ?? Double(max(values.rows - 1, 0)), title: title, horizontalLabel: "lag (s)",
            verticalLabel: "distance (m)", width: width, height: height, dpi: Double(dpi))
        let image = try CairoImage(width: width, height: height)
        _ = try picture.draw(on: image, command: "stack --png")
        return try image.pngBytes()
    }
}
