/// An error from a C library or a system call, with the operation and the object it concerned.
public struct NativeError: Error, CustomStringConvertible, Sendable {
    public let operation: String
    public let path: String?
    public let detail: String

    public init(_ operation: String, path: String? = nil, detail: String) {
        self.operation = operation
        self.path = path
        self.detail = detail
    }

    public var description: String {
        if let path { return "\(operation) failed for \(path): \(detail)" }
        return "\(operation) failed: \(detail)"
    }
}
