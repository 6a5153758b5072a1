/// An S3 request that failed, with what to do about it. The message names the operation, the object
/// (s3://bucket/key) and the endpoint, so a user with several stores knows which one refused.
public struct S3Error: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        /// The server answered with an error status; `code` is S3's error code (absent in HEAD answers).
        case service(status: Int, code: String?, message: String?)
        /// No HTTP answer at all.
        case transport(String)
        /// An answer distswift cannot use (malformed XML, a missing ETag).
        case badResponse(String)
    }

    public let operation: String
    /// `s3://bucket/key` (or `s3://bucket/` for bucket operations).
    public let address: String
    public let endpoint: String
    public let kind: Kind
    /// Tries made, retries included.
    public let attempts: Int

    public init(operation: String, address: String, endpoint: String, kind: Kind, attempts: Int = 1) {
        self.operation = operation
        self.address = address
        self.endpoint = endpoint
        self.kind = kind
        self.attempts = attempts
    }

    public var code: String? {
        if case .service(_, let code, _) = kind { return code }
        return nil
    }

    public var status: Int? {
        if case .service(let status, _, _) = kind { return status }
        return nil
    }

    public var isNotFound: Bool { status == 404 || code == "NoSuchKey" || code == "NoSuchBucket" }

    public var description: String {
        let at = "\(address) at \(endpoint)"
        let tries = attempts > 1 ? " (after \(attempts) tries)" : ""
        switch kind {
        case .transport(let detail):
            return "S3 \(operation) of \(at) got no answer\(tries): \(detail); check the endpoint (s3.endpoint in "
                + "the system config, or AWS_ENDPOINT_URL) and that the server is running"
        case .badResponse(let detail):
            return "S3 \(operation) of \(at) got an answer distswift cannot use: \(detail)"
        case .service(let status, let code, let message):
            let detail = message.map { ": \($0)" } ?? ""
            switch code {
            case "SignatureDoesNotMatch":
                return "S3 refused the request signature (SignatureDoesNotMatch) for \(at): check "
                    + "AWS_SECRET_ACCESS_KEY / the profile"
            case "InvalidAccessKeyId":
                return "S3 does not know the access key (InvalidAccessKeyId) used for \(at): check "
                    + "AWS_ACCESS_KEY_ID / the profile"
            case "AccessDenied":
                return "S3 denied access (AccessDenied) to \(at)\(detail): the credentials lack permission for "
                    + "this \(operation); check the key's policy for the bucket"
            case "NoSuchBucket":
                return "the bucket of \(at) does not exist (NoSuchBucket): create it, or fix the bucket name in "
                    + "in_drive/out_drive"
            case "NoSuchKey":
                return "no object \(at) (NoSuchKey)"
            case "RequestTimeTooSkewed":
                return "S3 refused \(at) because this machine's clock is too far from the server's "
                    + "(RequestTimeTooSkewed): set the clock (NTP)"
            case "AuthorizationHeaderMalformed", "AuthorizationQueryParametersError":
                return "S3 refused the request's credentials scope (\(code!)) for \(at)\(detail): check the region "
                    + "(s3.region in the system config, or AWS_REGION)"
            case let code?:
                return "S3 \(operation) of \(at) failed with HTTP \(status) \(code)\(detail)\(tries)"
            case nil where status == 404:
                return "no object \(at) (HTTP 404)"
            case nil where status == 403:
                return "S3 refused \(operation) of \(at) (HTTP 403): check the credentials (AWS_ACCESS_KEY_ID, "
                    + "AWS_SECRET_ACCESS_KEY or the profile) and their permissions"
            case nil:
                return "S3 \(operation) of \(at) failed with HTTP \(status)\(detail)\(tries)"
            }
        }
    }
}
