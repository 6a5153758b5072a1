import DistSwiftCalc
import DistSwiftNative

/// The settings of `process` a worker needs besides the system config: how FFTW plans, the precision the graph
/// computes in (resolved by the controller: the store's when the user named none), and the compute backend each
/// worker makes for itself (`--backend`, `--gpus`, and how many workers share each GPU's memory).
public struct ProcessSettings: Codable, Sendable, Equatable {
    public var fftPlanning: FFTWPlanningRigor
    public var precision: ComputePrecision
    public var backend: BackendChoice
    /// GPU ordinals to use (nil: every GPU the driver sees).
    public var gpus: [Int]?
    public var workersPerGPU: Int
    /// False (`process --no-state-scan`): IIR filters along time read a halo, as `watch` does, instead of
    /// starting from the state scan's filter states.
    public var stateScan: Bool

    public init(fftPlanning: FFTWPlanningRigor, precision: ComputePrecision, backend: BackendChoice = .cpu,
                gpus: [Int]? = nil, workersPerGPU: Int = 1, stateScan: Bool = true) {
        self.stateScan = stateScan
        self.fftPlanning = fftPlanning
        self.precision = precision
        self.backend = backend
        self.gpus = gpus
        self.workersPerGPU = workersPerGPU
    }

    private enum CodingKeys: String, CodingKey { case fftPlanning, precision, backend, gpus, workersPerGPU, stateScan }

    // By raw value: the enums belong to the numeric layers, which know nothing of job specs.
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        let planning = try values.decode(String.self, forKey: .fftPlanning)
        let precision = try values.decode(String.self, forKey: .precision)
        guard let fftPlanning = FFTWPlanningRigor(rawValue: planning) else {
            throw DecodingError.dataCorruptedError(forKey: .fftPlanning, in: values,
                                                   debugDescription: "unknown FFT planning '\(planning)'")
        }
        guard let computePrecision = ComputePrecision(rawValue: precision) else {
            throw DecodingError.dataCorruptedError(forKey: .precision, in: values,
                                                   debugDescription: "unknown precision '\(precision)'")
        }
        // The backend keys are absent from specs written before backends existed: the CPU, as then.
        let backendName = try values.decodeIfPresent(String.self, forKey: .backend) ?? BackendChoice.cpu.rawValue
        guard let backend = BackendChoice(rawValue: backendName) else {
            throw DecodingError.dataCorruptedError(forKey: .backend, in: values,
                                                   debugDescription: "unknown backend '\(backendName)'")
        }
        self.init(fftPlanning: fftPlanning, precision: computePrecision, backend: backend,
                  gpus: try values.decodeIfPresent([Int].self, forKey: .gpus),
                  workersPerGPU: try values.decodeIfPresent(Int.self, forKey: .workersPerGPU) ?? 1,
                  stateScan: try values.decodeIfPresent(Bool.self, forKey: .stateScan) ?? true)
    }

    public func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(fftPlanning.rawValue, forKey: .fftPlanning)
        try values.encode(precision.rawValue, forKey: .precision)
        try values.encode(backend.rawValue, forKey: .backend)
        try values.encodeIfPresent(gpus, forKey: .gpus)
        try values.encode(workersPerGPU, forKey: .workersPerGPU)
        try values.encode(stateScan, forKey: .stateScan)
    }
}
