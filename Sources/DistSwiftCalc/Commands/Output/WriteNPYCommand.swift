import DistSwiftIO

/// `write_npy`: writes its input as `{directory_out}/{chunk}.npy` (float64, or float32 in a float32 graph; rows × columns, numpy's format) with
/// the axes of what it wrote: `measured_depth.npy` (the rows' positions in metres) when the rows are channels,
/// `time/{chunk}.npy` (numpy datetime64[ns], UTC, one per column) when the columns are time samples — after a
/// `downsample` those are the kept samples' true times — and `frequency/{chunk}.npy` (Hz, numpy's fftfreq order)
/// when they are DFT bins, `lag/{chunk}.npy` (s) when they are correlation lags. Passes its input on. Each file is
/// written atomically. A 3-D input (distance × frequency × window time from `stft`/`spectrogram`) is written as a
/// 3-D .npy (rows, frequencies, windows) with `frequency/{chunk}.npy` (Hz) and `time/{chunk}.npy` (the windows' UTC
/// times).
public struct WriteNPYCommand: WriterCommand {
    public static let name = "write_npy"
    public static let summary = "write the input as {directory_out}/{chunk}.npy (float64; float32 in a float32 graph), with its time or frequency axis and channel positions (3-D input: a 3-D .npy with both)"
    public static let parameters = [
        ParameterSpec("directory_out", .string, default: nil, "folder under the results location")
    ]
    public static let accepts = Set(SignalKind.allCases)

    let folder: String

    public init(_ p: ParameterValues) throws {
        folder = p.string("directory_out")
    }

    public var outputFolders: [String] { [folder] }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }

    /// In a float32 graph it writes float32 values as float32 (what it is given); float64 otherwise, as distpy.
    public var hasFloat32Kernel: Bool { true }

    public func write(_ inputs: [Signal], context: ChunkContext) throws {
        switch inputs[0] {
        case .singleReal(let a) where context.singlePrecision:
            try write(a, context: context)
        case .singleReal, .real:
            try write(try inputs[0].canonical().realValues(for: Self.name), context: context)
        default:
            throw CommandError(Self.name, "writes real arrays; put abs or real before it for complex data")
        }
    }

    /// The values (2-D, or 3-D when the input has a third axis) and their axes.
    private func write<T: StorableScalar>(_ a: Array2D<T>, context: ChunkContext) throws {
        if let axes = context.inputAxes.first, let third = axes.third {
            try writeThreeDimensional(a, axes: axes, third: third, context: context)
            return
        }
        try NPYWriter.write(a, to: context.results, path: "\(folder)/\(context.name).npy")
        try writeAxes(rows: a.rows, columns: a.columns, context: context)
    }

    /// rows × columns × third as a 3-D .npy, with the rows' and columns' coordinates as for 2-D data, and the third
    /// axis's UTC times.
    private func writeThreeDimensional<T: StorableScalar>(_ a: Array2D<T>, axes: Axes, third: Axis,
                                                           context: ChunkContext) throws {
        guard a.columns == axes.columns.count * third.count else {
            throw CommandError(Self.name, "has \(a.columns) values per row, not \(axes.columns.count) × \(third.count)")
        }
        try NPYWriter.write(a, shape: [a.rows, axes.columns.count, third.count], to: context.results,
                            path: "\(folder)/\(context.name).npy")
        try writeAxes(rows: a.rows, columns: axes.columns.count, context: context)
        if let times = third.timesNs {
            try NPYWriter.write(timesNs: times, to: context.results, path: "\(folder)/time/\(context.name).npy")
        }
    }

    /// `measured_depth.npy` and the column axis of what was written (`rows` × `columns`).
    private func writeAxes(rows: Int, columns: Int, context: ChunkContext) throws {
        guard let axes = context.inputAxes.first else {
            if rows == context.channelPositions.count {
                try NPYWriter.write(vector: context.channelPositions, to: context.results,
                                    path: "\(folder)/measured_depth.npy")
            }
            return
        }
        if axes.rows.dimension == .distance, axes.rows.count == rows, let depths = axes.rows.values {
            try NPYWriter.write(vector: depths, to: context.results, path: "\(folder)/measured_depth.npy")
        }
        if axes.columns.count == columns {
            if let times = axes.columns.timesNs {
                try NPYWriter.write(timesNs: times, to: context.results, path: "\(folder)/time/\(context.name).npy")
            } else if axes.columns.dimension == .frequency, let frequencies = axes.columns.values {
                try NPYWriter.write(vector: frequencies, to: context.results,
                                    path: "\(folder)/frequency/\(context.name).npy")
            } else if axes.columns.dimension == .lag, let lags = axes.columns.values {
                try NPYWriter.write(vector: lags, to: context.results, path: "\(folder)/lag/\(context.name).npy")
            }
        }
    }
}
