/// What `--engine slurm` gives sbatch: the usual resources and the user's own sbatch options. How tasks are cut
/// into array tasks and followed is the batch layer's (`ArrayRunOptions`).
public struct SlurmOptions: Sendable, Equatable {
    public var partition: String?
    public var account: String?
    /// sbatch's --time, per array task (e.g. "30", "2:00:00", "1-00:00:00").
    public var time: String?
    /// sbatch's --mem, per array task (e.g. "4G").
    public var memory: String?
    /// Passed to sbatch as they are, after distswift's own options (so they win).
    public var sbatchOptions: [String]

    public init(partition: String? = nil, account: String? = nil, time: String? = nil, memory: String? = nil,
                sbatchOptions: [String] = []) {
        self.partition = partition
        self.account = account
        self.time = time
        self.memory = memory
        self.sbatchOptions = sbatchOptions
    }
}
