/// A TDMS structure the parser cannot or will not read. The parser does not know the file's name or which segment it
/// is in; `TDMSFileStructure` adds both and turns this into a `RecordError`.
struct TDMSFormatError: ProblemKind {
    let base: Problem

    init(_ problem: String, fix: String? = nil) {
        base = Problem(where: nil, problem, fix: fix)
    }
}
