/// A problem in a configuration file: which file, which key, what is wrong and how to fix it.
public struct ConfigError: ProblemKind, Equatable {
    public let file: String
    public let key: String?
    public let base: Problem

    public init(file: String, key: String?, problem: String, fix: String? = nil) {
        self.file = file
        self.key = key
        base = Problem(where: key.map { "\(file): key '\($0)'" } ?? file, problem, fix: fix)
    }
}

/// Several configuration problems, reported together so a user fixes them in one pass.
public struct ConfigErrors: Error, CustomStringConvertible, Sendable {
    public let errors: [ConfigError]

    public init(errors: [ConfigError]) { self.errors = errors }

    public var description: String { Problem.listed(errors) }
}
