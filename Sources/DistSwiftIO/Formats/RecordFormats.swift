import DistSwiftNative

/// The registry of record layouts, in sniffing order (most specific first).
public enum RecordFormats {
    public static let all: [any RecordReader.Type] = [PRODMLReader.self]

    /// Opens `path` with the first layout whose sniff accepts it; an unrecognised file gets an error that says what
    /// it is and which layouts are supported.
    public static func open(_ path: String) throws -> any RecordReader {
        for format in all where format.sniff(path: path) {
            return try format.init(path: path)
        }
        if HDF5File.isHDF5(path) {
            throw RecordError(
                file: path,
                problem: "is an HDF5 file in a layout distswift does not recognise; it contains:\n"
                    + describeHDF5(path).map { "    \($0)" }.joined(separator: "\n"),
                fix: "supported layouts: \(all.map { $0.formatName }.joined(separator: ", "))")
        }
        throw RecordError(file: path, problem: "is not a recognised DAS record (neither HDF5 nor a supported layout)",
                          fix: "supported layouts: \(all.map { $0.formatName }.joined(separator: ", "))")
    }

    /// The data sets of an HDF5 file with their shapes and types (at most `limit` lines), for error messages.
    public static func describeHDF5(_ path: String, limit: Int = 20) -> [String] {
        guard let file = try? HDF5File.open(path) else { return ["(cannot be opened)"] }
        var lines: [String] = []
        func walk(_ group: String) {
            guard let members = try? file.members(of: group) else { return }
            for member in members where lines.count < limit {
                let child = (group == "/" ? "" : group) + "/" + member.name
                switch member.kind {
                case .group: walk(child)
                case .dataset:
                    let d = try? file.dataset(child)
                    let shape = (try? d?.shape()).flatMap { $0 }.map { "\($0)" } ?? "?"
                    let kind = (try? d?.elementKind()).flatMap { $0 }.map { "\($0)" } ?? "?"
                    lines.append("\(child)  \(shape)  \(kind)")
                case .other: break
                }
            }
        }
        walk("/")
        return lines.isEmpty ? ["(no data sets)"] : lines
    }
}
