import DistSwiftIO

/// `write_npy`: writes its input as `{directory_out}/{chunk}.npy` (float64, channels × columns, numpy's format) and
/// `{directory_out}/measured_depth.npy` when the rows are the chunk's channels; passes its input on. Each file is
/// written atomically.
public struct WriteNPYCommand: WriterCommand {
    public static let name = "write_npy"
    public static let summary = "write the input as {directory_out}/{chunk}.npy (float64), and the channel positions"
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

    public func write(_ inputs: [Signal], context: ChunkContext) throws {
        guard case .real(let a) = inputs[0] else {
            throw CommandError(Self.name, "writes real arrays; put abs or real before it for complex data")
        }
        try NPYWriter.write(a, to: context.results, path: "\(folder)/\(context.name).npy")
        if a.rows == context.channelPositions.count {
            try NPYWriter.write(vector: context.channelPositions, to: context.results,
                                path: "\(folder)/measured_depth.npy")
        }
    }
}
