@testable import DistSwiftObjectStore
import Foundation
import Testing

/// A server that answers from a script, for the behaviours a well-behaved test server never shows: a 200 answer
/// to a range request, 503 SlowDown, an error inside a 200 answer. Records what it was sent.
final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [(HTTPRequest) -> HTTPResponse]
    private(set) var requests: [HTTPRequest] = []

    init(_ answers: [(HTTPRequest) -> HTTPResponse]) { self.answers = answers }

    func send(_ request: HTTPRequest, timeout: TimeInterval) throws -> HTTPResponse {
        lock.lock()
        defer { lock.unlock() }
        requests.append(request)
        guard !answers.isEmpty else { throw HTTPTransportError(url: request.urlString, detail: "script ended") }
        return answers.removeFirst()(request)
    }

    static func error(_ status: Int, _ code: String, _ message: String = "") -> (HTTPRequest) -> HTTPResponse {
        { _ in HTTPResponse(status: status, headers: [:], body: Data(
            "<?xml version=\"1.0\"?><Error><Code>\(code)</Code><Message>\(message)</Message></Error>".utf8)) }
    }
}

@Suite("S3 client behaviour (scripted server)")
struct S3ClientBehaviourTests {
    static func client(_ transport: ScriptedTransport, attempts: Int = 4) -> S3Client {
        S3Client(configuration: S3Configuration(
            endpoint: S3Endpoint("http://127.0.0.1:9")!, region: "us-east-1", pathStyle: true,
            credentials: AWSCredentials(accessKeyID: "AK", secretAccessKey: "SK"),
            retry: RetryPolicy(maxAttempts: attempts, baseDelay: 0.001, maxDelay: 0.01)), transport: transport)
    }

    let object = Data((0..<100).map { UInt8($0) })

    @Test("a server that answers a range request with 200 and the whole object: the range is cut out")
    func rangeAnsweredWith200() throws {
        let whole = object
        let transport = ScriptedTransport([
            { _ in HTTPResponse(status: 200, headers: ["Content-Length": "100"], body: whole) },
            { _ in HTTPResponse(status: 200, headers: [:], body: whole) },
            { _ in HTTPResponse(status: 206, headers: ["Content-Range": "bytes 10-19/100"], body: whole[10..<20]) },
        ])
        let client = Self.client(transport)
        #expect(Array(try client.getObject(bucket: "b", key: "k", range: 10..<20)) == Array(10..<20))
        #expect(Array(try client.getObject(bucket: "b", key: "k", range: 95..<120)) == Array(95..<100))
        #expect(Array(try client.getObject(bucket: "b", key: "k", range: 10..<20)) == Array(10..<20))
        #expect(transport.requests[0].headers["Range"] == "bytes=10-19")
    }

    @Test("5xx, 429 and SlowDown are retried with a fresh signature; the answer after them is used")
    func retries() throws {
        let whole = object
        let transport = ScriptedTransport([
            ScriptedTransport.error(503, "SlowDown", "Please reduce your request rate."),
            { _ in HTTPResponse(status: 429, headers: [:], body: Data()) },
            ScriptedTransport.error(500, "InternalError"),
            { _ in HTTPResponse(status: 200, headers: [:], body: whole) },
        ])
        #expect(try Self.client(transport).getObject(bucket: "b", key: "k") == whole)
        #expect(transport.requests.count == 4)
        #expect(transport.requests.allSatisfy { $0.headers["Authorization"]?.hasPrefix("AWS4-HMAC-SHA256") == true })
    }

    @Test("retries give up after the policy's tries and say how many")
    func retriesExhausted() {
        let transport = ScriptedTransport(Array(repeating: ScriptedTransport.error(503, "SlowDown"), count: 3))
        #expect {
            try Self.client(transport, attempts: 3).putObject(bucket: "b", key: "k", body: Data([1]))
        } throws: { error in
            "\(error)".contains("HTTP 503 SlowDown") && "\(error)".contains("after 3 tries")
        }
        #expect(transport.requests.count == 3)
    }

    @Test("a refused signature is not retried and says what to check")
    func signatureRefused() {
        let transport = ScriptedTransport([ScriptedTransport.error(403, "SignatureDoesNotMatch")])
        #expect {
            try Self.client(transport).getObject(bucket: "das", key: "a b.npy")
        } throws: { error in
            "\(error)" == "S3 refused the request signature (SignatureDoesNotMatch) for s3://das/a b.npy at "
                + "http://127.0.0.1:9: check AWS_SECRET_ACCESS_KEY / the profile"
        }
        #expect(transport.requests.count == 1)
    }

    @Test("a HEAD refused without a body is followed by a one-byte GET to learn why")
    func headRefusalExplained() {
        let transport = ScriptedTransport([
            { _ in HTTPResponse(status: 403, headers: [:], body: Data()) },
            ScriptedTransport.error(403, "InvalidAccessKeyId"),
        ])
        #expect {
            _ = try Self.client(transport).headObject(bucket: "das", key: "x")
        } throws: { error in
            "\(error)".contains("InvalidAccessKeyId") && "\(error)".contains("AWS_ACCESS_KEY_ID")
        }
        #expect(transport.requests.map(\.method) == ["HEAD", "GET"])
    }

    @Test("CompleteMultipartUpload answering 200 with an error inside is an error (and retried when it says so)")
    func errorInside200() throws {
        let failing: (HTTPRequest) -> HTTPResponse = { _ in
            HTTPResponse(status: 200, headers: [:], body: Data(
                "<?xml version=\"1.0\"?>\n<Error><Code>InternalError</Code><Message>try again</Message></Error>".utf8))
        }
        let transport = ScriptedTransport([failing, { _ in
            HTTPResponse(status: 200, headers: [:], body: Data("<CompleteMultipartUploadResult/>".utf8))
        }])
        try Self.client(transport).completeMultipartUpload(
            bucket: "b", key: "k", uploadID: "u", parts: [S3CompletedPart(number: 1, etag: "\"e\"")])
        #expect(transport.requests.count == 2)
        #expect(String(decoding: transport.requests[0].body, as: UTF8.self).contains("<ETag>&quot;e&quot;</ETag>"))
    }

    @Test("listing pages are followed by continuation token; a truncated page without one is an error")
    func listingPages() throws {
        func page(_ keys: [String], token: String?) -> (HTTPRequest) -> HTTPResponse {
            { _ in
                let contents = keys.map { "<Contents><Key>\($0)</Key><Size>1</Size></Contents>" }.joined()
                let next = token.map { "<IsTruncated>true</IsTruncated><NextContinuationToken>\($0)</NextContinuationToken>" }
                    ?? "<IsTruncated>false</IsTruncated>"
                return HTTPResponse(status: 200, headers: [:], body: Data(
                    "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\(contents)\(next)</ListBucketResult>".utf8))
            }
        }
        let transport = ScriptedTransport([page(["a &amp; b"], token: "t/1+="), page(["c"], token: nil)])
        let all = try Self.client(transport).listObjects(bucket: "b", prefix: "")
        #expect(all.objects.map(\.key) == ["a & b", "c"])
        #expect(transport.requests[1].query.contains("continuation-token=t%2F1%2B%3D"))
        let broken = ScriptedTransport([{ _ in HTTPResponse(status: 200, headers: [:], body: Data(
            "<ListBucketResult><IsTruncated>true</IsTruncated></ListBucketResult>".utf8)) }])
        #expect(throws: S3Error.self) { try Self.client(broken).listObjects(bucket: "b", prefix: "") }
    }

    @Test("unsigned payloads send UNSIGNED-PAYLOAD; signed ones the body's SHA-256")
    func payloadHashes() throws {
        let ok: (HTTPRequest) -> HTTPResponse = { _ in HTTPResponse(status: 200, headers: [:], body: Data()) }
        let transport = ScriptedTransport([ok, ok])
        var configuration = Self.client(transport).configuration
        try S3Client(configuration: configuration, transport: transport).putObject(bucket: "b", key: "k", body: Data("x".utf8))
        configuration.signPayloads = false
        try S3Client(configuration: configuration, transport: transport).putObject(bucket: "b", key: "k", body: Data("x".utf8))
        #expect(transport.requests[0].headers["x-amz-content-sha256"] == SigV4Signer.sha256Hex(Data("x".utf8)))
        #expect(transport.requests[1].headers["x-amz-content-sha256"] == "UNSIGNED-PAYLOAD")
    }
}
