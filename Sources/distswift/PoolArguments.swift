import ArgumentParser
import DistSwiftControllers
import DistSwiftIO
import DistSwiftNative
import DistSwiftWorkers
import Foundation

/// The options `ingest` and `process` share: how the worker pool runs, which tasks a run takes, what it prints,
/// and where the tasks run (the engine).
struct PoolArguments: ParsableArguments {
    @Option(help: "Worker processes (default: the config's ncpu when parallel_flag is 1, else 1; with --engine slurm, per array task, default 1).")
    var workers: Int?

    @Option(help: "Tasks in flight per worker (default: chosen from the task count, the workers and the measured task time).")
    var batch: Int?

    @Option(help: "Replace a worker by a fresh process after this many tasks.")
    var maxTasksPerWorker = PoolOptions.defaultMaxTasksPerWorker

    @Option(help: "Seconds a task may run before its worker is killed and the task retried (default: no limit).")
    var taskTimeout: Double?

    @Option(help: "Further tries for a task that fails, crashes its worker or times out.")
    var retries = PoolOptions.defaultRetries

    @Flag(help: "Run only the tasks that the last run report (run.json) marks failed.")
    var retryFailed = false

    @Option(help: "Run only shard i of n (0-based) of the task list, e.g. 0/4: n machines with 0/n … (n-1)/n cover every task once.")
    var shard: String?

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    @OptionGroup var engine: EngineArguments

    func validate() throws {
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
        if let batch, batch < 1 { throw ValidationError("--batch must be at least 1") }
        guard maxTasksPerWorker >= 1 else { throw ValidationError("--max-tasks-per-worker must be at least 1") }
        if let taskTimeout, taskTimeout <= 0 { throw ValidationError("--task-timeout must be greater than 0") }
        guard retries >= 0 else { throw ValidationError("--retries must be 0 or more") }
        if let shard, Shard(parsing: shard) == nil {
            throw ValidationError("--shard must be i/n with 0 ≤ i < n, e.g. 0/4 (got '\(shard)')")
        }
    }

    var parsedShard: Shard { shard.flatMap(Shard.init(parsing:)) ?? .all }

    func controller(config: SystemConfig, spec: JobSpec, force: Bool) -> JobController {
        let style: ProgressDisplay.Style = quiet ? .quiet : Terminal.standardOutputIsTerminal ? .bar : .lines
        let selection = TaskSelection(shard: parsedShard, retryFailed: retryFailed, force: force)
        switch engine.engine {
        case .local:
            let options = PoolOptions(workers: PoolOptions.workerCount(requested: workers, config: config),
                                      tasksInFlightPerWorker: batch, maxTasksPerWorker: maxTasksPerWorker,
                                      taskTimeoutSeconds: taskTimeout, retries: retries)
            let launch = WorkerLaunch(executable: currentExecutable(), spec: spec,
                                      parentEnvironment: ProcessInfo.processInfo.environment)
            return JobController(engine: WorkerPool(launch: launch, options: options), selection: selection,
                                 progress: style)
        case .slurm:
            // Each array task is a pool of its own, of one worker unless asked (the node's CPUs are Slurm's to give).
            let options = PoolOptions(workers: workers ?? 1, tasksInFlightPerWorker: batch,
                                      maxTasksPerWorker: maxTasksPerWorker, taskTimeoutSeconds: taskTimeout,
                                      retries: retries)
            let arrays = ArrayRunEngine(system: SlurmBatchSystem(options: engine.slurm.options),
                                        options: engine.arrays.options, pool: options, executable: currentExecutable(),
                                        systemConfig: URL(fileURLWithPath: config.file).standardizedFileURL.path)
            return JobController(engine: arrays, selection: selection, progress: style)
        }
    }
}

/// This executable's path, which the pool starts again as its workers (and a cluster's nodes run).
func currentExecutable() -> String {
    let proc = URL(fileURLWithPath: "/proc/self/exe")
    if FileManager.default.fileExists(atPath: proc.path) { return proc.resolvingSymlinksInPath().path }
    return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
}

/// Prints the end of a pooled run that both jobs share: failures, unrecorded successes, the summary, and the
/// exit status for Ctrl-C.
func reportPoolRun(_ run: JobController.Run, noun: String, quiet: Bool) throws {
    for id in run.failed {
        let error = run.outcome.errors[id] ?? "failed"
        printError(error.contains(id) ? error : "\(id): \(error)")
    }
    for (id, error) in run.unrecorded.sorted(by: { $0.key < $1.key }) {
        printError("\(id) finished but could not be journalled (it will run again next time): \(error)")
    }
    if let error = run.reportError { printError("the run report could not be written: \(error)") }
    if !quiet { for line in run.report.summary(reportPath: run.reportPath) { say(line) } }
    if run.wasInterrupted && run.report.nodes != nil {
        let folder = (run.reportPath as NSString).deletingLastPathComponent
        printError("stopped following by Ctrl-C: \(run.succeeded.count) of \(run.tasks.count) \(noun) had finished; "
                   + "\(run.report.engine ?? "the cluster job") keeps running: `distswift status \(folder)` reports on it")
        throw ExitCode(130)
    }
    if run.wasInterrupted {
        printError("stopped by Ctrl-C: \(run.succeeded.count) of \(run.tasks.count) \(noun) finished and kept; "
                   + "run the same command again to do the rest")
        throw ExitCode(130)
    }
}
