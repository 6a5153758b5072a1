import Foundation

/// Where the S3 API answers: `http://127.0.0.1:8333`, `https://s3.eu-west-1.amazonaws.com`, an on-premise store.
public struct S3Endpoint: Sendable, Equatable, CustomStringConvertible {
    public let scheme: String
    /// Host name, with ":port" only when the port is not the scheme's default (this is the signed `host` value,
    /// and must equal the Host header the HTTP library sends).
    public let host: String

    public init(scheme: String, host: String) {
        self.scheme = scheme
        self.host = host
    }

    /// Parses an endpoint URL; a bare "host:port" means http.
    public init?(_ text: String) {
        let withScheme = text.contains("://") ? text : "http://" + text
        guard let components = URLComponents(string: withScheme), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let hostName = components.host, !hostName.isEmpty
        else { return nil }
        let path = components.path
        guard path.isEmpty || path == "/", components.query == nil else { return nil }
        let defaultPort = scheme == "https" ? 443 : 80
        let bracketed = hostName.contains(":") && !hostName.hasPrefix("[") ? "[\(hostName)]" : hostName
        if let port = components.port, port != defaultPort {
            self.init(scheme: scheme, host: "\(bracketed):\(port)")
        } else {
            self.init(scheme: scheme, host: bracketed)
        }
    }

    /// AWS's regional endpoint.
    public static func aws(region: String) -> S3Endpoint {
        S3Endpoint(scheme: "https", host: "s3.\(region).amazonaws.com")
    }

    public var isAWS: Bool { host.hasSuffix(".amazonaws.com") || host.hasSuffix(".amazonaws.com.cn") }

    public var description: String { "\(scheme)://\(host)" }
}
