/// Which of a job's tasks a run takes: the shard's slice of the deterministic order, then only the tasks the last
/// report marks failed (`--retry-failed`), then — unless `--force` — not the ones an earlier run finished.
public struct TaskSelection: Sendable {
    public var shard: Shard
    public var retryFailed: Bool
    public var force: Bool

    public init(shard: Shard = .all, retryFailed: Bool = false, force: Bool = false) {
        self.shard = shard
        self.retryFailed = retryFailed
        self.force = force
    }
}
