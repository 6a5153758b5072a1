import ArgumentParser
import DistSwiftControllers

/// The options of any engine that runs job arrays on a batch system: how tasks are cut into array tasks, how many
/// run at once, how often the run is followed, and `--detach`.
struct ArrayRunArguments: ParsableArguments {
    @Option(help: "Run at most this many array tasks at once (sbatch --array=…%K).")
    var maxParallel: Int?

    @Option(help: "Tasks per array task (default: 1, or as many as it takes to fit the cluster's MaxArraySize).")
    var tasksPerArrayTask: Int?

    @Option(help: "Seconds between looks at the Slurm queue and the result records while following a run.")
    var pollSeconds = ArrayRunOptions.defaultPollSeconds

    @Flag(help: "Submit to Slurm and return at once with the job id; `distswift status RESULTS` reports on it later.")
    var detach = false

    func validate() throws {
        if let maxParallel, maxParallel < 1 { throw ValidationError("--max-parallel must be at least 1") }
        if let tasksPerArrayTask, tasksPerArrayTask < 1 { throw ValidationError("--tasks-per-array-task must be at least 1") }
        guard pollSeconds > 0 else { throw ValidationError("--poll-seconds must be greater than 0") }
    }

    /// The options given on the command line (other than their defaults), by name, in the help's order.
    var given: [String] {
        [("--max-parallel", maxParallel != nil), ("--tasks-per-array-task", tasksPerArrayTask != nil),
         ("--detach", detach)].filter(\.1).map(\.0)
    }

    var options: ArrayRunOptions {
        ArrayRunOptions(maxParallel: maxParallel, tasksPerArrayTask: tasksPerArrayTask, pollSeconds: pollSeconds)
    }
}
