import DistSwiftIO

/// A batch system refused a submission: what it said, and what the user can change.
public struct BatchRejection: ProblemKind {
    /// The command or interface that refused it, e.g. "sbatch".
    public let submitter: String
    public let base: Problem

    public init(submitter: String, reason: String, fix: String) {
        self.submitter = submitter
        base = Problem(where: nil, reason, fix: fix)
    }
}
