import ArgumentParser
import DistSwiftCalc
import DistSwiftIO
import DistSwiftNative
import Foundation

/// `distswift backends`: which compute backends are usable here; on a GPU machine, the CUDA kernels checked
/// against the CPU's (`--check`) and timed (`--bench`).
struct BackendsSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backends",
        abstract: "Show the compute backends usable here; check and time the CUDA kernels against the CPU's.",
        discussion: """
            Without options: whether CUDA is usable (its libraries are loaded at run time; DISTSWIFT_CUDA_LIBRARY_PATH
            adds folders) and which GPUs the driver sees. --check runs every device kernel on the GPU and on the CPU
            with the same random data in both precisions and fails unless they agree to 1e-5 (float32) / 1e-12
            (float64). --bench R×S times the noise log (rfft + band energies) and the thumbnail filters (two
            zero-phase Butterworth filters) on R channels × S float32 samples, on the GPU and on one CPU core.

            Example:
              distswift backends --check --bench 1000x10000
            """)

    @Flag(help: "Compare every device kernel with the CPU's (needs a GPU).")
    var check = false

    @Option(help: "Time the kernels on CHANNELSxSAMPLES float32 data, e.g. 1000x10000 (needs a GPU).")
    var bench: String?

    @Option(help: "Timed repeats per kernel (the median is shown; the JSON also has the fastest).")
    var repeats = 20

    @Option(help: "Write the results as JSON to this file.")
    var json: String?

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        say("cpu: FFTW, OpenBLAS (always)")
        let names: [String]
        switch BackendChoice.probeCUDA(environment: environment) {
        case .success(let found):
            names = found
            say("cuda: usable, " + found.enumerated().map { "GPU \($0) \($1)" }.joined(separator: ", "))
        case .failure(let unavailable):
            say("cuda: \(unavailable)")
            if check { throw ExitCode.failure }
            if let bench {
                // No GPU: the CPU's part of the benchmark alone (one core).
                let shape = try Self.shape(bench)
                let rows = try reportingErrors { try benchmark(nil, rows: shape.rows, samples: shape.samples) }
                if let json {
                    let data = try JSONSerialization.data(withJSONObject: ["bench": rows], options: [.prettyPrinted])
                    try data.write(to: URL(fileURLWithPath: json))
                }
            }
            return
        }
        _ = names
        let cuda = try reportingErrors { try CUDABackend(ordinal: 0, budgetBytes: nil, environment: environment) }
        say("device: \(cuda.deviceDescription), \(cuda.compilerDescription)")
        var report: [String: Any] = ["device": cuda.deviceDescription, "compiler": cuda.compilerDescription]
        var failed = false
        if check {
            let results = try reportingErrors {
                try BackendComparison().run(cuda, against: HostDevice(cpu: CPUBackend(rigor: .estimate)))
            }
            for r in results {
                say("  " + "\(r.kernel) \(r.precision.rawValue)".padding(toLength: 36, withPad: " ", startingAt: 0)
                    + String(format: "%.2e (≤ %.0e) ", r.relativeError, r.tolerance) + (r.passed ? "ok" : "FAILED"))
            }
            failed = results.contains { !$0.passed }
            report["check"] = results.map { ["kernel": $0.kernel, "precision": $0.precision.rawValue,
                                             "relative_error": $0.relativeError, "passed": $0.passed] as [String: Any] }
        }
        if let bench {
            let shape = try Self.shape(bench)
            report["bench"] = try reportingErrors { try benchmark(cuda, rows: shape.rows, samples: shape.samples) }
        }
        if let json {
            let data = try JSONSerialization.data(withJSONObject: report, options: [.prettyPrinted, .sortedKeys])
            try data.write(to: URL(fileURLWithPath: json))
        }
        if failed {
            printError("the CUDA kernels disagree with the CPU's beyond tolerance")
            throw ExitCode.failure
        }
    }

    private static func shape(_ text: String) throws -> (rows: Int, samples: Int) {
        let parts = text.lowercased().split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, parts.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--bench must be CHANNELSxSAMPLES, e.g. 1000x10000")
        }
        return (parts[0], parts[1])
    }

    /// The median and the fastest seconds of `body` over `repeats` runs after one warm-up (on a shared machine the
    /// fastest run is the one least disturbed by other processes).
    private func timed(_ body: () throws -> Void) rethrows -> (median: Double, best: Double) {
        try body()
        var times: [Double] = []
        for _ in 0..<repeats {
            let start = ContinuousClock.now
            try body()
            let (s, atto) = (ContinuousClock.now - start).components
            times.append(Double(s) + Double(atto) * 1e-18)
        }
        let sorted = times.sorted()
        return (sorted[sorted.count / 2], sorted[0])
    }

    /// The benchmark on the GPU (when `cuda` is given) and on one CPU core.
    private func benchmark(_ cuda: CUDABackend?, rows: Int, samples: Int) throws -> [[String: Any]] {
        ProcessMemory.reuseChunkBuffers()  // as in a pool worker: chunk-sized buffers are reused, not re-faulted
        let rate = 10_000.0
        let x = BackendComparison(rows: rows, samples: samples, rate: rate).input(seed: 7, precision: .single)
        let gigabytes = Double(rows * samples * 4) / 1e9
        let bands = [FrequencyBand(lowHz: 0, highHz: nil), FrequencyBand(lowHz: 200, highHz: nil),
                     FrequencyBand(lowHz: 600, highHz: nil), FrequencyBand(lowHz: 1000, highHz: nil)]
        let lowpass = Butterworth.sections(order: 5, cutoffs: [200 / (rate / 2)], band: .lowpass)
        let highpass = Butterworth.sections(order: 5, cutoffs: [5 / (rate / 2)], band: .highpass)
        let host = HostDevice(cpu: CPUBackend(rigor: .estimate))
        var rowsOut: [[String: Any]] = []
        func record(_ name: String, _ where_: String, _ timing: (median: Double, best: Double)) {
            let seconds = timing.median
            say("  " + "\(name) [\(where_)]".padding(toLength: 44, withPad: " ", startingAt: 0)
                + String(format: "%9.3f ms %9.2f GB/s", seconds * 1e3, gigabytes / seconds))
            rowsOut.append(["operation": name, "where": where_, "seconds": seconds, "best_seconds": timing.best,
                            "gb_per_s": gigabytes / seconds,
                            "rows": rows, "samples": samples])
        }
        say("bench: \(rows) × \(samples) float32 (\(String(format: "%.1f", gigabytes * 1e3)) MB), median of \(repeats)")
        var backends: [(String, any DeviceBackend, DeviceArray)] = [("cpu 1 core", host, try host.upload(x))]
        if let cuda { backends.insert(("gpu", cuda, try cuda.upload(x)), at: 0) }
        for (name, device, input) in backends {
            record("noise log: rfft + 4 band energies", name + ", data resident", try timed {
                _ = try device.download(try device.bandEnergies(try device.realForwardFFT(input), bands: bands,
                                                                rate: rate, rms: false))
            })
            record("rfft", name + ", data resident", try timed {
                _ = try device.realForwardFFT(input)
                try device.synchronize()
            })
            record("thumbnail filters: 2 × butter order 5", name + ", data resident", try timed {
                let low = try device.zeroPhaseFilter(input, sections: lowpass, padType: .even)
                _ = try device.zeroPhaseFilter(low, sections: highpass, padType: .even)
                try device.synchronize()
            })
            if name == "cpu 1 core", case .singleReal(let single) = x {
                let doubles = Array2D(rows: single.rows, columns: single.columns, values: single.values.map { Double($0) })
                record("thumbnail filters: 2 × butter order 5, float64 rows", name + ", no conversions", try timed {
                    let low = try lowpass.zeroPhaseRows(doubles, padType: .even)
                    _ = try highpass.zeroPhaseRows(Array2D(rows: rows, columns: samples, values: low), padType: .even)
                })
            }
            if name == "gpu" {
                record("noise log incl. upload", name, try timed {
                    let up = try device.upload(x)
                    _ = try device.download(try device.bandEnergies(try device.realForwardFFT(up), bands: bands,
                                                                    rate: rate, rms: false))
                })
                record("thumbnail filters incl. upload + download", name, try timed {
                    let up = try device.upload(x)
                    let low = try device.zeroPhaseFilter(up, sections: lowpass, padType: .even)
                    _ = try device.download(try device.zeroPhaseFilter(low, sections: highpass, padType: .even))
                })
            }
        }
        return rowsOut
    }
}
