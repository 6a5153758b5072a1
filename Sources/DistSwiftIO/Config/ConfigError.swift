/// A problem in a configuration file: which file, which key, what is wrong and how to fix it.
public struct ConfigError: Error, CustomStringConvertible, Sendable, Equatable {
    public let file: String
    public let key: String?
    public let problem: String
    public let fix: String?

    public init(file: String, key: String?, problem: String, fix: String? = nil) {
        self.file = file
        self.key = key
        self.problem = problem
        self.fix = fix
    }

    public var description: String {
        var text = file
        if let key { text += ": key '\(key)'" }
        text += " " + problem
        if let fix { text += "; " + fix }
        return text
    }
}

/// Several configuration problems, reported together so a user fixes them in one pass.
public struct ConfigErrors: Error, CustomStringConvertible, Sendable {
    public let errors: [ConfigError]

    public init(errors: [ConfigError]) { self.errors = errors }

    public var description: String {
        errors.count == 1
            ? errors[0].description
            : "\(errors.count) problems:\n" + errors.map { "  - \($0)" }.joined(separator: "\n")
    }
}
