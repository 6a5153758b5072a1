import DistSwiftControllers
import DistSwiftIO
import Foundation
import Hummingbird
import Logging

/// `distswift watch --serve HOST:PORT`: a small status page of the watch, and JSON endpoints for the same numbers.
/// Everything it shows is read from the files the watch writes (`run.json`, the waterfall PNGs, `timeline.svg`), so
/// the page and the report can never disagree, and the server needs no access to the watch's state.
///
/// - `GET /`: the page (re-rendered from run.json, reloading itself every `refreshSeconds`; images carry their
///   update time in their address, so the browser fetches one again only when it changed);
/// - `GET /api/status`: run.json as it is; `/api/workers`, `/api/failures`, `/api/latency`: its parts;
/// - `GET /files/NAME`: `timeline.svg`, a `*_waterfall.png`, or a growing product (`*_picks.csv`, `*_picks.xml`,
///   `*_fbe.h5`) of the store.
public struct StatusServer: Sendable {
    public let host: String
    public let port: Int
    public let store: any StorageLocation
    public let refreshSeconds: Int

    public init(host: String, port: Int, store: any StorageLocation, refreshSeconds: Int = 2) {
        self.host = host
        self.port = port
        self.store = store
        self.refreshSeconds = refreshSeconds
    }

    /// Parses "HOST:PORT" (e.g. 127.0.0.1:8080); nil when it is not one.
    public static func address(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
              (1...65535).contains(port), colon > text.startIndex else { return nil }
        return (String(text[..<colon]), port)
    }

    /// Serves until the task running it is cancelled.
    public func run() async throws {
        let router = Router()
        router.get("/") { _, _ in self.html(StatusPage(report: self.report(), files: self.files()).render(refresh: self.refreshSeconds)) }
        router.get("/api/status") { _, _ in self.json(try self.store.readAll(LiveReport.fileName)) }
        router.get("/api/workers") { _, _ in try self.json(encoding: self.report()?.workerActivity ?? []) }
        router.get("/api/failures") { _, _ in try self.json(encoding: self.report()?.failures ?? []) }
        router.get("/api/latency") { _, _ in
            try self.json(encoding: self.report().map {
                LatencyView(latency: $0.latency, realTimeFactor: $0.realTimeFactor, lagSeconds: $0.lagSeconds,
                            behind: $0.behind, files: $0.files, chunks: $0.chunks)
            })
        }
        router.get("/files/:name") { _, context in
            guard let name = context.parameters.get("name"), Self.isServable(name), self.store.exists(name) else {
                return Response(status: .notFound)
            }
            let types = [".svg": "image/svg+xml", ".png": "image/png", ".csv": "text/csv", ".xml": "application/xml"]
            let type = types.first { name.hasSuffix($0.key) }?.value ?? "application/x-hdf5"
            // Pictures are addressed with their change stamp (cached); the tables and files are linked plainly.
            let cache = name.hasSuffix(".png") || name.hasSuffix(".svg") ? "max-age=3600" : "no-store"
            return Response(status: .ok, headers: [.contentType: type, .cacheControl: cache],
                            body: .init(byteBuffer: ByteBuffer(bytes: try self.store.readAll(name))))
        }
        // Only critical messages: cancelling the server when the watch ends is logged as errors otherwise; a
        // failure to bind is thrown from here and reported by the caller.
        var logger = Logger(label: "distswift.serve")
        logger.logLevel = .critical
        let app = Application(router: router, configuration: .init(address: .hostname(host, port: port),
                                                                    serverName: "distswift"),
                              logger: logger)
        // No signal handling of its own: the watch stops on SIGINT/SIGTERM and cancels the server.
        try await app.runService(gracefulShutdownSignals: [])
    }

    struct LatencyView: Encodable {
        var latency: LiveReport.Latency
        var realTimeFactor: Double
        var lagSeconds: Double
        var behind: Bool
        var files: LiveReport.Files
        var chunks: LiveReport.Chunks
    }

    /// Only the watch's pictures and growing product files, by a plain name: never a path into the store.
    static func isServable(_ name: String) -> Bool {
        !name.contains("/") && !name.hasPrefix(".")
            && (name == "timeline.svg" || ["_waterfall.png", "_picks.csv", "_picks.xml", "_fbe.h5"].contains { name.hasSuffix($0) })
    }

    private func report() -> LiveReport? {
        guard let bytes = try? store.readAll(LiveReport.fileName) else { return nil }
        return try? JSONDecoder().decode(LiveReport.self, from: Data(bytes))
    }

    /// The pictures to show, with their change stamps (in their addresses, so a new version is fetched).
    private func files() -> [(name: String, stamp: String)] {
        let names = ((try? store.list("")) ?? []).map(\.name).filter(Self.isServable).sorted { a, b in
            (a == "timeline.svg" ? 1 : 0, a) < (b == "timeline.svg" ? 1 : 0, b)
        }
        return names.map { ($0, store.changeStamp($0) ?? "0") }
    }

    private func html(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    private func json(_ bytes: [UInt8]) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private func json(encoding value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return json(Array(try encoder.encode(value)))
    }
}
