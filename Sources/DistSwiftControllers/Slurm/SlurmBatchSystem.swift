import DistSwiftIO
import Foundation

/// Slurm as a batch system for array runs (`--engine slurm`): `sbatch --array` submits each part of a run with a
/// `SlurmBatchScript`, `squeue` says where its jobs stand (`SlurmQueue`), `scontrol show config` gives the largest
/// array (`SlurmClusterLimits`), and an array task learns its node and name from `SLURMD_NODENAME`,
/// `SLURM_ARRAY_JOB_ID` and `SLURM_ARRAY_TASK_ID`.
public struct SlurmBatchSystem: BatchSystem {
    public static let name = "slurm"
    public static let displayName = "Slurm"
    public static let queueCommand = "squeue"

    public let options: SlurmOptions
    public let slurm: SlurmClient

    public init(options: SlurmOptions, slurm: SlurmClient = SlurmClient()) {
        self.options = options
        self.slurm = slurm
    }

    /// The cluster with no submission options, as `distswift status` and array tasks use it.
    public init() {
        self.init(options: SlurmOptions())
    }

    public static func cancelCommand(_ jobIDs: [String]) -> String {
        (["scancel"] + jobIDs).joined(separator: " ")
    }

    /// sbatch's `--output=…/slurm-%A_%a.out`.
    public static func logFileName(jobID: String, index: Int) -> String { "slurm-\(jobID)_\(index).out" }

    public static func arrayTaskIdentity(environment: [String: String]) -> ArrayTaskIdentity {
        ArrayTaskIdentity(node: environment["SLURMD_NODENAME"],
                          batchTask: environment["SLURM_ARRAY_JOB_ID"].flatMap { job in
                              environment["SLURM_ARRAY_TASK_ID"].map { "\(job)_\($0)" }
                          })
    }

    public func requireAvailable() throws { try slurm.requireSlurm() }

    public func maxArraySize() async throws -> Int { try await SlurmClusterLimits.query(slurm).maxArraySize }

    public func submit(_ part: ArrayPlan.Part, number: Int, of manifest: ArrayRunManifest, executable: String,
                       in location: any StorageLocation) async throws -> ArrayRunManifest.Submission {
        let script = SlurmBatchScript(executable: executable, systemConfig: manifest.systemConfig, manifest: manifest,
                                      part: part, options: options)
        let layout = manifest.layout
        try location.write(layout.folder + "/submission-\(number).sh", bytes: Array(script.text.utf8))
        let output = try await slurm.run("sbatch", script.arguments, input: script.text)
        guard output.succeeded, let jobID = Self.jobID(parsable: output.standardOutput) else {
            throw BatchRejection(
                submitter: "sbatch", reason: output.errorText,
                fix: "check --partition, --account, --time, --mem and --sbatch-option against the cluster "
                    + "(`sinfo`, `sacctmgr show assoc user=$USER`); the script and arguments are in "
                    + location.address(of: layout.folder))
        }
        return .init(jobID: jobID, firstSlot: part.firstSlot, slots: part.slots, arguments: script.arguments)
    }

    /// sbatch --parsable prints "JOBID" or "JOBID;CLUSTER".
    public static func jobID(parsable text: String) -> String? {
        let id = text.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        return !id.isEmpty && id.allSatisfy(\.isNumber) ? id : nil
    }

    public func cancel(_ jobIDs: [String]) async {
        guard !jobIDs.isEmpty else { return }
        _ = try? await slurm.run("scancel", jobIDs)
    }

    public func poll(_ jobIDs: [String]) async -> BatchQueueState { await SlurmQueue(slurm: slurm).poll(jobIDs) }

    public var queueUnavailableReason: String? { slurm.locate("squeue") == nil ? "squeue is not on PATH" : nil }
}
