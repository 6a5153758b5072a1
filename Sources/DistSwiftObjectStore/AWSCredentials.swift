/// The keys that sign requests: an access key pair, with a session token for temporary credentials.
public struct AWSCredentials: Sendable, Equatable {
    public var accessKeyID: String
    public var secretAccessKey: String
    /// Sent as `x-amz-security-token` (temporary credentials from STS, SSO or an instance role).
    public var sessionToken: String?
    /// Where the keys came from, for messages ("environment variables", "profile 'lab' in ~/.aws/credentials").
    public var source: String

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, source: String = "given") {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.source = source
    }
}
