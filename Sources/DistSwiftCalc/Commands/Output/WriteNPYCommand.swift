import DistSwiftIO

/// `write_npy`: writes its input as `{directory_out}/{chunk}.npy` (float64, or float32 in a float32 graph; rows × columns, numpy's format) with
/// the axes of what it wrote: `measured_depth.npy` (the rows' positions in metres) when the rows are channels,
/// `time/{chunk}.npy` (numpy datetime64[ns], UTC, one per column) when the columns are time samples — after a
/// `downsample` those are the kept samples' true times — and `frequency/{chunk}.npy` (Hz, numpy's fftfreq order)
/// when they are DFT bins, `lag/{chunk}.npy` (s) when they are correlation lags. Passes its input on. Each file is
/// written atomically.
public struct WriteNPYCommand: WriterCommand {
    public static let name = "write_npy"
    public static let summary = "write the input as {directory_out}/{chunk}.npy (float64; float32 in a float32 graph), with its time or frequency axis and channel positions"
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
        let shape: (rows: Int, columns: Int)
        switch inputs[0] {
        case .singleReal(let a) where context.singlePrecision:
            try NPYWriter.write(a, to: context.results, path: "\(folder)/\(context.name).npy")
            shape = (a.rows, a.columns)
        case .singleReal, .real:
            let a = try inputs[0].canonical().realValues(for: Self.name)
            try NPYWriter.write(a, to: context.results, path: "\(folder)/\(context.name).npy")
            shape = (a.rows, a.columns)
        default:
            throw CommandError(Self.name, "writes real arrays; put abs or real before it for complex data")
        }
        try writeAxes(rows: shape.rows, columns: shape.columns, context: context)
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
