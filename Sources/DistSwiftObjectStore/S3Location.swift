/// A bucket and a key prefix, written `s3://bucket/prefix` (the prefix may be empty). Keys below it join with '/'.
public struct S3Location: Sendable, Equatable, CustomStringConvertible {
    public let bucket: String
    /// Without leading or trailing '/'.
    public let prefix: String

    public static let scheme = "s3://"

    public init(bucket: String, prefix: String) {
        self.bucket = bucket
        self.prefix = prefix.split(separator: "/", omittingEmptySubsequences: true).joined(separator: "/")
    }

    /// Parses `s3://bucket/prefix`; nil when `text` is not an s3:// URL with a bucket name.
    public init?(_ text: String) {
        guard text.lowercased().hasPrefix(Self.scheme) else { return nil }
        let rest = text.dropFirst(Self.scheme.count)
        let bucket = rest.prefix { $0 != "/" }
        guard !bucket.isEmpty else { return nil }
        self.init(bucket: String(bucket), prefix: String(rest.dropFirst(bucket.count)))
    }

    /// The key of `path` (relative, '/'-separated) below the prefix.
    public func key(_ path: String) -> String {
        prefix.isEmpty ? path : path.isEmpty ? prefix : prefix + "/" + path
    }

    /// The location of `path` below this one.
    public func appending(_ path: String) -> S3Location { S3Location(bucket: bucket, prefix: key(path)) }

    public var description: String { Self.scheme + bucket + (prefix.isEmpty ? "" : "/" + prefix) }
}
