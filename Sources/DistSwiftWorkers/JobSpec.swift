import DistSwiftIO
import Foundation

/// The job a worker serves, made once by the controller and handed to every worker (and, through an array run's
/// manifest, to every array task) as one JSON argument: which system config, which kind of work with its settings,
/// and the fingerprint the controller journals finished tasks under. Workers decode it instead of re-declaring the
/// controller's options, and refuse it when what they load no longer has that fingerprint (`load`).
public struct JobSpec: Codable, Sendable, Equatable {
    public enum Work: Codable, Sendable, Equatable {
        case process(ProcessSettings)
        case ingest(IngestSettings)
        /// `distswift watch`: ingest and process in one warm worker.
        case live(LiveSettings)
    }

    /// The system config (absolute path).
    public var systemConfig: String
    public var work: Work
    /// What decides the tasks' outputs, as the controller computed it before any task ran.
    public var fingerprint: String

    public init(systemConfig: String, work: Work, fingerprint: String) {
        self.systemConfig = systemConfig
        self.work = work
        self.fingerprint = fingerprint
    }

    /// The arguments of `distswift` that start a worker serving this job.
    public var workerArguments: [String] {
        // Encoding plain strings, numbers and enums cannot fail.
        ["worker", "--job", (try? TaskLine.encode(self)) ?? "{}"]
    }

    public static func decode(_ text: String) throws -> JobSpec {
        do {
            return try TaskLine.decode(JobSpec.self, from: text)
        } catch {
            throw ConfigError(file: "the worker's --job", key: nil, problem: "is not a job spec (\(error))",
                              fix: "workers are started by ingest and process with the spec they made; "
                                  + "check that controller and worker are the same distswift")
        }
    }

    /// Loads the job in a worker: the config, then the store and graph (process) or the ingester (ingest). Throws
    /// when the job loaded has another fingerprint than the spec's, e.g. the graph was edited after the controller
    /// started the run: its journal would otherwise record outputs of the edited graph as the original's.
    public func load(faults: WriteFaults? = nil) throws -> any WorkerJob {
        let config = try SystemConfig.load(path: systemConfig, faults: faults)
        switch work {
        case .process(let settings):
            let job = try ProcessJob(config: config, fftPlanning: settings.fftPlanning, precision: settings.precision,
                                     backend: BackendSetting(settings), stateScan: settings.stateScan)
            let loaded = try job.fingerprint()
            guard loaded == fingerprint else {
                throw ConfigError(
                    file: job.plan.file, key: nil,
                    problem: "(the graph, or a graph it includes) changed after this run started (fingerprint "
                        + "\(loaded), the run's \(fingerprint)): the job is refused, its journal would count the "
                        + "edited graph's outputs as the original's",
                    fix: "restore the graph as it was, or run process again (it redoes the chunks with the edited "
                        + "graph; --force redoes every chunk)")
            }
            return job
        case .ingest(let settings):
            guard settings.fingerprint == fingerprint else {
                throw ConfigError(file: systemConfig, key: nil,
                                  problem: "ingest settings with fingerprint \(settings.fingerprint), the run's "
                                      + "\(fingerprint)",
                                  fix: "run ingest again")
            }
            return IngestJob(config: config, settings: settings)
        case .live(let settings):
            let loaded = try settings.fingerprint()
            guard loaded == fingerprint else {
                throw ConfigError(file: settings.graph, key: nil,
                                  problem: "changed after this watch started (fingerprint \(loaded), the watch's "
                                      + "\(fingerprint)): its journal would count the edited graph's outputs as "
                                      + "the original's",
                                  fix: "restore the graph, or stop the watch and start it again")
            }
            return LiveJob(config: config, settings: settings)
        }
    }
}
