import DistSwiftIO

/// One thing wrong with a command graph: the file, the JSON path (`command_list[3].low_freq`), what and how to fix.
public struct GraphProblem: ProblemKind, Equatable {
    public let file: String
    public let path: String
    public let base: Problem

    public init(file: String, path: String, problem: String, fix: String? = nil) {
        self.file = file
        self.path = path
        base = Problem(where: "\(file): \(path)", problem, fix: fix)
    }
}

/// Every problem of a graph, reported together so the user fixes them in one pass.
public struct GraphProblems: Error, Sendable, CustomStringConvertible {
    public let problems: [GraphProblem]

    public var description: String { Problem.listed(problems) }
}
