import DistSwiftCalc
import DistSwiftIO
import DistSwiftNative
import DistSwiftTestSupport
import DistSwiftWorkers
import Foundation
import Testing

/// The compute backends: the engine's device path (run here on `HostDevice`, the CPU kernels behind the device
/// protocol) gives the CPU path's results; `--backend` resolution and its error without CUDA; and, wherever a GPU is
/// present, the CUDA kernels against the CPU's.
@Suite("Compute backends: device path, selection, CUDA vs CPU")
struct BackendTests {
    static let rate = 2000.0
    static let positions = (0..<21).map { Double($0) * 2 }
    static let input: Array2D<Double> = {
        var values = [Double](repeating: 0, count: 21 * 1500)
        for r in 0..<21 {
            for t in 0..<1500 {
                let time = Double(t) / rate
                values[r * 1500 + t] = sin(2 * .pi * (37 + Double(r)) * time) + 0.4 * sin(2 * .pi * 410 * time + Double(r))
                    + 0.2 + 0.01 * Double((t * 7919 + r * 104_729) % 200 - 100)
            }
        }
        return Array2D(rows: 21, columns: 1500, values: values)
    }()

    static let graphs: [(name: String, json: String)] = [
        ("noise log", """
            {"command_list": [{"name": "fft", "uid": 1, "in_uid": 0},
              {"name": "multiple_calcs", "uid": 2, "in_uid": 1, "func": "te_from_fft", "low_freq": [0, 50, 300],
               "high_freq": [-1, 400, -1]}]}
            """),
        ("rms with to_gpu", """
            {"command_list": [{"name": "to_gpu", "uid": 1, "in_uid": 0}, {"name": "fft", "uid": 2, "in_uid": 1},
              {"name": "rms_from_fft", "uid": 3, "in_uid": 2, "low_freq": 20, "high_freq": 500},
              {"name": "from_gpu", "uid": 4, "in_uid": 3}]}
            """),
        ("thumbnail filters", """
            {"command_list": [{"name": "butter", "uid": 1, "in_uid": 0, "type": "lowpass", "freq": 200},
              {"name": "butter", "uid": 2, "in_uid": 1, "type": "highpass", "freq": 5, "padtype": "odd"}]}
            """),
        ("abs mean std", """
            {"command_list": [{"name": "butter", "uid": 1, "in_uid": 0, "type": "bandpass", "freq": [10, 300]},
              {"name": "abs", "uid": 2, "in_uid": 1}, {"name": "mean", "uid": 3, "in_uid": 2},
              {"name": "std_dev", "uid": 4, "in_uid": 1}, {"name": "sum", "uid": 5, "in_uid": 3, "axis": 0},
              {"name": "fft", "uid": 6, "in_uid": 1},
              {"name": "te_from_fft", "uid": 7, "in_uid": 6, "low_freq": 0, "high_freq": -1}]}
            """),
        ("abs then mean", """
            {"command_list": [{"name": "butter", "uid": 1, "in_uid": 0, "type": "bandpass", "freq": [10, 300]},
              {"name": "abs", "uid": 2, "in_uid": 1}, {"name": "mean", "uid": 3, "in_uid": 2}]}
            """),
        ("std_dev", """
            {"command_list": [{"name": "butter", "uid": 1, "in_uid": 0, "type": "highpass", "freq": 30},
              {"name": "std_dev", "uid": 2, "in_uid": 1}]}
            """),
        ("abs of spectrum, ifft", """
            {"command_list": [{"name": "fft", "uid": 1, "in_uid": 0}, {"name": "ifft", "uid": 2, "in_uid": 1},
              {"name": "real", "uid": 3, "in_uid": 2}, {"name": "fft", "uid": 4, "in_uid": 3},
              {"name": "abs", "uid": 5, "in_uid": 4}]}
            """),
    ]

    private func harness() throws -> (GraphHarness, TemporaryFolder) {
        let folder = try TemporaryFolder()
        return (GraphHarness(rate: Self.rate, positions: Self.positions, results: try LocalStorage(root: folder.path)),
                folder)
    }

    @Test("a graph on the device path (HostDevice) gives the CPU path's results, in blocks and whole, both precisions",
          arguments: [ComputePrecision.float32, .float64])
    func devicePathMatchesCPU(precision: ComputePrecision) throws {
        let (harness, folder) = try harness()
        defer { _ = folder }
        for (name, json) in Self.graphs {
            for box in [nil, 8] as [Int?] {
                let cpu = try harness.run(json, input: Self.input, box: box, precision: precision).canonical()
                let device = try harness.run(json, input: Self.input, box: box, precision: precision,
                                             backend: HostDevice()).canonical()
                let error = BackendComparison.relativeError(device, cpu)
                // float32: the device path keeps filtered values in float32 where the CPU path widens to float64.
                #expect(error <= (precision == .float32 ? 1e-6 : 1e-12), "\(name), box \(box.map(String.init) ?? "none"): \(error)")
            }
        }
    }

    @Test("a command without a device kernel gets its input copied to the host, and the copy is noted")
    func transfersAreNoted() throws {
        let (harness, folder) = try harness()
        defer { _ = folder }
        let json = """
            {"command_list": [{"name": "butter", "uid": 1, "in_uid": 0, "type": "lowpass", "freq": 200},
              {"name": "diff", "uid": 2, "in_uid": 1}]}
            """
        let device = try harness.runTimed(json, input: Self.input, backend: HostDevice())
        #expect(device.timing.transfers.contains { $0.contains("uid 2 diff") && $0.contains("to the host") },
                "\(device.timing.transfers)")
        let cpu = try harness.runTimed(json, input: Self.input)
        #expect(cpu.timing.transfers.isEmpty)
        #expect(BackendComparison.relativeError(device.output.canonical(), cpu.output.canonical()) <= 1e-12)
    }

    @Test("HostDevice's kernels agree with themselves through BackendComparison (the harness the GPU check uses)")
    func comparisonHarness() throws {
        let results = try BackendComparison(rows: 5, samples: 300).run(HostDevice(), against: HostDevice())
        #expect(results.count == 30)
        #expect(results.allSatisfy { $0.relativeError == 0 }, "\(results.filter { $0.relativeError != 0 })")
    }

    /// An environment in which no CUDA library can be found: the search path is an empty folder, and the loader's
    /// own search finds nothing on a machine without CUDA.
    private static func noCUDAEnvironment(_ folder: TemporaryFolder) -> [String: String] {
        ["DISTSWIFT_CUDA_LIBRARY_PATH": folder.path]
    }

    static let cudaProbe = BackendChoice.probeCUDA(environment: ProcessInfo.processInfo.environment)
    static var cudaPresent: Bool { if case .success = cudaProbe { return true } else { return false } }

    @Test("--backend cpu gives the CPU backend; auto without CUDA falls back to it and says why",
          .disabled(if: cudaPresent, "a usable CUDA GPU is present here: auto would choose it"))
    func autoFallsBack() throws {
        let folder = try TemporaryFolder()
        var notes: [String] = []
        let cpu = try BackendChoice.cpu.make(cpu: CPUBackend(), gpus: nil, slot: 0, workersPerGPU: 1,
                                             environment: Self.noCUDAEnvironment(folder), note: { notes.append($0) })
        #expect(cpu.name == "cpu" && cpu.device == nil && notes.isEmpty)
        let auto = try BackendChoice.auto.make(cpu: CPUBackend(), gpus: nil, slot: 0, workersPerGPU: 1,
                                               environment: Self.noCUDAEnvironment(folder), note: { notes.append($0) })
        #expect(auto.name == "cpu")
        #expect(notes.count == 1 && notes[0].contains("computing on the CPU") && notes[0].contains("libcuda.so.1"))
    }

    @Test("--backend cuda without a usable GPU is an error naming the libraries and folders looked in",
          .disabled(if: cudaPresent, "a usable CUDA GPU is present here"))
    func cudaUnavailableError() throws {
        let folder = try TemporaryFolder()
        let error = #expect(throws: CUDAUnavailable.self) {
            _ = try BackendChoice.cuda.make(cpu: CPUBackend(), gpus: nil, slot: 0, workersPerGPU: 1,
                                            environment: Self.noCUDAEnvironment(folder), note: { _ in })
        }
        let text = error.map { "\($0)" } ?? ""
        #expect(text.contains("libcuda.so.1"))
        #expect(text.contains(folder.path + "/libcuda.so.1"))
        #expect(text.contains("DISTSWIFT_CUDA_LIBRARY_PATH") && text.contains("--backend cpu"))
    }

    @Test("job specs carry the backend; specs without it decode as the CPU")
    func settingsCarryBackend() throws {
        let settings = ProcessSettings(fftPlanning: .estimate, precision: .float32, backend: .cuda, gpus: [0, 2],
                                       workersPerGPU: 3)
        let decoded = try JSONDecoder().decode(ProcessSettings.self, from: try JSONEncoder().encode(settings))
        #expect(decoded == settings)
        let old = try JSONDecoder().decode(ProcessSettings.self,
                                           from: Data(#"{"fftPlanning":"estimate","precision":"float64"}"#.utf8))
        #expect(old.backend == .cpu && old.gpus == nil && old.workersPerGPU == 1)
    }

    @Test("describe marks which commands have a device kernel")
    func placementIsDescribed() throws {
        let (harness, folder) = try harness()
        defer { _ = folder }
        let plan = try harness.plan(Self.graphs[3].json)
        let lines = GraphDescription.contextLines(plan)
        #expect(lines[0].hasSuffix("GPU: device kernel"))  // butter along time
        #expect(lines[4].contains("GPU: runs on the CPU"))  // sum along channels
        #expect(DevicePlacement.of(plan.nodes[0].command) == .device)
    }

    static let nvrtcProbe = Result { try NVRTC(search: CUDALibrarySearch(environment: ProcessInfo.processInfo.environment)) }
    static var nvrtcPresent: Bool { (try? nvrtcProbe.get()) != nil }

    @Test("NVRTC compiles the CUDA kernels for Hopper and Ampere (no GPU needed)",
          .enabled(if: nvrtcPresent, "libnvrtc not found (DISTSWIFT_CUDA_LIBRARY_PATH names its folder)"))
    func kernelsCompile() throws {
        for (major, minor) in [(9, 0), (8, 0)] {
            let bytes = try CUDABackend.compileKernels(environment: ProcessInfo.processInfo.environment,
                                                       major: major, minor: minor)
            #expect(bytes > 1000)
        }
    }

    @Test("CUDA kernels equal the CPU's: 1e-5 (float32), 1e-12 (float64)",
          .enabled(if: cudaPresent, "no usable CUDA GPU here (\(cudaProbe)); the device script runs this check"))
    func cudaMatchesCPU() throws {
        let cuda = try CUDABackend(ordinal: 0, budgetBytes: nil, environment: ProcessInfo.processInfo.environment)
        let results = try BackendComparison().run(cuda, against: HostDevice())
        for r in results {
            #expect(r.passed, "\(r.kernel) \(r.precision): \(r.relativeError) > \(r.tolerance)")
        }
    }
}
