import ArgumentParser
import DistSwiftControllers

/// The options of `--engine slurm` that go to sbatch.
struct SlurmArguments: ParsableArguments {
    @Option(help: "Slurm partition (sbatch --partition).")
    var partition: String?

    @Option(help: "Slurm account (sbatch --account).")
    var account: String?

    @Option(help: "Time limit of each array task (sbatch --time, e.g. 30, 2:00:00).")
    var time: String?

    @Option(help: "Memory of each array task (sbatch --mem, e.g. 4G).")
    var mem: String?

    @Option(parsing: .unconditionalSingleValue,
            help: "An option passed to sbatch as it is, e.g. --sbatch-option --qos=long (repeatable; wins over distswift's own).")
    var sbatchOption: [String] = []

    /// The options given on the command line, by name, in the help's order.
    var given: [String] {
        [("--partition", partition != nil), ("--account", account != nil), ("--time", time != nil),
         ("--mem", mem != nil), ("--sbatch-option", !sbatchOption.isEmpty)].filter(\.1).map(\.0)
    }

    var options: SlurmOptions {
        SlurmOptions(partition: partition, account: account, time: time, memory: mem, sbatchOptions: sbatchOption)
    }
}
