import Foundation

/// An HTTP request as S3Client builds it: the path and query are already encoded the way they were signed, and
/// are sent exactly so.
public struct HTTPRequest: Sendable {
    public var method: String
    /// "http" or "https".
    public var scheme: String
    /// Host name with ":port" when the port is not the scheme's default (the signed `host` header's value).
    public var host: String
    /// The encoded path, starting with '/'.
    public var path: String
    /// The encoded, sorted query string without '?' ("" when none).
    public var query: String
    /// Header names as given; the signer lower-cases them.
    public var headers: [String: String]
    public var body: Data

    public init(method: String, scheme: String, host: String, path: String, query: String = "",
                headers: [String: String] = [:], body: Data = Data()) {
        self.method = method
        self.scheme = scheme
        self.host = host
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    public var urlString: String { "\(scheme)://\(host)\(path)" + (query.isEmpty ? "" : "?" + query) }
}

/// An HTTP response with header names lower-cased.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        self.body = body
    }
}
