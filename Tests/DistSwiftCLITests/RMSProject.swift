import DistSwiftTestSupport
import Foundation
import Testing

/// The project the pool and Slurm tests run: a synthetic store of 6 one-second chunks of 16 channels and a small
/// graph (fft → rms_from_fft → write_npy), with the results under `results/`. Commands run with `environment`.
struct RMSProject {
    let folder: TemporaryFolder
    let config: String
    let environment: [String: String]
    var results: String { folder.file("results") }
    var journal: String { results + "/.distswift/journal.jsonl" }
    static let chunks = (0..<6).map { "\(1_704_067_200 + $0).npy" }

    init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        folder = try TemporaryFolder("distswift-rms-project")
        self.environment = environment
        let synth = try distswift("synth", "--store", folder.file("store"), "--channels", "16", "--rate", "1000",
                                  "--seconds", "6")
        #expect(synth.status == 0, "\(synth.stderr)")
        _ = try folder.write("graph.json", """
            {"document": 0, "name": "rms", "description": "pool and Slurm tests",
             "command_list": [
              {"name": "fft", "uid": 1, "in_uid": 0},
              {"name": "rms_from_fft", "uid": 2, "in_uid": 1, "low_freq": 0, "high_freq": -1},
              {"name": "write_npy", "uid": 3, "in_uid": 2, "directory_out": "rms"}
             ]}
            """)
        config = try folder.write("system.json",
                                  #"{"in_directory": "store", "out_directory": "results", "config": "graph.json"}"#)
    }

    func process(_ arguments: String..., faults: [String: String] = [:]) throws -> PythonReference.Result {
        try runProcess(TestPaths.distswiftBinary, ["process", config, "--fft-planning", "estimate"] + arguments,
                       environment: environment.merging(faults) { $1 })
    }

    /// Every output file by name (the chunk outputs and the axis file), as bytes.
    func outputs() throws -> [String: Data] {
        let folder = results + "/rms"
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where !name.hasPrefix(".") {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
        }
        return files
    }
}
