import Foundation
import Subprocess
import SystemPackage

/// Runs one of Slurm's client commands (sbatch, squeue, scontrol, scancel) as a subprocess and collects what it
/// printed. distswift never links libslurm: the commands are Slurm's stable interface, and they read `SLURM_CONF`
/// and the user's Slurm environment themselves, which the subprocess inherits.
public struct SlurmClient: Sendable {
    /// What a command gave. `status` is nil when it was killed by a signal.
    public struct Output: Sendable {
        public var status: Int32?
        public var standardOutput: String
        public var standardError: String
        public var succeeded: Bool { status == 0 }

        /// Its error output on one line, for messages.
        public var errorText: String {
            let text = standardError.split(whereSeparator: \.isNewline).joined(separator: " ")
            return text.isEmpty ? "no message" : text
        }
    }

    /// The `PATH` searched; the process's own by default.
    public let searchPath: String

    public init(searchPath: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") {
        self.searchPath = searchPath
    }

    /// The full path of `name` on the search path, nil when it is not there.
    public func locate(_ name: String) -> String? {
        for folder in searchPath.split(separator: ":") where !folder.isEmpty {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Throws the message a user needs when Slurm's commands are not there.
    public func requireSlurm() throws {
        guard locate("sbatch") == nil else { return }
        throw EngineError(problem: "--engine slurm needs Slurm's sbatch on PATH, and it is not there (PATH=\(searchPath))",
                          fix: "run distswift on a login node of the cluster (or `module load slurm`), or install "
                              + "slurm-client and point SLURM_CONF at the cluster's slurm.conf; see docs/cluster.md")
    }

    /// Runs `name` with `arguments`, writing `input` to its standard input.
    public func run(_ name: String, _ arguments: [String], input: String = "") async throws -> Output {
        guard let path = locate(name) else {
            throw EngineError(problem: "Slurm's \(name) is not on PATH (PATH=\(searchPath))",
                              fix: "run where the Slurm client commands are installed; see docs/cluster.md")
        }
        let limit = 16 << 20
        let result = try await Subprocess.run(
            .path(FilePath(path)), arguments: Arguments(arguments), input: .string(input),
            output: .string(limit: limit), error: .string(limit: limit))
        let status: Int32? = switch result.terminationStatus {
        case .exited(let code): code
        case .signaled: nil
        }
        return Output(status: status, standardOutput: result.standardOutput,
                      standardError: result.standardError)
    }
}
