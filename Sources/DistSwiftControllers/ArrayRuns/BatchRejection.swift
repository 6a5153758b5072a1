/// A batch system refused a submission: what it said, and what the user can change.
public struct BatchRejection: Error, Sendable {
    /// The command or interface that refused it, e.g. "sbatch".
    public var submitter: String
    public var reason: String
    public var fix: String

    public init(submitter: String, reason: String, fix: String) {
        self.submitter = submitter
        self.reason = reason
        self.fix = fix
    }
}
