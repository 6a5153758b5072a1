import Foundation

/// The batch script and sbatch arguments of one submission of an array run. Every array task runs the same
/// `distswift` binary (which must be on a path every node sees) as `distswift array-task SYSTEM.json --manifest M
/// --slot S`, where S is the submission's first slot plus `SLURM_ARRAY_TASK_ID`.
public struct SlurmBatchScript: Sendable, Equatable {
    public let executable: String
    public let systemConfig: String
    public let manifest: ArrayRunManifest
    public let part: ArrayPlan.Part
    public let options: SlurmOptions

    public init(executable: String, systemConfig: String, manifest: ArrayRunManifest, part: ArrayPlan.Part,
                options: SlurmOptions) {
        self.executable = executable
        self.systemConfig = systemConfig
        self.manifest = manifest
        self.part = part
        self.options = options
    }

    /// sbatch's arguments: distswift's own first, then the user's `--sbatch-option`s, which win where they clash
    /// (sbatch takes the last of a repeated option).
    public var arguments: [String] {
        var arguments = [
            "--parsable",
            "--array=0-\(part.slots - 1)" + (part.maxParallel.map { "%\($0)" } ?? ""),
            "--job-name=distswift-\(manifest.job)",
            "--output=\(manifest.logsFolder)/slurm-%A_%a.out",
        ]
        if manifest.pool.workers > 1 { arguments.append("--cpus-per-task=\(manifest.pool.workers)") }
        if let partition = options.partition { arguments.append("--partition=\(partition)") }
        if let account = options.account { arguments.append("--account=\(account)") }
        if let time = options.time { arguments.append("--time=\(time)") }
        if let memory = options.memory { arguments.append("--mem=\(memory)") }
        return arguments + options.sbatchOptions
    }

    /// The script, given to sbatch on its standard input.
    public var text: String {
        let command = [executable, "array-task", systemConfig, "--manifest", manifest.layout.manifest].map(Self.quoted)
            .joined(separator: " ")
        return """
            #!/bin/sh
            # distswift \(manifest.job), run \(manifest.run): array task i runs slot \(part.firstSlot) + i of \
            \(manifest.layout.manifest)
            exec \(command) --slot "$((\(part.firstSlot) + SLURM_ARRAY_TASK_ID))"

            """
    }

    /// `text` as one word of a POSIX shell.
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
