/// The axes of an array on a graph edge — rows and columns, and a third axis when a command made one (a short-time
/// transform's window times) — the data's units and the commands applied so far.
/// Commands compute the axes of their output from their inputs' (`Command.outputAxes`); the validator does so once
/// with the store's nominal chunk, the engine on every chunk, so what `describe` shows is what runs.
public struct Axes: Sendable, Equatable, CustomStringConvertible {
    public var rows: Axis
    public var columns: Axis
    /// Units of the values ("" when unknown).
    public var units: String
    /// The commands applied, oldest first (name and parameters as written).
    public var history: [String]
    /// The sampling rate of the time series these values come from (after any rate change): what band limits
    /// and Nyquist checks of a spectrum or a band energy refer to.
    public var samplingRateHz: Double?
    /// The time axis a transform along time replaced (so an inverse transform restores the chunk's times).
    public var timeBeforeTransform: Axis?
    /// The third dimension, innermost, when the values are rows × columns × third (`stft`, `spectrogram`: distance
    /// × frequency × window time, DASCore's dims). The `Signal` stays a 2-D array of rows × (columns · third) in
    /// numpy's C order of the 3-D array: element (r, c, t) at column c · third.count + t of row r. nil: 2-D.
    public var third: Axis?
    /// What an inverse short-time transform needs (DASCore's `_stft_*` attributes): set by `stft`, read by `istft`.
    public var shortTimeTransform: ShortTimeTransform?

    public init(rows: Axis, columns: Axis, units: String = "", history: [String] = [], samplingRateHz: Double? = nil) {
        self.rows = rows
        self.columns = columns
        self.units = units
        self.history = history
        self.samplingRateHz = samplingRateHz ?? columns.rateHz
    }

    /// The axes of a chunk: channels × samples.
    public static func chunk(positions: [Double], channels: Range<Int>? = nil, segmentOriginNs: Int64,
                             rateHz: Double, firstSample: Int, samples: Int, units: String) -> Axes {
        Axes(rows: .distance(positions: positions, range: channels),
             columns: .time(originNs: segmentOriginNs, rateHz: rateHz, firstSample: firstSample, count: samples),
             units: units)
    }

    /// The same axes with other columns (a reduction, a transform along time).
    public func replacingColumns(_ axis: Axis) -> Axes {
        var axes = self
        axes.columns = axis
        return axes
    }

    /// The same axes with other rows (a reduction or transform along channels).
    public func replacingRows(_ axis: Axis) -> Axes {
        var axes = self
        axes.rows = axis
        return axes
    }

    /// The kind graph validation reasons with.
    public var kind: SignalKind {
        if third != nil { return .timeFrequency }
        switch (rows.dimension, columns.dimension) {
        case (.wavenumber, _): return .spectrum2D
        case (_, .frequency): return .spectrum
        case (.aggregate, _): return .perSample
        case (_, .time), (_, .lag): return .timeSeries
        default: return .perChannel
        }
    }


    /// Values per row of the 2-D `Signal` that holds these axes' array (columns · third).
    public var valuesPerRow: Int { columns.count * (third?.count ?? 1) }

    public var description: String {
        "\(rows) × \(columns)" + (third.map { " × \($0)" } ?? "") + (units.isEmpty ? "" : " [\(units)]")
    }
}
