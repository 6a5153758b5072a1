import Foundation

/// The cluster's limits that decide how a run is submitted, from `scontrol show config`.
public struct SlurmClusterLimits: Sendable, Equatable {
    /// Array indices must be below this (Slurm's default is 1001).
    public var maxArraySize: Int

    public static let slurmDefault = SlurmClusterLimits(maxArraySize: 1001)

    public init(maxArraySize: Int) {
        self.maxArraySize = maxArraySize
    }

    /// Reads the limits from `scontrol show config` output ("MaxArraySize            = 1001"); Slurm's default for a
    /// limit it does not show.
    public init(scontrolConfig text: String) {
        var limits = Self.slurmDefault
        for line in text.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { continue }
            if parts[0] == "MaxArraySize", let value = Int(parts[1]), value >= 1 { limits.maxArraySize = value }
        }
        self = limits
    }

    /// Asks the cluster.
    public static func query(_ slurm: SlurmClient) async throws -> SlurmClusterLimits {
        let output = try await slurm.run("scontrol", ["show", "config"])
        guard output.succeeded else {
            throw EngineError(problem: "`scontrol show config` failed: \(output.errorText)",
                              fix: "check that the Slurm controller is reachable (`scontrol ping`) and that SLURM_CONF "
                                  + "names the cluster's slurm.conf")
        }
        return SlurmClusterLimits(scontrolConfig: output.standardOutput)
    }
}
