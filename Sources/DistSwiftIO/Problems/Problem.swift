/// The one shape of everything distswift reports as wrong: where (a file, a file and its key, a storage address, a
/// graph's JSON path, a command), what is wrong, and how to fix it. Printed as "WHERE PROBLEM; FIX": `where` is
/// written as it is, so it carries its own punctuation ("a.h5:", "system.json: key 'ncpu'").
public struct Problem: Error, CustomStringConvertible, Sendable, Equatable {
    /// nil when the problem is the operation's as a whole.
    public let `where`: String?
    public let problem: String
    public let fix: String?

    public init(where place: String?, _ problem: String, fix: String? = nil) {
        self.where = place
        self.problem = problem
        self.fix = fix
    }

    public var description: String {
        (`where`.map { "\($0) \(problem)" } ?? problem) + (fix.map { "; \($0)" } ?? "")
    }

    /// Several problems as one text, so that a user fixes them in one pass: the one problem's own text, or
    /// "N problems:" and one indented line each.
    public static func listed(_ problems: [some CustomStringConvertible]) -> String {
        problems.count == 1
            ? problems[0].description
            : "\(problems.count) problems:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
