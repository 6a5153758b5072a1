import DistSwiftObjectStore
import DistSwiftTestSupport
import Foundation
import Testing

/// Throughput of S3Client against the local SeaweedFS, and of botocore (the AWS SDK for Python, when installed) doing
/// the same operations on the same server in the same run as the baseline, for docs/storage.md. Not part of the
/// test run: `DISTSWIFT_S3_BENCH=1 swift test --filter S3ThroughputBenchmark` prints the numbers.
@Suite("S3 throughput against SeaweedFS (DISTSWIFT_S3_BENCH=1)",
       .enabled(if: ProcessInfo.processInfo.environment["DISTSWIFT_S3_BENCH"] != nil && SeaweedFSServer.executable != nil),
       .seaweedFS)
struct S3ThroughputBenchmark {
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = Date()
        try body()
        return Date().timeIntervalSince(start)
    }

    @Test("uploads, whole and range reads, small objects")
    func throughput() throws {
        let server = SeaweedFSServer.current!
        print("SeaweedFS started and answering signed requests in \(String(format: "%.1f", server.startSeconds)) s")
        let size = 64 << 20
        let body = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) })
        let mib = Double(size) / Double(1 << 20)
        for signed in [true, false] {
            let client = server.client(signPayloads: signed)
            try client.createBucket("bench")
            let upload = try Self.seconds {
                let upload = S3ObjectUpload(client: client, bucket: "bench", key: "big-\(signed).bin")
                try upload.append(body)
                try upload.finish()
            }
            print("upload 64 MiB in 8 MiB parts, \(signed ? "signed" : "unsigned") payload: "
                + String(format: "%.0f MiB/s", mib / upload))
        }
        let client = server.client()
        let hashing = Self.seconds { _ = SigV4Signer.sha256Hex(body) }
        print("SHA-256 of the payload alone: " + String(format: "%.0f MiB/s", mib / hashing))
        let part = body.prefix(8 << 20)
        var unsigned = client.configuration
        unsigned.signPayloads = false
        let unsignedClient = S3Client(configuration: unsigned)
        let puts8 = try Self.seconds {
            for i in 0..<8 { try unsignedClient.putObject(bucket: "bench", key: "part-\(i)", body: part) }
        }
        print("single PUTs of 8 MiB, unsigned: " + String(format: "%.0f MiB/s", mib / puts8))
        let whole = try Self.seconds { _ = try client.getObject(bucket: "bench", key: "big-true.bin") }
        print("GET 64 MiB whole: " + String(format: "%.0f MiB/s", mib / whole))
        for block in [8 << 20, 1 << 20, 256 << 10] {
            let time = try Self.seconds {
                for offset in stride(from: 0, to: size, by: block) {
                    _ = try client.getObject(bucket: "bench", key: "big-true.bin", range: offset..<(offset + block))
                }
            }
            print("range GETs of \(block >> 10) KiB over 64 MiB: " + String(format: "%.0f MiB/s, %.0f requests/s",
                                                                            mib / time, Double(size / block) / time))
        }
        let small = Data(repeating: 1, count: 4096)
        let puts = try Self.seconds {
            for i in 0..<200 { try client.putObject(bucket: "bench", key: "small/\(i)", body: small) }
        }
        let heads = try Self.seconds {
            for i in 0..<200 { _ = try client.headObject(bucket: "bench", key: "small/\(i)") }
        }
        print(String(format: "4 KiB PUTs: %.0f/s; HEADs: %.0f/s", 200 / puts, 200 / heads))

        guard (try? PythonReference.run("import boto3"))?.status == 0 else {
            print("botocore baseline skipped: python3 has no boto3")
            return
        }
        let baseline = try PythonReference.check("""
            import sys, time, boto3
            from boto3.s3.transfer import TransferConfig
            from botocore.config import Config
            s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id=sys.argv[2],
                              aws_secret_access_key=sys.argv[3], config=Config(s3={"addressing_style": "path"}))
            size = 64 << 20
            body = bytes(range(256)) * (size // 256)
            def timed(f):
                t = time.perf_counter(); f(); return time.perf_counter() - t
            parts = TransferConfig(multipart_threshold=8 << 20, multipart_chunksize=8 << 20, max_concurrency=1)
            import io
            t = timed(lambda: s3.upload_fileobj(io.BytesIO(body), "bench", "boto-big.bin", Config=parts))
            print(f"botocore: upload 64 MiB in 8 MiB parts, signed payload: {64 / t:.0f} MiB/s")
            t = timed(lambda: [s3.put_object(Bucket="bench", Key=f"boto-part-{i}", Body=body[:8 << 20]) for i in range(8)])
            print(f"botocore: single PUTs of 8 MiB: {64 / t:.0f} MiB/s")
            t = timed(lambda: s3.get_object(Bucket="bench", Key="boto-big.bin")["Body"].read())
            print(f"botocore: GET 64 MiB whole: {64 / t:.0f} MiB/s")
            for block in (8 << 20, 1 << 20, 256 << 10):
                def ranges():
                    for o in range(0, size, block):
                        s3.get_object(Bucket="bench", Key="boto-big.bin", Range=f"bytes={o}-{o + block - 1}")["Body"].read()
                t = timed(ranges)
                print(f"botocore: range GETs of {block >> 10} KiB over 64 MiB: {64 / t:.0f} MiB/s, {size // block / t:.0f} requests/s")
            small = b"\\x01" * 4096
            puts = timed(lambda: [s3.put_object(Bucket="bench", Key=f"boto-small/{i}", Body=small) for i in range(200)])
            heads = timed(lambda: [s3.head_object(Bucket="bench", Key=f"boto-small/{i}") for i in range(200)])
            print(f"botocore: 4 KiB PUTs: {200 / puts:.0f}/s; HEADs: {200 / heads:.0f}/s")
            """, arguments: [server.endpoint, SeaweedFSServer.accessKey, SeaweedFSServer.secretKey])
        print(baseline)
    }
}
