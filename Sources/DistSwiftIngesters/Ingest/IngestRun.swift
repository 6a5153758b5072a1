import DistSwiftIO

/// `distswift ingest`: every record file under the input location becomes chunks in the store at the output
/// location, one file per task. Serial for now (the process-pool controller will run the same tasks in parallel).
/// A bad file is reported and the others are still ingested.
public struct IngestRun: Sendable {
    public struct Failure: Sendable {
        public let source: String
        public let error: String
    }

    public struct Report: Sendable {
        public var ingested: [SourceIngestRecord] = []
        public var skipped: [String] = []
        public var failures: [Failure] = []
        public var manifest: StoreManifest?
        public var assemblyError: String?
        public var succeeded: Bool { failures.isEmpty && assemblyError == nil }
    }

    /// The per-file worker every task goes to; it also names the input, the store and the options.
    public let ingester: FileIngester

    public init(input: any StorageLocation, store: any StorageLocation, options: IngestOptions) {
        ingester = FileIngester(input: input, store: store, options: options)
    }

    /// The input files in a deterministic order (hidden files excluded).
    public func tasks() throws -> [String] {
        try ingester.input.listFiles(recursivelyUnder: "").filter { path in
            !path.split(separator: "/").contains { $0.hasPrefix(".") }
        }
    }

    public func run(progress: (String) -> Void = { _ in }) throws -> Report {
        var report = Report()
        for source in try tasks() {
            if !ingester.options.force && ingester.isAlreadyIngested(source) {
                report.skipped.append(source)
                progress("skipped \(source) (already ingested; --force redoes it)")
                continue
            }
            do {
                let record = try ingester.ingest(source)
                report.ingested.append(record)
                progress("ingested \(source): \(record.chunks.count) chunks")
            } catch {
                report.failures.append(Failure(source: source, error: "\(error)"))
                progress("failed \(source): \(error)")
            }
        }
        if !report.ingested.isEmpty || !report.skipped.isEmpty {
            do {
                report.manifest = try StoreAssembler.assemble(ingester.store)
            } catch {
                report.assemblyError = "\(error)"
            }
        }
        return report
    }
}
