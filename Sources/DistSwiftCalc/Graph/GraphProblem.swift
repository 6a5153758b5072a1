/// One thing wrong with a command graph: the file, the JSON path (`command_list[3].low_freq`), what and how to fix.
public struct GraphProblem: Sendable, CustomStringConvertible, Equatable {
    public let file: String
    public let path: String
    public let problem: String
    public let fix: String?

    public init(file: String, path: String, problem: String, fix: String? = nil) {
        self.file = file
        self.path = path
        self.problem = problem
        self.fix = fix
    }

    public var description: String { "\(file): \(path) \(problem)" + (fix.map { "; \($0)" } ?? "") }
}

/// Every problem of a graph, reported together so the user fixes them in one pass.
public struct GraphProblems: Error, Sendable, CustomStringConvertible {
    public let problems: [GraphProblem]

    public var description: String {
        problems.count == 1
            ? problems[0].description
            : "\(problems.count) problems:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
