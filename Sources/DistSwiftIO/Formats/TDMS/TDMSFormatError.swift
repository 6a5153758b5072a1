/// A TDMS structure the parser cannot or will not read. The parser does not know the file's name or which segment it
/// is in; `TDMSFileStructure` adds both and turns this into a `RecordError`.
struct TDMSFormatError: Error, Sendable {
    let problem: String
    let fix: String?

    init(_ problem: String, fix: String? = nil) {
        self.problem = problem
        self.fix = fix
    }
}
