import ArgumentParser
import DistSwiftControllers
import DistSwiftIO
import Foundation

/// Where `ingest` and `process` run their tasks: the local worker pool (default), or a Slurm cluster as job arrays
/// with its sbatch options (docs/cluster.md).
struct EngineArguments: ParsableArguments {
    enum Engine: String, ExpressibleByArgument, CaseIterable {
        case local, slurm
    }

    @Option(help: "Where the tasks run: local (a pool of worker processes here) or slurm (job arrays; see docs/cluster.md).")
    var engine: Engine = .local

    @Option(help: "Slurm partition (sbatch --partition).")
    var partition: String?

    @Option(help: "Slurm account (sbatch --account).")
    var account: String?

    @Option(help: "Time limit of each array task (sbatch --time, e.g. 30, 2:00:00).")
    var time: String?

    @Option(help: "Memory of each array task (sbatch --mem, e.g. 4G).")
    var mem: String?

    @Option(help: "Run at most this many array tasks at once (sbatch --array=…%K).")
    var maxParallel: Int?

    @Option(parsing: .unconditionalSingleValue,
            help: "An option passed to sbatch as it is, e.g. --sbatch-option --qos=long (repeatable; wins over distswift's own).")
    var sbatchOption: [String] = []

    @Option(help: "Tasks per array task (default: 1, or as many as it takes to fit the cluster's MaxArraySize).")
    var tasksPerArrayTask: Int?

    @Option(help: "Seconds between looks at the Slurm queue and the result records while following a run.")
    var pollSeconds = SlurmOptions.defaultPollSeconds

    @Flag(help: "Submit to Slurm and return at once with the job id; `distswift status RESULTS` reports on it later.")
    var detach = false

    func validate() throws {
        if engine != .slurm {
            let given: [(String, Bool)] = [
                ("--partition", partition != nil), ("--account", account != nil), ("--time", time != nil),
                ("--mem", mem != nil), ("--max-parallel", maxParallel != nil), ("--sbatch-option", !sbatchOption.isEmpty),
                ("--tasks-per-array-task", tasksPerArrayTask != nil), ("--detach", detach),
            ]
            if let (name, _) = given.first(where: \.1) {
                throw ValidationError("\(name) is an option of --engine slurm; add --engine slurm, or leave it out")
            }
        }
        if let maxParallel, maxParallel < 1 { throw ValidationError("--max-parallel must be at least 1") }
        if let tasksPerArrayTask, tasksPerArrayTask < 1 { throw ValidationError("--tasks-per-array-task must be at least 1") }
        guard pollSeconds > 0 else { throw ValidationError("--poll-seconds must be greater than 0") }
    }

    var slurmOptions: SlurmOptions {
        SlurmOptions(partition: partition, account: account, time: time, memory: mem, maxParallel: maxParallel,
                     sbatchOptions: sbatchOption, tasksPerArrayTask: tasksPerArrayTask, pollSeconds: pollSeconds)
    }
}

/// `--detach`: submits the run and prints what was submitted (with `--quiet`, only the job ids, for scripts).
func submitDetached(_ controller: JobController, _ job: some DistributedJob, quiet: Bool) async throws {
    let detached = try await reportingErrors { try await controller.submit(job) }
    guard let submission = detached.submission else {
        if !quiet {
            say(detached.skipped.isEmpty ? "nothing to submit: no \(job.taskNoun) to run"
                : "nothing to submit: all \(detached.skipped.count) \(job.taskNoun) were finished by earlier runs")
        }
        return
    }
    say(quiet ? submission.jobIDs.joined(separator: ",") : submission.summary)
}
