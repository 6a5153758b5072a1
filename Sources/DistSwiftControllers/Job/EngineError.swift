import DistSwiftIO

/// An engine could not run or submit a job: what went wrong, and what to do about it.
public struct EngineError: ProblemKind {
    public let base: Problem

    public init(problem: String, fix: String? = nil) {
        base = Problem(where: nil, problem, fix: fix)
    }
}
