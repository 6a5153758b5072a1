/// A layout whose files can hold several records (PRODML `Raw[n]` groups, DASDAE patches): each record is ingested
/// on its own, named by `--select`; a file with several is never read as its first one silently
/// (`RecordFormats.open` refuses it with the list of records).
public protocol MultiRecordReader: RecordReader {
    /// The names of the file's records, in file order (e.g. "Raw[0]", "Raw[1]"; a DASDAE patch's group name).
    static func recordNames(path: String) throws -> [String]
    /// Opens one record of the file by its name.
    init(path: String, record: String) throws
}

extension MultiRecordReader {
    /// The one record of a file that holds one; a file with several is refused with their names.
    public init(path: String) throws {
        let names = try Self.recordNames(path: path)
        guard names.count == 1, let only = names.first else {
            throw RecordFormats.severalRecords(path: path, format: Self.self, names: names)
        }
        try self.init(path: path, record: only)
    }
}
