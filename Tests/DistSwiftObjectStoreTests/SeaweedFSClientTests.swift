import DistSwiftObjectStore
import DistSwiftTestSupport
import Foundation
import Testing

/// S3Client against a real S3 server (SeaweedFS on 127.0.0.1, credentials on): every request here is checked by
/// the server's own Signature V4 verification.
@Suite("S3 client against SeaweedFS", .enabled(if: SeaweedFSServer.shouldRun, "\(SeaweedFSServer.missing)"),
       .seaweedFS)
struct SeaweedFSClientTests {
    var server: SeaweedFSServer { SeaweedFSServer.current! }

    /// A fresh bucket per test: the tests of a suite run in parallel on one server.
    func bucket(_ name: String, client: S3Client? = nil) throws -> (S3Client, String) {
        let client = client ?? server.client()
        try client.createBucket(name)
        return (client, name)
    }

    static func bytes(_ count: Int, seed: UInt64) -> Data {
        var state = seed &+ 0x9E37_79B9_7F4A_7C15
        var data = Data(count: count)
        data.withUnsafeMutableBytes { raw in
            let words = raw.bindMemory(to: UInt8.self)
            for i in 0..<count {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                words[i] = UInt8(truncatingIfNeeded: state >> 33)
            }
        }
        return data
    }

    @Test("objects round trip: empty, small, 1 MiB; signed and unsigned payloads; HEAD sizes; DELETE")
    func roundTrip() throws {
        let (client, bucket) = try bucket("roundtrip")
        var unsigned = client.configuration
        unsigned.signPayloads = false
        let unsignedClient = S3Client(configuration: unsigned)
        for (index, size) in [0, 1, 1000, 1 << 20].enumerated() {
            let body = Self.bytes(size, seed: UInt64(index))
            let writer = index % 2 == 0 ? client : unsignedClient
            try writer.putObject(bucket: bucket, key: "objects/\(size).bin", body: body)
            #expect(try client.getObject(bucket: bucket, key: "objects/\(size).bin") == body)
            #expect(try client.headObject(bucket: bucket, key: "objects/\(size).bin")?.size == size)
        }
        try client.deleteObject(bucket: bucket, key: "objects/1.bin")
        #expect(try client.headObject(bucket: bucket, key: "objects/1.bin") == nil)
        try client.deleteObject(bucket: bucket, key: "objects/never-there.bin")
    }

    @Test("range reads return exactly the asked bytes, at the start, middle and end")
    func rangeReads() throws {
        let (client, bucket) = try bucket("ranges")
        let body = Self.bytes(3 << 20, seed: 7)
        try client.putObject(bucket: bucket, key: "big.bin", body: body)
        for range in [0..<1, 0..<100, 1_000_000..<1_000_017, (3 << 20) - 1..<(3 << 20), 12_345..<(2 << 20)] {
            #expect(try client.getObject(bucket: bucket, key: "big.bin", range: range) == body[range], "\(range)")
        }
    }

    @Test("multipart: a 20 MiB object in 5 MiB parts, written in odd-sized pieces, reads back whole")
    func multipart() throws {
        let (client, bucket) = try bucket("multipart", client: server.client(partSize: 5 << 20,
                                                                             multipartThreshold: 5 << 20))
        let body = Self.bytes(20 << 20, seed: 3)
        let upload = S3ObjectUpload(client: client, bucket: bucket, key: "parts/a b+c.bin")
        var offset = 0
        var pieces = 0
        while offset < body.count {
            let count = min(body.count - offset, 1_234_567 + pieces * 1000)
            try upload.append(body[offset..<(offset + count)])
            offset += count
            pieces += 1
        }
        // Nothing is visible before the upload completes.
        #expect(try client.headObject(bucket: bucket, key: "parts/a b+c.bin") == nil)
        try upload.finish()
        #expect(try client.headObject(bucket: bucket, key: "parts/a b+c.bin")?.size == body.count)
        #expect(try client.getObject(bucket: bucket, key: "parts/a b+c.bin") == body)
        #expect(try client.listMultipartUploads(bucket: bucket, prefix: "parts/").isEmpty)
    }

    @Test("an aborted multipart upload leaves no object and no parts")
    func abortedMultipart() throws {
        let (client, bucket) = try bucket("aborted", client: server.client(partSize: 5 << 20,
                                                                           multipartThreshold: 5 << 20))
        let upload = S3ObjectUpload(client: client, bucket: bucket, key: "half.bin")
        try upload.append(Self.bytes(12 << 20, seed: 5))
        #expect(try client.listMultipartUploads(bucket: bucket, prefix: "half").count == 1)
        upload.abort()
        #expect(try client.headObject(bucket: bucket, key: "half.bin") == nil)
        #expect(try client.listMultipartUploads(bucket: bucket, prefix: "half").isEmpty)
    }

    @Test("keys with spaces, ':', '+', '=', '&', quotes, brackets and non-ASCII letters: write, list, read")
    func awkwardKeys() throws {
        let (client, bucket) = try bucket("awkward")
        let keys = ["a b/c:d+e=f.txt", "a b/x&y'z(1)!*.bin", "a b/ü ñ/é.npy", "a b/~tilde", "a b/日本/データ.h5",
                    "plus+/=eq", "100%/not%20decoded"]
        for (index, key) in keys.enumerated() {
            try client.putObject(bucket: bucket, key: key, body: Data(key.utf8 + [UInt8(index)]))
        }
        for (index, key) in keys.enumerated() {
            #expect(try client.getObject(bucket: bucket, key: key) == Data(key.utf8 + [UInt8(index)]), "\(key)")
        }
        let folder = try client.listObjects(bucket: bucket, prefix: "a b/", delimiter: "/")
        #expect(folder.objects.map(\.key).sorted() == ["a b/c:d+e=f.txt", "a b/x&y'z(1)!*.bin", "a b/~tilde"])
        #expect(folder.commonPrefixes.sorted() == ["a b/ü ñ/", "a b/日本/"])
        let everything = try client.listObjects(bucket: bucket, prefix: "")
        #expect(Set(everything.objects.map(\.key)) == Set(keys))
        #expect(try client.listObjects(bucket: bucket, prefix: "100%/").objects.map(\.key) == ["100%/not%20decoded"])
    }

    @Test("listings longer than a page follow continuation tokens")
    func pagination() throws {
        let (client, bucket) = try bucket("pages")
        let keys = (0..<23).map { String(format: "chunks/%04d+x.npy", $0) }
        for key in keys { try client.putObject(bucket: bucket, key: key, body: Data([1])) }
        let page = try client.listObjectsPage(bucket: bucket, prefix: "chunks/", maxKeys: 5)
        #expect(page.objects.count == 5 && page.isTruncated && page.nextContinuationToken != nil)
        let all = try client.listObjects(bucket: bucket, prefix: "chunks/", pageSize: 5)
        #expect(all.objects.map(\.key) == keys)
    }

    @Test("a wrong secret is refused, with a message that names the object, the endpoint and what to check")
    func wrongSecret() throws {
        let (good, bucket) = try bucket("secrets")
        try good.putObject(bucket: bucket, key: "a b.npy", body: Data([1, 2, 3]))
        let bad = server.client(secret: "not-the-secret", retry: .never)
        let expected = "S3 refused the request signature (SignatureDoesNotMatch) for s3://secrets/a b.npy at "
            + "\(server.endpoint): check AWS_SECRET_ACCESS_KEY / the profile"
        #expect { _ = try bad.getObject(bucket: bucket, key: "a b.npy") } throws: { "\($0)" == expected }
        // HEAD answers carry no reason; the client asks with a one-byte GET to give the same message.
        #expect { _ = try bad.headObject(bucket: bucket, key: "a b.npy") } throws: { "\($0)" == expected }
        #expect { try bad.putObject(bucket: bucket, key: "new", body: Data([1])) } throws: {
            "\($0)".contains("SignatureDoesNotMatch")
        }
        #expect(try good.headObject(bucket: bucket, key: "new") == nil)
        var unknownKey = good.configuration
        unknownKey.credentials.accessKeyID = "nobody"
        #expect { _ = try S3Client(configuration: unknownKey).getObject(bucket: bucket, key: "a b.npy") } throws: {
            "\($0)".contains("InvalidAccessKeyId") && "\($0)".contains("AWS_ACCESS_KEY_ID")
        }
    }

    @Test("a missing bucket says so")
    func missingBucket() {
        #expect { _ = try server.client(retry: .never).listObjects(bucket: "no-such-bucket", prefix: "") } throws: {
            "\($0)".contains("does not exist (NoSuchBucket)")
        }
    }
}
