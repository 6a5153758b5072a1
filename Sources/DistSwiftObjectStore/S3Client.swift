import Foundation

/// A small, synchronous S3 client: the object operations distswift's storage needs (HEAD, GET with ranges, PUT,
/// DELETE, ListObjectsV2, multipart uploads), each request signed with Signature V4 and retried with backoff on
/// server errors and throttling. Thread-safe; one client (and its kept-alive connections) serves a whole process.
public final class S3Client: Sendable {
    public let configuration: S3Configuration
    private let transport: any HTTPTransport
    private let signer: SigV4Signer

    public init(configuration: S3Configuration, transport: any HTTPTransport = URLSessionTransport()) {
        self.configuration = configuration
        self.transport = transport
        signer = SigV4Signer(credentials: configuration.credentials, region: configuration.region)
    }

    /// `s3://bucket/key`, for messages.
    public func address(bucket: String, key: String) -> String { "s3://\(bucket)/\(key)" }

    // MARK: Objects

    /// The object's size and ETag; nil when there is no such object.
    public func headObject(bucket: String, key: String) throws -> S3ObjectInfo? {
        let response: HTTPResponse
        do {
            response = try send("HEAD", bucket: bucket, key: key, method: "HEAD", alsoAccepting: [404])
        } catch let error as S3Error where error.code == nil && (error.status == 403 || error.status == 400) {
            // A HEAD answer has no body, so it cannot say why it was refused; a one-byte GET gets the reason
            // (SignatureDoesNotMatch, InvalidAccessKeyId, AccessDenied) for the message.
            _ = try getObject(bucket: bucket, key: key, range: 0..<1)
            throw error
        }
        if response.status == 404 { return nil }
        guard let length = response.headers["content-length"].flatMap({ Int($0) }) else {
            throw S3Error(operation: "HEAD", address: address(bucket: bucket, key: key),
                          endpoint: configuration.endpoint.description,
                          kind: .badResponse("no Content-Length in the answer"))
        }
        return S3ObjectInfo(size: length, etag: response.headers["etag"])
    }

    /// The object's bytes, or the bytes in `range` (offsets from the start). A server that ignores the Range
    /// header and sends the whole object (HTTP 200 instead of 206) still gives the right bytes: they are cut here.
    public func getObject(bucket: String, key: String, range: Range<Int>? = nil) throws -> Data {
        guard let range else { return try send("GET", bucket: bucket, key: key, method: "GET").body }
        if range.isEmpty { return Data() }
        let response = try send("GET", bucket: bucket, key: key, method: "GET",
                                headers: ["Range": "bytes=\(range.lowerBound)-\(range.upperBound - 1)"])
        guard response.status == 200 else { return response.body }
        let body = response.body
        guard body.count > range.lowerBound else { return Data() }
        let start = body.startIndex + range.lowerBound
        return body[start..<min(body.endIndex, start + range.count)]
    }

    /// Stores `body` as the object in one request (S3 makes it visible whole or not at all).
    public func putObject(bucket: String, key: String, body: Data, contentType: String = "application/octet-stream")
        throws
    {
        _ = try send("PUT", bucket: bucket, key: key, method: "PUT", headers: ["Content-Type": contentType],
                     body: body)
    }

    /// Deletes the object; a missing object is not an error.
    public func deleteObject(bucket: String, key: String) throws {
        _ = try send("DELETE", bucket: bucket, key: key, method: "DELETE", alsoAccepting: [404])
    }

    // MARK: Listing

    /// One page of the keys under `prefix` (ListObjectsV2).
    public func listObjectsPage(bucket: String, prefix: String, delimiter: String? = nil, maxKeys: Int? = nil,
                                continuationToken: String? = nil) throws -> S3ListPage {
        var query: [(name: String, value: String)] = [("list-type", "2"), ("prefix", prefix)]
        if let delimiter { query.append(("delimiter", delimiter)) }
        if let maxKeys { query.append(("max-keys", String(maxKeys))) }
        if let continuationToken { query.append(("continuation-token", continuationToken)) }
        let response = try send("list", bucket: bucket, key: nil, method: "GET", query: query, describing: prefix)
        guard let root = S3XMLElement.parse(response.body),
              let page = S3ListPage.parse(root, urlEncodedKeys: false) else {
            throw badResponse("list", bucket: bucket, key: prefix, "the listing is not a ListBucketResult")
        }
        return page
    }

    /// Every key under `prefix` (all pages), and with a delimiter the common prefixes.
    public func listObjects(bucket: String, prefix: String, delimiter: String? = nil, pageSize: Int? = nil) throws
        -> S3ListPage
    {
        var all = S3ListPage(objects: [], commonPrefixes: [], isTruncated: false, nextContinuationToken: nil)
        var token: String?
        var seenTokens: Set<String> = []
        repeat {
            let page = try listObjectsPage(bucket: bucket, prefix: prefix, delimiter: delimiter, maxKeys: pageSize,
                                           continuationToken: token)
            all.objects += page.objects
            all.commonPrefixes += page.commonPrefixes
            guard page.isTruncated else { break }
            guard let next = page.nextContinuationToken, seenTokens.insert(next).inserted else {
                throw badResponse("list", bucket: bucket, key: prefix,
                                  "a truncated listing without a new continuation token")
            }
            token = next
        } while true
        return all
    }

    // MARK: Buckets

    /// Creates the bucket; one that this account already owns is fine.
    public func createBucket(_ bucket: String) throws {
        var body = Data()
        if configuration.endpoint.isAWS && configuration.region != "us-east-1" {
            body = Data(("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<LocationConstraint>\(configuration.region)</LocationConstraint></CreateBucketConfiguration>").utf8)
        }
        do {
            _ = try send("create bucket", bucket: bucket, key: nil, method: "PUT", body: body)
        } catch let error as S3Error where error.code == "BucketAlreadyOwnedByYou" {
        }
    }

    // MARK: Multipart uploads

    /// Starts a multipart upload and returns its id. Nothing is visible under the key until it is completed.
    public func createMultipartUpload(bucket: String, key: String) throws -> String {
        let response = try send("start multipart upload", bucket: bucket, key: key, method: "POST",
                                query: [("uploads", "")], headers: ["Content-Type": "application/octet-stream"])
        guard let id = S3XMLElement.parse(response.body)?.text(of: "UploadId"), !id.isEmpty else {
            throw badResponse("start multipart upload", bucket: bucket, key: key, "no UploadId in the answer")
        }
        return id
    }

    public func uploadPart(bucket: String, key: String, uploadID: String, partNumber: Int, body: Data) throws
        -> S3CompletedPart
    {
        let response = try send("upload part \(partNumber)", bucket: bucket, key: key, method: "PUT",
                                query: [("partNumber", String(partNumber)), ("uploadId", uploadID)], body: body)
        guard let etag = response.headers["etag"], !etag.isEmpty else {
            throw badResponse("upload part \(partNumber)", bucket: bucket, key: key, "no ETag in the answer")
        }
        return S3CompletedPart(number: partNumber, etag: etag)
    }

    /// Joins the parts into the object, which then appears whole.
    public func completeMultipartUpload(bucket: String, key: String, uploadID: String, parts: [S3CompletedPart])
        throws
    {
        let list = parts.sorted { $0.number < $1.number }.map {
            "<Part><PartNumber>\($0.number)</PartNumber><ETag>\(Self.xmlEscaped($0.etag))</ETag></Part>"
        }.joined()
        let body = Data(("<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\(list)"
            + "</CompleteMultipartUpload>").utf8)
        // S3 may answer 200 and still fail: the error is then in the body.
        _ = try send("complete multipart upload", bucket: bucket, key: key, method: "POST",
                     query: [("uploadId", uploadID)], headers: ["Content-Type": "application/xml"], body: body,
                     errorMayComeWith200: true)
    }

    /// Drops an unfinished upload and its parts (which otherwise keep taking space).
    public func abortMultipartUpload(bucket: String, key: String, uploadID: String) throws {
        _ = try send("abort multipart upload", bucket: bucket, key: key, method: "DELETE",
                     query: [("uploadId", uploadID)], alsoAccepting: [404])
    }

    /// Unfinished multipart uploads under `prefix`: (key, upload id).
    public func listMultipartUploads(bucket: String, prefix: String) throws -> [(key: String, uploadID: String)] {
        let response = try send("list multipart uploads", bucket: bucket, key: nil, method: "GET",
                                query: [("uploads", ""), ("prefix", prefix)], describing: prefix)
        guard let root = S3XMLElement.parse(response.body) else {
            throw badResponse("list multipart uploads", bucket: bucket, key: prefix, "malformed XML")
        }
        return root.children("Upload").compactMap { upload in
            guard let key = upload.text(of: "Key"), let id = upload.text(of: "UploadId") else { return nil }
            return (key, id)
        }
    }

    // MARK: Sending

    /// Builds, signs and sends one request, retrying what is worth retrying. Answers with a 2xx status, or with a
    /// status in `alsoAccepting`, are returned; the others become an S3Error.
    func send(_ operation: String, bucket: String, key: String?, method: String,
              query: [(name: String, value: String)] = [], headers: [String: String] = [:], body: Data = Data(),
              alsoAccepting: Set<Int> = [], errorMayComeWith200: Bool = false, describing: String? = nil)
        throws -> HTTPResponse
    {
        let target = address(bucket: bucket, key: key ?? describing ?? "")
        let endpoint = configuration.endpoint.description
        // Hashed once: retries send the same body.
        let payloadHash = configuration.signPayloads || body.isEmpty
            ? SigV4Signer.sha256Hex(body) : SigV4Signer.unsignedPayload
        var random = SystemRandomNumberGenerator()
        var attempt = 0
        while true {
            attempt += 1
            // Signed anew for each try: the signature holds the time.
            var request = makeRequest(method: method, bucket: bucket, key: key, query: query, headers: headers,
                                      body: body)
            signer.sign(&request, payloadHash: payloadHash, at: Date())
            let response: HTTPResponse
            do {
                response = try transport.send(request, timeout: configuration.requestTimeout)
            } catch let error as HTTPTransportError {
                let failure = S3Error(operation: operation, address: target, endpoint: endpoint,
                                      kind: .transport(error.detail), attempts: attempt)
                guard attempt < configuration.retry.maxAttempts else { throw failure }
                Thread.sleep(forTimeInterval: configuration.retry.delay(afterAttempt: attempt, using: &random))
                continue
            }
            let hiddenError = errorMayComeWith200 && response.status == 200
                ? S3XMLElement.parse(response.body).flatMap { $0.name == "Error" ? $0 : nil } : nil
            let accepted = (200..<300).contains(response.status) || alsoAccepting.contains(response.status)
            if hiddenError == nil && accepted { return response }
            let details = hiddenError ?? S3XMLElement.parse(response.body).flatMap { $0.name == "Error" ? $0 : nil }
            let code = details?.text(of: "Code")
            let failure = S3Error(operation: operation, address: target, endpoint: endpoint,
                                  kind: .service(status: hiddenError == nil ? response.status : 500, code: code,
                                                 message: details?.text(of: "Message")), attempts: attempt)
            guard RetryPolicy.isRetryable(status: failure.status ?? 0, code: code) else { throw failure }
            guard attempt < configuration.retry.maxAttempts else { throw failure }
            Thread.sleep(forTimeInterval: configuration.retry.delay(afterAttempt: attempt, using: &random))
        }
    }

    /// The request for an object (`key`) or a bucket (`key` nil), path-style or virtual-hosted.
    func makeRequest(method: String, bucket: String, key: String?, query: [(name: String, value: String)],
                     headers: [String: String], body: Data) -> HTTPRequest {
        let endpoint = configuration.endpoint
        let encodedKey = key.map { AWSURIEncoding.encode($0, keepingSlashes: true) }
        let host: String
        let path: String
        if configuration.pathStyle {
            host = endpoint.host
            path = "/" + AWSURIEncoding.encode(bucket) + (encodedKey.map { "/" + $0 } ?? "")
        } else {
            host = bucket + "." + endpoint.host
            path = "/" + (encodedKey ?? "")
        }
        return HTTPRequest(method: method, scheme: endpoint.scheme, host: host, path: path,
                           query: AWSURIEncoding.canonicalQuery(query), headers: headers, body: body)
    }

    private func badResponse(_ operation: String, bucket: String, key: String, _ detail: String) -> S3Error {
        S3Error(operation: operation, address: address(bucket: bucket, key: key),
                endpoint: configuration.endpoint.description, kind: .badResponse(detail))
    }

    static func xmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
