/// Who runs an array task, as its batch system tells it through the environment.
public struct ArrayTaskIdentity: Sendable, Equatable {
    /// The machine, nil when the batch system does not say (the host name is used).
    public var node: String?
    /// The batch system's name for the array task, e.g. "1234_5" (job id, underscore, array index).
    public var batchTask: String?

    public init(node: String?, batchTask: String?) {
        self.node = node
        self.batchTask = batchTask
    }
}
