import DistSwiftIO

/// `data_load`: a stored array (an f–k mask or filter computed once) in place of in_uid's output: the .npy file
/// `{directory_out}/{filename}` under the results location. distpy's version shadowed its own `result` method and
/// crashed the next command, and loaded nothing without `directory_out` (§2.2); here `directory_out` may be omitted
/// (`filename` is then relative to the results location), and `filename` "NONE" passes in_uid on, as distpy.
public struct DataLoadCommand: Command {
    public static let name = "data_load"
    public static let summary = "load {directory_out}/{filename}.npy from the results location in place of in_uid"
    public static let details = """
        The array must have in_uid's shape and takes its kind and axes (e.g. a velocity mask saved by write_npy,
        used with multiply on an f–k spectrum); another shape is an error naming both. Read once per chunk.
        """
    public static let parameters = [
        ParameterSpec("directory_out", .string, default: .string("NONE"), "folder under the results location"),
        ParameterSpec("filename", .string, default: .string("NONE"), "the .npy file (NONE: pass in_uid on)"),
    ]
    public static let accepts = Set(SignalKind.allCases)

    let path: String?

    public init(_ p: ParameterValues) throws {
        let folder = p.string("directory_out"), file = p.string("filename")
        guard file != "NONE" else {
            path = nil
            return
        }
        let joined = folder == "NONE" || folder.isEmpty ? file : folder + "/" + file
        guard GraphValidator.staysInside(joined) else {
            throw ParameterProblem("filename", "'\(joined)' leaves the results location",
                                   fix: "use a path relative to the results location, without '..'")
        }
        path = joined
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        guard let path else { return inputs[0] }
        let array: Array2D<Double>
        do {
            array = try NPYArrayFile(location: context.results, path: path).read(as: Double.self)
        } catch {
            throw CommandError(Self.name, "cannot read \(path): \(error)")
        }
        guard array.rows == inputs[0].rows && array.columns == inputs[0].columns else {
            throw CommandError(Self.name, "\(path) is \(array.rows)×\(array.columns) but in_uid gives "
                + "\(inputs[0].rows)×\(inputs[0].columns)")
        }
        return .real(array)
    }
}
