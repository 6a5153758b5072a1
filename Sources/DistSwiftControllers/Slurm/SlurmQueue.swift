/// What Slurm's queue says of a run's jobs, from `squeue` (not `sbatch --wait`: a follower may come and go, and
/// one poll costs the controller one RPC, not a blocked connection per job).
public struct SlurmQueue: Sendable {
    public struct ArrayTaskStates: Sendable, Equatable, CustomStringConvertible {
        public var pending = 0
        public var running = 0
        /// Completing, suspended, configuring…
        public var other = 0
        /// The reasons pending array tasks give (Resources, Priority, JobArrayTaskLimit…), sorted.
        public var pendingReasons: [String] = []

        public init() {}

        public var description: String {
            var parts: [String] = []
            if running > 0 { parts.append("\(running) running") }
            if pending > 0 {
                let reasons = pendingReasons.isEmpty ? "" : " (\(pendingReasons.joined(separator: ", ")))"
                parts.append("\(pending) pending" + reasons)
            }
            if other > 0 { parts.append("\(other) ending") }
            return parts.joined(separator: ", ")
        }
    }

    public let slurm: SlurmClient

    public init(slurm: SlurmClient) {
        self.slurm = slurm
    }

    /// Active with how many array tasks are in each state and why pending ones wait; gone when none is left (Slurm
    /// forgets finished jobs after MinJobAge); unavailable when squeue failed (the controller busy or unreachable).
    public func poll(_ jobIDs: [String]) async -> BatchQueueState {
        guard !jobIDs.isEmpty else { return .gone }
        let output: SlurmClient.Output
        do {
            output = try await slurm.run("squeue", ["--noheader", "--array", "--jobs=" + jobIDs.joined(separator: ","),
                                                    "--format=%i|%T|%r"])
        } catch {
            return .unavailable("\(error)")
        }
        // A job Slurm has already forgotten is an error of squeue's, not of the run's.
        if !output.succeeded {
            return output.standardError.contains("Invalid job id") ? .gone : .unavailable(output.errorText)
        }
        let states = Self.parse(output.standardOutput)
        return states.pending + states.running + states.other == 0 ? .gone : .active(states.description)
    }

    /// Parses `squeue --array --format=%i|%T|%r` lines ("1234_5|PENDING|Resources").
    public static func parse(_ text: String) -> ArrayTaskStates {
        var states = ArrayTaskStates()
        var reasons: Set<String> = []
        for line in text.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2 else { continue }
            switch fields[1] {
            case "PENDING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED":
                states.pending += 1
                if fields.count >= 3, !fields[2].isEmpty, fields[2] != "None" { reasons.insert(fields[2]) }
            case "RUNNING":
                states.running += 1
            case "COMPLETED", "CANCELLED", "FAILED", "TIMEOUT", "NODE_FAIL", "PREEMPTED", "BOOT_FAIL", "DEADLINE",
                 "OUT_OF_MEMORY", "SPECIAL_EXIT":
                // Ended (shown when a site's squeue defaults include finished jobs): not in the queue any more.
                continue
            default:
                states.other += 1
            }
        }
        states.pendingReasons = reasons.sorted()
        return states
    }
}
