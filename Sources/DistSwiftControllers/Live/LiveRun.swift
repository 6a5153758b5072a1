import DistSwiftCalc
import DistSwiftIngesters
import DistSwiftIO
import DistSwiftNative
import DistSwiftWorkers
import Foundation

/// `distswift watch`: one long-running process that follows the system config's input location, ingests each
/// record file once it is complete and runs the graph on each new chunk, on one warm pool of workers (each serves
/// both kinds of task: `LiveJob`). The chunk store and the per-chunk outputs are those of `ingest` and `process`;
/// the watch adds `run.json` and `timeline.svg` rewritten as it goes (rolling), growing products, and a journal
/// that makes it restart-safe (`LiveJournal`). One watch per store (the run lock).
public struct LiveRun: Sendable {
    /// The config whose input is watched and whose output is the store.
    public let config: SystemConfig
    /// The same config as the processing stage: the store as input, the results beside it.
    public let stage: SystemConfig
    public let settings: LiveSettings
    public let fingerprint: String
    public let pool: WorkerPool
    public let options: LiveOptions
    public let products: LiveProducts

    public init(config: SystemConfig, settings: LiveSettings, pool poolOptions: PoolOptions, executable: String,
                environment: [String: String], options: LiveOptions, products: LiveProducts) throws {
        // A graph that is not even JSON (or lacks the picks folder asked for) is refused before anything starts;
        // its validation against the store's rate waits for the first file.
        try products.check(against: try GraphDocument.load(path: settings.graph))
        self.config = config
        stage = config.processingItsOutput(graph: settings.graph)
        self.settings = settings
        fingerprint = try settings.fingerprint()
        let spec = JobSpec(systemConfig: config.file, work: .live(settings), fingerprint: fingerprint)
        pool = WorkerPool(launch: WorkerLaunch(executable: executable, spec: spec, parentEnvironment: environment),
                          options: poolOptions)
        self.options = options
        self.products = products
    }

    public struct Summary: Sendable {
        public var report: LiveReport
        public var reportPath: String
        /// Stopped by Ctrl-C or SIGTERM (rather than ending when idle).
        public var stopped: Bool
        /// Why the watch could not go on (e.g. the graph does not fit the store's rate).
        public var fatal: String?
    }

    enum Event: Sendable {
        case input(InputWatch.Wake, atNs: Int64)
        case pool(TaskEvent)
        case stop
    }

    /// Runs until stopped (or idle, with `exitWhenIdleSeconds`). `say` prints a line for people.
    public func run(say: @escaping @Sendable (String) -> Void) async throws -> Summary {
        let lock = try RunLock.acquire(config.output, shard: .all, command: "distswift watch")
        defer { lock.release() }
        if let stale = lock.tookOverFrom {
            say("note: took over the lock of `\(stale.command)` (pid \(stale.process.pid)), which no longer runs"
                + lock.debrisNote)
        }
        let watch = InputWatch(location: config.input, pollSeconds: options.pollSeconds,
                               useNotifications: options.useNotifications)
        let session = try LiveSession(run: self, watch: watch, say: say)
        let (events, sink) = AsyncStream.makeStream(of: Event.self)
        let stop = StopRequest()
        let ended = StopRequest()
        let signals = InterruptWatch(alsoTermination: true) {
            stop.request()
            sink.yield(.stop)
        }
        defer { signals.cancel() }
        ProcessSignals.ignoreBrokenPipes()
        // Waiting for the input blocks (poll, sleep): a thread of its own, not one of the few the tasks share.
        let wait = min(options.pollSeconds, max(0.05, options.settleSeconds / 4))
        let waker = Thread {
            while !stop.isRequested && !ended.isRequested {
                sink.yield(.input(watch.wait(settleWaitSeconds: wait), atNs: WallClock.nowNs))
            }
        }
        waker.start()
        say("watching \(config.input.address(of: "")) (\(watch.mode)); store \(config.output.address(of: "")); "
            + "\(pool.options.workers) workers")
        _ = await pool.runOpen(stopRequest: stop, observe: { sink.yield(.pool($0)) }) { feed in
            await session.serve(events, feed: feed, stop: stop)
        }
        ended.request()
        sink.finish()
        let report = session.writeReport(backlog: (0, 0), final: true)
        return Summary(report: report, reportPath: config.output.address(of: LiveReport.fileName),
                       stopped: stop.isRequested, fatal: session.fatal)
    }
}

/// The watch's state, owned by one task at a time (the pool's body while it runs, then the run that writes the last
/// report): which files are taken, which chunks are queued, done or waiting for a neighbour, and the numbers.
final class LiveSession: @unchecked Sendable {
    private let run: LiveRun
    private let watch: InputWatch
    private var watching: String { watch.mode }
    private let say: @Sendable (String) -> Void
    private let store: any StorageLocation
    private let ingester: FileIngester
    private let journal: LiveJournal
    private var tracker: ArrivalTracker
    private var stats: LiveStatistics

    /// Files taken (ingested, rejected, or handed to the pool) that the last listing still showed: a watch of
    /// months holds the names in the input location, not every name it ever took. A name not held here is looked
    /// up in the store (its per-source record) and the journal (rejected) before it is taken: `isTaken`.
    private var taken: Set<String> = []
    /// Files handed to the pool, with their arrival times.
    private var ingesting: [String: (arrivedNs: Int64, size: Int)] = [:]
    /// The store's manifest, grown by appending each batch of files, and the window of chunks the watch needs.
    private let index: LiveStoreIndex
    /// Files committed by the workers and not yet in the manifest.
    private var newRecords: [SourceIngestRecord] = []
    private var chunks: [ChunkRecord] { index.chunks }
    private var chunkIndex: [String: Int] { index.chunkIndex }
    private var samplingRateHz: Double { index.samplingRateHz }
    /// When each not yet final chunk's file arrived (its latency's start).
    private var chunkArrival: [String: Int64] = [:]
    private var queuedFinal: Set<String> = []
    private var queuedProvisional: Set<String> = []
    private var failedChunks: Set<String> = []
    /// What each queued chunk's halo reads (journalled with it: a late file that changes it makes it run again).
    private var dispatchedReads: [String: [String]] = [:]
    /// Chunks processed again because a file arrived late beside them, the newest last.
    private var redone: [LiveReport.Redo] = []
    private var redoneCount = 0
    private var waitingForNeighbour = 0
    /// Something changed that may make waiting chunks ready (a file finished or failed, a provisional chunk ended).
    private var needsDispatch = false
    /// The chunks changed since done chunks were last compared with what their halos read (late files).
    private var lateCheckDue = true
    private var rejected = 0
    private var failures: [LiveReport.Failure] = []
    /// Items of batched tasks to hand out again, each as a task of its own: an item that failed in a way worth
    /// retrying, or every item of a batch that failed as a whole for good (one bad file must not take the others
    /// with it).
    private var retryAlone: [String] = []
    /// Samples of the neighbouring chunks the graph reads (nil until the graph was validated against the store).
    private var halo: (before: Int, after: Int)?
    private(set) var fatal: String?
    private var lastArrivalNs: Int64
    private var firstArrivalNs: Int64?
    private var lastOutputNs: Int64?
    private var lastReportNs: Int64 = 0
    private var lastListingNs: Int64 = 0
    private var lastRefreshNs: Int64 = 0
    static let refreshSeconds = 0.1
    /// timeline.svg is drawn at most this often (and at the end): a drawing of the last tries, for people, whose
    /// rendering every report cost 3 % of a small-file watch's CPU (issue 21); run.json keeps every report's numbers.
    static let timelineSeconds = 5.0
    private var lastTimelineNs: Int64 = 0
    private var productTimes: [String: String] = [:]
    private let startedNs = WallClock.nowNs

    init(run: LiveRun, watch: InputWatch, say: @escaping @Sendable (String) -> Void) throws {
        self.run = run
        self.watch = watch
        self.say = say
        store = run.config.output
        ingester = FileIngester(input: run.config.input, store: store, options: run.settings.ingest.options(run.config))
        let recent = run.options.recentChunks
        journal = try LiveJournal(location: store, fingerprint: run.fingerprint,
                                  compactAfterLines: 2 * recent,
                                  keptRecent: recent)
        tracker = ArrivalTracker(settleSeconds: run.options.settleSeconds)
        stats = LiveStatistics(startedNs: startedNs)
        lastArrivalNs = startedNs
        // Resume: files with a per-source record were ingested (by an earlier watch or `ingest`): the manifest
        // lists them, or, when a crash came between a file's commit and its manifest entry, they are added now;
        // rejected ones are in the journal; chunks not journalled as done run again, timed from now.
        index = try LiveStoreIndex(store: store)
        for problem in index.problems { say("store manifest: \(problem)") }
        if !index.recovered.isEmpty {
            say("store manifest: \(index.recovered.count) ingested file(s) were not in it yet (the last watch "
                + "stopped before their entries were written); adding them")
        }
        taken = Set(journal.state.rejected.keys)
        rejected = journal.state.rejected.count
        newRecords = index.recovered
        if index.totalChunks > 0 || !newRecords.isEmpty {
            refreshStore(first: true)
            for chunk in chunks where !journal.state.isDone(chunk) { chunkArrival[chunk.file] = startedNs }
            pruneWindow()
        }
    }

    /// The body of the open pool: handles input and pool events until stopped, idle or failed for good.
    func serve(_ events: AsyncStream<LiveRun.Event>, feed: TaskFeed, stop: StopRequest) async {
        // The input location is looked at before any chunk is handed out: files that arrived while no watch ran,
        // or that a killed watch had not ingested yet, may fill holes between the chunks already in the store —
        // taken for gaps in the record, the chunks beside them would be processed with their halos cut, then again
        // once those files are ingested (a restart after kill -9 in a burst showed it).
        lastListingNs = WallClock.nowNs
        await takeArrivals(feed, nowNs: lastListingNs)
        await dispatchChunks(feed, nowNs: WallClock.nowNs)
        for await event in events {
            let now = WallClock.nowNs
            switch event {
            case .stop:
                break
            case .input(let wake, let atNs):
                for path in wake.renamed { tracker.renamedIntoPlace(path, atNs: atNs) }
                // With inotify, the folder is listed only when a file was created or written (it may be growing),
                // while files settle, and every 10 poll intervals (events can be lost); files renamed into place
                // are looked at by name. A folder of many thousand files is not listed 20 times a second.
                if wake.changed || tracker.settling > 0 || !watch.isNotified
                    || Double(now - lastListingNs) / 1e9 >= 10 * run.options.pollSeconds {
                    lastListingNs = now
                    await takeArrivals(feed, nowNs: now)
                } else if !wake.renamed.isEmpty {
                    await takeArrivals(feed, nowNs: now, only: wake.renamed)
                }
            case .pool(let event):
                handle(event)
                if !retryAlone.isEmpty {
                    await feed.add(retryAlone)
                    retryAlone = []
                }
            }
            // New files' entries are appended to the manifest's log together: at most every 0.1 s while files keep
            // finishing (at once when none is left ingesting), so a burst of small files costs one durable append
            // per batch, not per file.
            let refreshDue = !newRecords.isEmpty
                && (ingesting.isEmpty || Double(now - lastRefreshNs) / 1e9 >= Self.refreshSeconds)
            if refreshDue || (needsDispatch && newRecords.isEmpty) {
                needsDispatch = false
                if refreshDue {
                    lastRefreshNs = now
                    refreshStore()
                }
                await dispatchChunks(feed, nowNs: now)
            } else if provisionalDue(nowNs: now) {
                await dispatchChunks(feed, nowNs: now)
            }
            flushJournal(nowNs: now)
            if Double(now - lastReportNs) / 1e9 >= run.options.reportSeconds {
                lastReportNs = now
                let report = writeReport(backlog: await feed.backlog)
                if !run.options.quiet { say(report.progressLine) }
            }
            if stop.isRequested || fatal != nil { break }
            if await isIdleToExit(feed, nowNs: now) { break }
        }
    }

    // MARK: files

    /// Takes the files now complete, from a listing of the location (or of the names `only`).
    private func takeArrivals(_ feed: TaskFeed, nowNs: Int64, only names: [String]? = nil) async {
        let sightings: [ArrivalTracker.Sighting]
        var listed: Set<String> = []
        do {
            sightings = try names.map { watch.sightings(of: $0) { self.isTaken($0) } }
                ?? watch.list { path in
                    listed.insert(path)
                    return self.isTaken(path)
                }
        } catch {
            note(task: "listing", error: "\(run.config.input.address(of: "")): \(error)")
            return
        }
        if names == nil {
            // Names gone from the location are forgotten (looked up again should they come back).
            taken.formIntersection(listed.union(ingesting.keys))
        }
        let arrivals = tracker.update(sightings, nowNs: nowNs, partial: names != nil)
        guard !arrivals.isEmpty else { return }
        for arrival in arrivals {
            taken.insert(arrival.path)
            ingesting[arrival.path] = (arrival.arrivedNs, arrival.size)
            lastArrivalNs = max(lastArrivalNs, arrival.arrivedNs)
            firstArrivalNs = min(firstArrivalNs ?? arrival.arrivedNs, arrival.arrivedNs)
        }
        await feed.add(LiveBatching.batches(arrivals.map(\.path), workers: run.pool.options.workers)
            .map { LiveTask.ingest($0).id })
    }

    /// Whether a listed file was taken: held in memory, or (a name the watch forgot, or a restarted watch's) with
    /// its per-source record in the store or journalled as rejected — the proofs a restart uses.
    private func isTaken(_ path: String) -> Bool {
        if taken.contains(path) { return true }
        guard journal.state.rejected[path] != nil || store.exists(SourceIngestRecord.path(for: path)) else {
            return false
        }
        taken.insert(path)
        return true
    }

    private func handle(_ event: TaskEvent) {
        // A finished chunk makes no other chunk ready, unless it was provisional (its final run may be due now):
        // looking through the window after every chunk would cost O(window) per chunk in a backlog.
        switch event {
        case .tick: break
        case .succeeded(let attempt):
            if case .process(_, _, false)? = LiveTask(id: attempt.id),
               LiveItemFailures(note: attempt.note).failed.isEmpty {} else { needsDispatch = true }
        default: needsDispatch = true
        }
        switch event {
        case .succeeded(let attempt):
            let failed = LiveItemFailures(note: attempt.note).failed
            let failedNames = Set(failed.map(\.name))
            switch LiveTask(id: attempt.id) {
            case .ingest(let paths)?:
                stats.ingested(attempt, files: paths.count - failedNames.count)
                for path in paths where !failedNames.contains(path) {
                    let arrived = ingesting.removeValue(forKey: path)?.arrivedNs ?? attempt.startNs
                    if let record = ingester.previousRecord(of: path) {
                        newRecords.append(record)
                        for chunk in record.chunks { chunkArrival[chunk.file] = arrived }
                    }
                }
                for item in failed { fileFailed(item.name, error: item.error, retry: item.worthRetrying) }
            case .process(let chunks, _, let provisional)?:
                finishChunks(chunks.filter { !failedNames.contains($0) }, attempt: attempt, provisional: provisional)
                for item in failed {
                    chunkFailed(item.name, provisional: provisional, error: item.error, retry: item.worthRetrying)
                }
            case nil:
                break
            }
        case .attemptFailed(let attempt, let final):
            stats.tried(attempt)
            guard final else {
                say("retrying \(attempt.id): \(attempt.error ?? attempt.status.rawValue)")
                return
            }
            let error = attempt.error ?? attempt.status.rawValue
            switch LiveTask(id: attempt.id) {
            case .ingest(let paths)?:
                for path in paths { fileFailed(path, error: error, retry: paths.count > 1) }
            case .process(let chunks, _, let provisional)?:
                for chunk in chunks { chunkFailed(chunk, provisional: provisional, error: error, retry: chunks.count > 1) }
            case nil:
                break
            }
        case .note(let line):
            say(line)
        case .tick:
            break
        }
    }

    /// A file whose ingest failed: tried again on its own (`retry`), or rejected and journalled so.
    private func fileFailed(_ path: String, error: String, retry: Bool) {
        if retry {
            say("retrying \(path) on its own: \(error)")
            retryAlone.append(LiveTask.ingest([path]).id)
            return
        }
        let size = ingesting[path]?.size ?? 0
        ingesting[path] = nil
        rejected += 1
        do {
            try journal.recordRejected(path, size: size, error: error)
        } catch {
            note(task: path, error: "the rejection could not be journalled (it is tried again after a "
                 + "restart): \(error)")
        }
        note(task: path, error: "rejected, skipped (the watch goes on): \(error)")
    }

    /// A chunk whose graph run failed: tried again on its own (`retry`), or reported (tried again at the next start).
    private func chunkFailed(_ chunk: String, provisional: Bool, error: String, retry: Bool) {
        if retry {
            say("retrying chunk \(chunk) on its own: \(error)")
            retryAlone.append(LiveTask.process(chunks: [chunk], storeChunks: index.totalChunks,
                                               provisional: provisional).id)
            return
        }
        if provisional { queuedProvisional.remove(chunk) } else { queuedFinal.remove(chunk) }
        dispatchedReads[chunk] = nil
        failedChunks.insert(chunk)
        note(task: chunk, error: "failed (run the watch again to retry it): \(error)")
    }

    private func note(task: String, error: String) {
        failures.append(LiveReport.Failure(task: task, error: error, at: UTCTime.iso8601(WallClock.nowNs)))
        if failures.count > LiveReport.keptFailures { failures.removeFirst(failures.count - LiveReport.keptFailures) }
        say("\(task): \(error)")
    }

    // MARK: the store and its chunks

    /// Adds the newly ingested files' chunks to the store's manifest (a file that does not fit the store — another
    /// geometry or rate, or overlapping another in time — is rejected by name) and validates the graph against the
    /// store once. `first`: the store as the watch found it at its start (no file is late against it).
    private func refreshStore(first: Bool = false) {
        let added: LiveStoreIndex.Added
        do {
            added = try index.add(newRecords)
        } catch {
            // Nothing was added; the files are tried again at the next refresh.
            note(task: StoreManifest.fileName, error: "the new files could not be added to the manifest: \(error)")
            return
        }
        newRecords = []
        for (record, error) in added.rejected {
            rejected += 1
            try? store.remove(SourceIngestRecord.path(for: record.source.path))
            try? journal.recordRejected(record.source.path, size: record.source.size, error: "\(error)")
            note(task: record.source.path, error: "rejected, skipped (the watch goes on): \(error)")
        }
        guard index.totalChunks > 0 else { return }
        if halo == nil {
            do {
                let job = try ProcessJob(config: run.stage, fftPlanning: run.settings.process.fftPlanning,
                                         precision: run.settings.process.precision,
                                         backend: BackendSetting(run.settings.process), stateScan: false)
                // A continuous integral needs every earlier chunk's totals (`process` runs a totals pass first);
                // a watch has no such pass, so it is refused here rather than failing on every chunk.
                if let node = job.plan.runningTotalNodes.first {
                    throw ConfigError(file: run.settings.graph, key: "command_list",
                                      problem: "\(node.name) (uid \(node.uid)) integrates along time across "
                                          + "chunks, which needs a totals pass over the whole record; watch has none",
                                      fix: "set \"zero_at\": \"chunk\" on it, or run the graph with `distswift process`")
                }
                halo = (job.plan.timeHalo.before, job.plan.timeHalo.after)
                // The window keeps the neighbours a chunk's halo reads, and theirs (a late file redoes both sides).
                let perChunk = max(1, job.store.manifest?.samplesPerChunk ?? 1)
                index.margin = max(16, 2 * (max(job.plan.timeHalo.before, job.plan.timeHalo.after) / perChunk + 1) + 2)
            } catch {
                fatal = "\(error)"
                note(task: run.settings.graph, error: "does not fit the store, the watch stops: \(error)")
            }
        }
        // A chunk just added was never processed (chunks are handed out only once in the manifest), even when it
        // starts before the journal's watermark (a late file; the watermark covers the chunks listed when it was
        // written). At the start these are the files recovered from their records.
        for file in added.chunkFiles {
            if let i = chunkIndex[file], journal.state.isDone(chunks[i]), !journal.state.done.contains(file) {
                journal.markStale(file)
            }
        }
        if !added.chunkFiles.isEmpty { lateCheckDue = true }
        if !first && !added.chunkFiles.isEmpty {
            redoBesideLateChunks(new: added.chunkFiles.compactMap { chunkIndex[$0] },
                                 timeline: ChunkTimeline(chunks: chunks, samplingRateHz: samplingRateHz))
        }
    }

    /// Keeps in memory only the chunks the watch still needs: from the oldest chunk not yet final (or the
    /// journal's recent past, whichever is earlier) on, with the halo neighbours before it. Pruned in steps, when
    /// the window has grown to twice that.
    private func pruneWindow() {
        let keep = run.options.recentChunks + index.margin
        guard chunks.count > 2 * keep else { return }
        let oldestOpen = chunks.firstIndex { chunk in
            !journal.state.isDone(chunk) || journal.state.provisional.contains(chunk.file)
                || chunkArrival[chunk.file] != nil || failedChunks.contains(chunk.file)
        }
        index.prune(keepingFrom: min(oldestOpen ?? chunks.count, chunks.count - keep) - index.margin)
    }

    // MARK: late files

    /// The chunks chunk `index`'s time halo reads now: its neighbours in its segment, up to the graph's halo.
    private func haloReads(of index: Int, timeline: ChunkTimeline) -> [String] {
        guard let halo else { return [] }
        let segment = timeline.segment(of: index)
        var names: [String] = []
        var wanted = halo.before, j = index - 1
        while wanted > 0 && j >= segment.lowerBound {
            names.insert(chunks[j].file, at: 0)
            wanted -= chunks[j].samples
            j -= 1
        }
        wanted = halo.after
        j = index + 1
        while wanted > 0 && j < segment.upperBound {
            names.append(chunks[j].file)
            wanted -= chunks[j].samples
            j += 1
        }
        return names
    }

    /// Done chunks whose halo would read other chunks now than when they were processed: a file arrived after
    /// them, and they were processed as if a gap were there. They are processed again (the log and run.json say
    /// so). Chunks journalled with what they read are compared with that (also after a restart); older ones,
    /// covered by the journal's watermark only, are found from the chunks just added (`new`).
    private func redoBesideLateChunks(new: [Int] = [], timeline: ChunkTimeline) {
        guard let halo, halo.before > 0 || halo.after > 0 else { return }
        var stale: [(chunk: Int, late: [String])] = []
        // A chunk near the start of a pruned window would seem to read less than it did (its neighbours before it
        // are on disk only): it is compared once the window is widened to it (a late file beside it).
        let firstComparable = index.windowStartNs == nil ? 0 : index.margin / 2
        for (file, read) in journal.state.reads {
            guard let i = chunkIndex[file], i >= firstComparable else { continue }
            let now = haloReads(of: i, timeline: timeline)
            if now != read { stale.append((i, now.filter { !read.contains($0) })) }
        }
        let newFiles = Set(new.map { chunks[$0].file })
        for n in new {
            for j in haloReads(of: n, timeline: timeline).compactMap({ chunkIndex[$0] })
            where !newFiles.contains(chunks[j].file) && journal.state.isDone(chunks[j])
                && journal.state.reads[chunks[j].file] == nil
                && haloReads(of: j, timeline: timeline).contains(chunks[n].file) {
                stale.append((j, [chunks[n].file]))
            }
        }
        for (i, lateChunks) in stale where journal.state.isDone(chunks[i]) {
            let chunk = chunks[i]
            journal.markStale(chunk.file)
            let files = Set(lateChunks.compactMap { chunkIndex[$0].flatMap { chunks[$0].source } }).sorted()
            let file = files.isEmpty ? "a file" : files.joined(separator: ", ")
            redoneCount += 1
            redone.append(LiveReport.Redo(chunk: chunk.file, lateFile: file, at: UTCTime.iso8601(WallClock.nowNs)))
            if redone.count > LiveReport.keptFailures { redone.removeFirst(redone.count - LiveReport.keptFailures) }
            say("late file \(file): chunk \(chunk.file) was processed before it arrived (its halo stopped at a gap "
                + "that is no longer there); processing it again")
            needsDispatch = true
        }
    }

    /// The journal lines of finished chunks are written together: once 64 are waiting, or the oldest has waited
    /// 50 ms (`force`: now). Their outputs are durable already (the worker answered after its commit); a line a
    /// crash loses only makes its chunk run again.
    private func flushJournal(nowNs: Int64, force: Bool = false) {
        guard journal.unwrittenLines > 0 else { return }
        guard force || journal.unwrittenLines >= 64
              || Double(nowNs - (journal.pendingSinceNs ?? nowNs)) / 1e9 >= 0.05 else { return }
        do {
            try journal.flush()
        } catch {
            note(task: LiveJournal.path, error: "could not be written (tried again; the chunks run again after a "
                 + "restart if it stays so): \(error)")
        }
    }

    private func provisionalDue(nowNs: Int64) -> Bool {
        guard let after = run.options.provisionalAfterSeconds, waitingForNeighbour > 0 else { return false }
        return Double(nowNs - lastArrivalNs) / 1e9 >= after
    }

    /// Hands the pool every chunk that can be processed: one whose neighbours within the graph's time halo are in
    /// the store. A missing neighbour counts as a gap in the record (the halo stops there, as in a batch run) only
    /// when no file is being ingested that might fill it: files finish ingesting in any order on several workers.
    /// The newest chunk waits for the chunk after it (unless the graph reads nothing after) — or, once no file has
    /// come for `provisionalAfterSeconds` (or the watch ends idle), is processed provisionally and again later.
    private func dispatchChunks(_ feed: TaskFeed, nowNs: Int64, endingIdle: Bool = false) async {
        guard let halo, fatal == nil else { return }
        let provisionalNow = endingIdle || provisionalDue(nowNs: nowNs)
        // Files being ingested may fill any gap. A file still settling (seen, not yet complete) may too, unless
        // its name sorts after the chunk's own file: interrogators name files by time, and a file that is still
        // being written at the head of the record must not hold back a chunk at the store's start or at a gap.
        let busy = !ingesting.isEmpty || !newRecords.isEmpty
        let settlingNames = tracker.settlingPaths
        func mayPrecede(_ chunk: ChunkRecord) -> Bool {
            busy || settlingNames.contains { $0 < (chunk.source ?? "") }
        }
        let timeline = ChunkTimeline(chunks: chunks, samplingRateHz: samplingRateHz)
        if lateCheckDue {
            lateCheckDue = false
            redoBesideLateChunks(timeline: timeline)
        }
        var ready: [String] = []
        var tasks: [String] = []
        waitingForNeighbour = 0
        for (i, chunk) in chunks.enumerated() {
            let file = chunk.file
            guard !journal.state.isDone(chunk), !queuedFinal.contains(file), !queuedProvisional.contains(file),
                  !failedChunks.contains(file) else { continue }
            let segment = timeline.segment(of: i)
            let hasBefore = halo.before == 0 || i > segment.lowerBound || !mayPrecede(chunk)
            let isNewest = i == chunks.count - 1
            let hasAfter = halo.after == 0 || i < segment.upperBound - 1 || (!isNewest && !mayPrecede(chunks[i + 1]))
            if hasBefore && hasAfter {
                queuedFinal.insert(file)
                dispatchedReads[file] = haloReads(of: i, timeline: timeline)
                ready.append(file)
            } else if hasBefore && isNewest && !busy && provisionalNow && !journal.state.provisional.contains(file) {
                queuedProvisional.insert(file)
                tasks.append(LiveTask.process(chunks: [file], storeChunks: index.totalChunks, provisional: true).id)
            } else {
                waitingForNeighbour += 1
            }
        }
        tasks += LiveBatching.batches(ready, workers: run.pool.options.workers).map {
            LiveTask.process(chunks: $0, storeChunks: index.totalChunks, provisional: false).id
        }
        if !tasks.isEmpty { await feed.add(tasks) }
    }

    /// Journals the chunks of one answered task and counts them (latency from each one's file's arrival).
    private func finishChunks(_ files: [String], attempt: TaskAttempt, provisional: Bool) {
        var done: [(dataSeconds: Double, latency: Double?)] = []
        for file in files {
            if provisional { queuedProvisional.remove(file) } else { queuedFinal.remove(file) }
            guard let index = chunkIndex[file] else { continue }
            let chunk = chunks[index]
            do {
                try journal.recordChunk(chunk, provisional: provisional,
                                        reads: dispatchedReads.removeValue(forKey: file) ?? [], deferred: true)
            } catch {
                note(task: file, error: "processed, but could not be journalled (it runs again after a restart): \(error)")
            }
            done.append((Double(chunk.samples) / max(samplingRateHz, 1e-9),
                         chunkArrival[file].map { Double(attempt.endNs - $0) / 1e9 }))
            if !provisional { chunkArrival[file] = nil }
        }
        lastOutputNs = max(lastOutputNs ?? attempt.endNs, attempt.endNs)
        stats.processed(attempt, chunks: done, provisional: provisional)
    }

    private func isIdleToExit(_ feed: TaskFeed, nowNs: Int64) async -> Bool {
        guard let idle = run.options.exitWhenIdleSeconds,
              Double(nowNs - lastArrivalNs) / 1e9 >= idle, tracker.settling == 0, ingesting.isEmpty,
              newRecords.isEmpty, queuedFinal.isEmpty, queuedProvisional.isEmpty else { return false }
        let backlog = await feed.backlog
        guard backlog.pending == 0 && backlog.inFlight == 0 else { return false }
        // The record ends here for now: the newest chunk is processed without a neighbour, marked provisional.
        if waitingForNeighbour > 0 {
            await dispatchChunks(feed, nowNs: nowNs, endingIdle: true)
            if !queuedProvisional.isEmpty { return false }
        }
        return true
    }

    // MARK: reports

    /// Seconds the oldest unfinished file or queued chunk has waited since it arrived.
    private func lagSeconds(nowNs: Int64) -> Double {
        let oldestFile = ingesting.values.map(\.arrivedNs).min()
        let oldestChunk = queuedFinal.union(queuedProvisional).compactMap { chunkArrival[$0] }.min()
        guard let oldest = [oldestFile, oldestChunk].compactMap({ $0 }).min() else { return 0 }
        return max(0, Double(nowNs - oldest) / 1e9)
    }

    /// Writes run.json, timeline.svg and the growing products (each atomically), compacts the journal when it has
    /// grown, and returns the report.
    @discardableResult
    func writeReport(backlog: (pending: Int, inFlight: Int), final: Bool = false) -> LiveReport {
        let now = WallClock.nowNs
        flushJournal(nowNs: now, force: true)
        pruneWindow()
        for (name, error) in updateProducts(final: final) {
            if let error { note(task: name, error: "could not be updated: \(error)") } else {
                productTimes[name] = UTCTime.iso8601(now)
                LiveReport.keepNewestProducts(&productTimes)
            }
        }
        let lag = lagSeconds(nowNs: now)
        let report = LiveReport(
            fingerprint: run.fingerprint, version: DistSwiftVersion.current, startedAt: UTCTime.iso8601(startedNs),
            updatedAt: UTCTime.iso8601(now), updatedAtNs: now, input: run.config.input.address(of: ""),
            store: store.address(of: ""), watching: watching, workers: run.pool.options.workers,
            files: .init(ingested: index.filesIngested, rejected: rejected, waiting: ingesting.count,
                         settling: tracker.settling),
            // Every chunk before the window is done (the window keeps every chunk that is not).
            chunks: .init(processed: index.totalChunks - chunks.filter { !journal.state.isDone($0) }.count,
                          provisional: journal.state.provisional.count, redone: redoneCount,
                          failed: failedChunks.count,
                          queued: queuedFinal.count + queuedProvisional.count, waitingForNeighbour: waitingForNeighbour),
            latency: .init(medianSeconds: stats.latency(quantile: 0.5), p99Seconds: stats.latency(quantile: 0.99),
                           lastSeconds: stats.lastLatency,
                           window: min(stats.chunksProcessed + stats.provisionalProcessed, LiveStatistics.latencyWindow)),
            realTimeFactor: stats.realTimeFactor(nowNs: now),
            capacityRealTimeFactor: stats.capacity(workers: run.pool.options.workers),
            dataSecondsProcessed: stats.dataSecondsProcessed, firstArrivalNs: firstArrivalNs,
            lastOutputNs: lastOutputNs, lagSeconds: lag,
            behind: lag > run.options.behindAfterSeconds, workerActivity: stats.workerActivity(nowNs: now),
            failures: failures, redone: redone, products: productTimes, journalLines: journal.lineCount,
            takenNamesHeld: taken.count, controllerMemoryBytes: ResidentMemory.bytes(), storeChunksHeld: chunks.count,
            manifestLog: index.manifestLog, manifestLogChunks: index.logChunks,
            manifestSnapshots: index.manifestCompactions)
        do {
            try report.write(to: store)
            if final || Double(now - lastTimelineNs) / 1e9 >= Self.timelineSeconds {
                lastTimelineNs = now
                try store.write(RunReport.timelineName(shard: .all),
                                bytes: Array(TimelineSVG.render(timeline(now)).utf8))
            }
            try journal.compactIfGrown(chunks: chunks)
            try index.compactManifestIfDue()
        } catch {
            say("the watch's report could not be written: \(error)")
        }
        return report
    }

    /// The growing products: rewritten in the background when chunks were processed since they were last
    /// started (at the end of the watch: at once, to the last chunk).
    private var chunksAtLastProducts = 0
    private lazy var productUpdater = LiveProductUpdater(products: run.products, results: run.stage.output)
    private func updateProducts(final: Bool) -> [(String, String?)] {
        if final { return productUpdater.updateNow() }
        let processed = stats.chunksProcessed + stats.provisionalProcessed
        if processed != chunksAtLastProducts && productUpdater.startIfIdle() { chunksAtLastProducts = processed }
        return productUpdater.takeFinished()
    }

    /// The last tries as a run report, for the rolling timeline (the batch runs' drawing, over a window).
    private func timeline(_ now: Int64) -> RunReport {
        let tries = stats.recent.suffix(LiveStatistics.recentTries)
        var fates: [String: TaskFate] = [:]
        for attempt in tries { fates[attempt.id] = attempt.status == .ok ? .ok : .failed }
        let outcome = RunOutcome(taskCount: fates.count, fates: fates, errors: [:], attempts: Array(tries),
                                 wasStopped: false)
        return RunReport(job: "watch", fingerprint: run.fingerprint, tasks: Array(fates.keys).sorted(), skipped: 0,
                         outcome: outcome, options: run.pool.options, shard: .all,
                         startedAtNs: tries.first?.startNs ?? startedNs, endedAtNs: now)
    }
}
