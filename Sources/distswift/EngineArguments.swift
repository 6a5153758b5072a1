import ArgumentParser
import DistSwiftControllers
import DistSwiftIO
import Foundation

/// Where `ingest` and `process` run their tasks: the local worker pool (default), or a batch system as job arrays
/// (Slurm; docs/cluster.md), with each engine's options in a group of their own.
struct EngineArguments: ParsableArguments {
    enum Engine: String, ExpressibleByArgument, CaseIterable {
        case local, slurm
    }

    @Option(help: "Where the tasks run: local (a pool of worker processes here) or slurm (job arrays; see docs/cluster.md).")
    var engine: Engine = .local

    @OptionGroup(title: "Job arrays (Slurm)")
    var arrays: ArrayRunArguments

    @OptionGroup(title: "Slurm sbatch options")
    var slurm: SlurmArguments

    func validate() throws {
        if engine != .slurm {
            // Named in the order of the help before the options were grouped.
            let order = ["--partition", "--account", "--time", "--mem", "--max-parallel", "--sbatch-option",
                         "--tasks-per-array-task", "--detach"]
            let given = Set(arrays.given + slurm.given)
            if let name = order.first(where: given.contains) {
                throw ValidationError("\(name) is an option of --engine slurm; add --engine slurm, or leave it out")
            }
        }
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
