import DistSwiftCalc
import DistSwiftNative

/// The settings of `process` a worker needs besides the system config: how FFTW plans and the precision the graph
/// computes in (resolved by the controller: the store's when the user named none).
public struct ProcessSettings: Codable, Sendable, Equatable {
    public var fftPlanning: FFTWPlanningRigor
    public var precision: ComputePrecision

    public init(fftPlanning: FFTWPlanningRigor, precision: ComputePrecision) {
        self.fftPlanning = fftPlanning
        self.precision = precision
    }

    private enum CodingKeys: String, CodingKey { case fftPlanning, precision }

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
        self.init(fftPlanning: fftPlanning, precision: computePrecision)
    }

    public func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(fftPlanning.rawValue, forKey: .fftPlanning)
        try values.encode(precision.rawValue, forKey: .precision)
    }
}
