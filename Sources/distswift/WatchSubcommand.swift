import ArgumentParser
import DistSwiftCalc
import DistSwiftControllers
import DistSwiftIngesters
import DistSwiftIO
import DistSwiftNative
import DistSwiftStatusServer
import DistSwiftWorkers
import Foundation

/// `distswift watch SYSTEM.json [GRAPH.json]`: live processing (docs/live.md).
struct WatchSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Follow the input location: ingest each record file once complete and run the graph on every new chunk.",
        discussion: """
            One long-running process with one warm pool of workers. A file is taken once it is complete: renamed
            into place (seen at once through inotify in a local folder), or unchanged in size for --settle seconds
            (a file kept open and appended to; network folders and s3:// prefixes are polled every --poll
            seconds). Hidden and temporary names (.x, *.tmp, *.part) are never taken. Chunks go to the store at
            {out_drive}/{project}/{results} as with ingest, per-chunk outputs beside it as with process (the graph
            is GRAPH.json, else the config's "config"). The newest chunk waits for the chunk after it when the
            graph reads a time halo (--provisional-after S processes it earlier, marked provisional, and again
            once its neighbour arrives). run.json (latency, backlog, real-time factor, workers, failures) and
            timeline.svg are rewritten every --report-every seconds with a progress line; --stack FOLDER keeps
            FOLDER_stacked/ and FOLDER_waterfall.png growing (--prodml: FOLDER_fbe.h5 too; --roll-products day:
            one of each per UTC day, only the changed days rebuilt), --picks FOLDER
            one table of every pick so far (FOLDER_picks.csv and .xml). Ctrl-C or SIGTERM stops it (exit 130); started
            again, it resumes from its journal without redoing or missing a file, also after kill -9. A corrupt or
            truncated file is reported and skipped.

            Example:
              distswift watch examples/live-system.json configs/strainrate2noiselog.json --stack NoiseLog \\
                  --serve 127.0.0.1:8080
            """)

    @Argument(help: "The system config: its input location is watched, its output is the chunk store.")
    var systemConfig: String

    @Argument(help: "The command graph run on every chunk (default: the config's \"config\").")
    var graph: String?

    @Option(help: "Chunk length in seconds (distpy: 1).")
    var chunkSeconds = 1.0

    @Option(help: "Chunk element type: float32, float64, or raw (the record's own type).")
    var dtype: IngestOptions.OutputType = .float32

    @Option(help: "Compute precision: float32 or float64 (default: float32 for float32 and raw chunks, float64 for float64).")
    var precision: ComputePrecision?

    @Option(help: "FFTW planning: measure or estimate.")
    var fftPlanning: FFTWPlanningRigor = .measure

    @Option(help: "Worker processes (default: the config's ncpu when parallel_flag is 1, else 1).")
    var workers: Int?

    @Option(help: "Seconds a task may run before its worker is killed and the task retried (default: no limit).")
    var taskTimeout: Double?

    @Option(help: "Further tries for a task that fails for another reason than its input (a crash, an I/O error).")
    var retries = PoolOptions.defaultRetries

    @Option(help: "Seconds a file's size must stay unchanged before it is taken (files not renamed into place).")
    var settle = 2.0

    @Option(help: "Seconds between listings of a polled location (network folder, S3), and the longest inotify wait.")
    var poll = 1.0

    @Flag(help: "Poll a local folder too instead of using inotify (e.g. a network mount written by another machine).")
    var noInotify = false

    @Option(help: "Seconds between rewrites of run.json, timeline.svg and the growing products (and progress lines).")
    var reportEvery = 5.0

    @Option(help: "Process the newest chunk provisionally after this many seconds without a new file (default: it waits for its neighbour).")
    var provisionalAfter: Double?

    @Option(help: "End once no file has arrived for this many seconds and everything is done (default: run until stopped).")
    var exitWhenIdle: Double?

    @Option(help: "Say the watch is behind once the oldest unfinished file has waited this many seconds.")
    var behindAfter = 30.0

    @Option(help: "A per-chunk output folder (a writer's directory_out) to keep stacked (FOLDER_stacked/) with a waterfall PNG; repeatable.")
    var stack: [String] = []

    @Flag(help: "With --stack: also keep each stacked folder as a PRODML 2.0 FBE file, FOLDER_fbe.h5.")
    var prodml = false

    @Option(help: ArgumentHelp("With --stack: keep one stacked folder (and --prodml file) per period — FOLDER_stacked/PERIOD/, FOLDER_fbe/PERIOD.h5 — rebuilding only the periods whose outputs changed (for watches of months).",
                               valueName: "day|hour|SECONDS"))
    var rollProducts: String?

    @Option(help: "A write_picks folder whose per-chunk picks are kept as one growing table, FOLDER_picks.csv and .xml; repeatable.")
    var picks: [String] = []

    @Option(help: "Serve a status page (and JSON endpoints) at HOST:PORT, e.g. 127.0.0.1:8080.")
    var serve: String?

    @Option(help: "Done chunks kept in memory and line by line in the journal, for late files to be checked against (older ones: in the store's manifest).")
    var recentChunks = LiveJournal.keptRecent

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
        guard chunkSeconds > 0 else { throw ValidationError("--chunk-seconds must be greater than 0") }
        if let taskTimeout, taskTimeout <= 0 { throw ValidationError("--task-timeout must be greater than 0") }
        guard retries >= 0 else { throw ValidationError("--retries must be 0 or more") }
        guard settle >= 0, poll > 0, reportEvery > 0, behindAfter > 0 else {
            throw ValidationError("--settle must be 0 or more; --poll, --report-every and --behind-after greater than 0")
        }
        if let provisionalAfter, provisionalAfter < 0 { throw ValidationError("--provisional-after must be 0 or more") }
        guard recentChunks >= 10 else { throw ValidationError("--recent-chunks must be at least 10") }
        if let exitWhenIdle, exitWhenIdle <= 0 { throw ValidationError("--exit-when-idle must be greater than 0") }
        if prodml && stack.isEmpty { throw ValidationError("--prodml writes the --stack folders as PRODML: give --stack FOLDER too") }
        if let rollProducts {
            guard LiveProductPeriod(argument: rollProducts) != nil else {
                throw ValidationError("--roll-products '\(rollProducts)' is not day, hour or a whole number of seconds ≥ 1")
            }
            guard !stack.isEmpty else { throw ValidationError("--roll-products rolls the --stack folders: give --stack FOLDER too") }
        }
        if let serve, StatusServer.address(serve) == nil {
            throw ValidationError("--serve '\(serve)' is not HOST:PORT, e.g. 127.0.0.1:8080")
        }
    }

    func run() async throws {
        let faults = WriteFaults.fromEnvironment(ProcessInfo.processInfo.environment)
        let config = try reportingErrors { try SystemConfig.load(path: systemConfig, faults: faults) }
        let graphFile = try reportingErrors { () throws -> String in
            guard let file = graph.map({ StackSubcommand.absolute($0) }) ?? config.workflowFile else {
                throw ConfigError(file: config.file, key: "config",
                                  problem: "is missing and no graph was given; watch runs a command graph on every chunk",
                                  fix: "add \"config\": \"graphs/noiselog.json\", or give the graph after the config")
            }
            return file
        }
        let computePrecision = precision ?? (dtype == .float64 ? .float64 : .float32)
        let settings = LiveSettings(
            ingest: IngestSettings(chunkSeconds: chunkSeconds, outputType: dtype, force: false),
            process: ProcessSettings(fftPlanning: fftPlanning, precision: computePrecision, backend: .cpu),
            graph: URL(fileURLWithPath: graphFile).standardizedFileURL.path)
        let options = LiveOptions(settleSeconds: settle, pollSeconds: poll, useNotifications: !noInotify,
                                  reportSeconds: reportEvery, provisionalAfterSeconds: provisionalAfter,
                                  exitWhenIdleSeconds: exitWhenIdle, behindAfterSeconds: behindAfter,
                                  recentChunks: recentChunks, quiet: quiet)
        let live = try reportingErrors {
            try LiveRun(config: config, settings: settings,
                        pool: PoolOptions(workers: PoolOptions.workerCount(requested: workers, config: config),
                                          taskTimeoutSeconds: taskTimeout, retries: retries),
                        executable: currentExecutable(), environment: ProcessInfo.processInfo.environment,
                        options: options, products: LiveProducts(stackFolders: stack, prodml: prodml, pickFolders: picks,
                                                               period: rollProducts.flatMap(LiveProductPeriod.init(argument:))))
        }
        let quiet = self.quiet
        // The status page runs beside the watch, reading what it writes, until the watch ends.
        let server = serve.flatMap(StatusServer.address).map { address in
            Task {
                do {
                    try await StatusServer(host: address.host, port: address.port, store: config.output).run()
                } catch is CancellationError {
                } catch {
                    printError("--serve \(address.host):\(address.port): \(error) (the watch goes on without its page)")
                }
            }
        }
        if let serve, !quiet { say("status page: http://\(serve)/ (JSON: /api/status)") }
        let summary = try await reportingErrors { try await live.run { line in if !quiet { say(line) } } }
        server?.cancel()
        if !quiet { say(summary.report.progressLine) }
        if let fatal = summary.fatal {
            printError(fatal)
            throw ExitCode.failure
        }
        if summary.stopped {
            printError("stopped: \(summary.report.files.ingested) files and \(summary.report.chunks.processed) chunks "
                       + "done and kept; run the same command again to go on")
            throw ExitCode(130)
        }
    }
}
