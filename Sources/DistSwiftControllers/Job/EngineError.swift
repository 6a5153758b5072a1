/// An engine could not run or submit a job: what went wrong, and what to do about it.
public struct EngineError: Error, CustomStringConvertible, Sendable {
    public let problem: String
    public let fix: String?

    public init(problem: String, fix: String? = nil) {
        self.problem = problem
        self.fix = fix
    }

    public var description: String { fix.map { "\(problem); \($0)" } ?? problem }
}
