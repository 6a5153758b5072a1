import Foundation

/// What a controller sends a worker on one line of its standard input: which task to run, and which attempt this
/// is. Only names travel through the pipe; the worker reads and writes the data itself.
public struct TaskMessage: Codable, Sendable, Equatable {
    /// The task's name in its job: an input file's path for ingest, a chunk's file name for process.
    public var id: String
    /// 1 for the first try; a retry after a crash, a timeout or a failure counts up.
    public var attempt: Int

    public init(id: String, attempt: Int) {
        self.id = id
        self.attempt = attempt
    }
}
