/// Everything an S3Client needs: where, which region and keys, and how it sends.
public struct S3Configuration: Sendable {
    public var endpoint: S3Endpoint
    public var region: String
    /// `http://endpoint/bucket/key` (on-premise stores, SeaweedFS, MinIO) instead of `http://bucket.endpoint/key`.
    public var pathStyle: Bool
    public var credentials: AWSCredentials
    /// Signs the SHA-256 of every body (integrity end to end, one hash per upload); false sends
    /// `UNSIGNED-PAYLOAD`, which AWS accepts over http and https.
    public var signPayloads: Bool
    public var retry: RetryPolicy
    /// Seconds a request may wait for the next bytes of an answer.
    public var requestTimeout: Double
    /// Objects written through `S3ObjectUpload` larger than this go up in parts (multipart upload).
    public var multipartThreshold: Int
    /// Bytes per part (S3's minimum is 5 MiB for all parts but the last).
    public var partSize: Int

    public static let minimumPartSize = 5 << 20

    public init(endpoint: S3Endpoint, region: String, pathStyle: Bool, credentials: AWSCredentials,
                signPayloads: Bool = true, retry: RetryPolicy = RetryPolicy(), requestTimeout: Double = 120,
                multipartThreshold: Int = 16 << 20, partSize: Int = 8 << 20) {
        self.endpoint = endpoint
        self.region = region
        self.pathStyle = pathStyle
        self.credentials = credentials
        self.signPayloads = signPayloads
        self.retry = retry
        self.requestTimeout = requestTimeout
        self.multipartThreshold = max(multipartThreshold, Self.minimumPartSize)
        self.partSize = max(partSize, Self.minimumPartSize)
    }
}
