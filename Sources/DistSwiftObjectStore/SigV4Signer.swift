import Crypto
import Foundation

/// AWS Signature Version 4 for S3 requests (header form): canonical request → string to sign → HMAC-SHA256 chain
/// from the secret key. Pure: the same request, keys and time always give the same signature, which is what the
/// reference vectors in Tests/reference/sigv4_vectors.json (computed with botocore) check.
///
/// S3 differs from the other AWS services in two ways that matter here: the path is used as it is sent (encoded
/// once, not normalised), and `x-amz-content-sha256` must carry the payload's SHA-256 or `UNSIGNED-PAYLOAD`.
public struct SigV4Signer: Sendable {
    public let credentials: AWSCredentials
    public let region: String
    public let service: String

    public static let algorithm = "AWS4-HMAC-SHA256"
    /// The payload hash that tells S3 the body is not covered by the signature (faster for large uploads).
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"
    public static let emptyPayloadHash = sha256Hex(Data())

    public init(credentials: AWSCredentials, region: String, service: String = "s3") {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// Adds `x-amz-date`, `x-amz-content-sha256`, `x-amz-security-token` (temporary credentials) and
    /// `Authorization` to `request`. Every header the request carries is signed, with `host`.
    public func sign(_ request: inout HTTPRequest, payloadHash: String, at date: Date) {
        let stamp = AWSTimestamp(date)
        request.headers["Authorization"] = nil
        request.headers["x-amz-date"] = stamp.dateTime
        request.headers["x-amz-content-sha256"] = payloadHash
        if let token = credentials.sessionToken { request.headers["x-amz-security-token"] = token }
        let canonical = canonicalRequest(request, payloadHash: payloadHash)
        let toSign = stringToSign(canonicalRequest: canonical.text, timestamp: stamp)
        request.headers["Authorization"] = "\(Self.algorithm) Credential=\(credentials.accessKeyID)/"
            + "\(scope(stamp)), SignedHeaders=\(canonical.signedHeaders), "
            + "Signature=\(signature(stringToSign: toSign, timestamp: stamp))"
    }

    /// The canonical request and the list of signed header names (lower case, sorted, ';'-separated).
    public func canonicalRequest(_ request: HTTPRequest, payloadHash: String) -> (text: String, signedHeaders: String) {
        var headers: [String: String] = ["host": request.host]
        for (name, value) in request.headers where name.lowercased() != "authorization" {
            headers[name.lowercased()] = Self.canonicalHeaderValue(value)
        }
        let names = headers.keys.sorted()
        let canonicalHeaders = names.map { "\($0):\(headers[$0]!)\n" }.joined()
        let signedHeaders = names.joined(separator: ";")
        let text = [request.method, request.path, request.query, canonicalHeaders, signedHeaders, payloadHash]
            .joined(separator: "\n")
        return (text, signedHeaders)
    }

    public func stringToSign(canonicalRequest: String, timestamp: AWSTimestamp) -> String {
        [Self.algorithm, timestamp.dateTime, scope(timestamp), Self.sha256Hex(Data(canonicalRequest.utf8))]
            .joined(separator: "\n")
    }

    public func signature(stringToSign: String, timestamp: AWSTimestamp) -> String {
        let key = signingKey(date: timestamp.date)
        return Self.hex(Data(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key)))
    }

    /// HMAC chain "AWS4"+secret → date → region → service → "aws4_request".
    func signingKey(date: String) -> SymmetricKey {
        var key = SymmetricKey(data: Data(("AWS4" + credentials.secretAccessKey).utf8))
        for part in [date, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return key
    }

    func scope(_ timestamp: AWSTimestamp) -> String { "\(timestamp.date)/\(region)/\(service)/aws4_request" }

    /// Header values are trimmed and runs of spaces inside them become one space.
    static func canonicalHeaderValue(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    public static func sha256Hex<D: DataProtocol>(_ data: D) -> String { hex(Data(SHA256.hash(data: data))) }

    static func hex(_ data: Data) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(data.count * 2)
        for byte in data {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A request time in the two forms Signature V4 uses: `20130524T000000Z` and `20130524` (UTC).
public struct AWSTimestamp: Sendable, Equatable {
    public let dateTime: String
    public var date: String { String(dateTime.prefix(8)) }

    public init(_ instant: Date) {
        var seconds = time_t(instant.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        dateTime = String(format: "%04d%02d%02dT%02d%02d%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                          Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }
}
