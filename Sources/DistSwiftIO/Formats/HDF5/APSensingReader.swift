import DistSwiftNative

/// AP Sensing DAS Data Collector: `/DAS` (time × distance), metadata stored as 1-element data sets. Positions are
/// `DAQ/PositionStart + i × ProcessingServer/SpatialSampling`; DASCore's (PositionEnd − PositionStart) / N inflates
/// the step by 0.08 % because the position window covers the ADC samples, not the stored channels (§3 of the notes).
public struct APSensingReader: RecordReader, HDF5MatrixReader {
    public static let formatName = "AP Sensing"
    public static var signature: [String] {
        ["/DAS", "/ProcessingServer/DataRate", "/ProcessingServer/SpatialSampling", "/Metadata/Timestamp",
         "/DAQ/PositionStart"]
    }

    public let path: String
    public let metadata: RecordMetadata
    let matrix: HDF5Matrix

    public static func sniff(_ probe: RecordProbe) -> Bool {
        guard let file = probe.hdf5 else { return false }
        return file.exists("/DAS") && file.exists("/ProcessingServer/DataRate") && file.exists("/Metadata/Timestamp")
    }

    public init(path: String) throws {
        self.path = path
        let file = try HDF5File.open(path)
        matrix = try HDF5Matrix(file: file, datasetPath: "/DAS", timeFirst: true)
        if let points = file.datasetNumber("/DAQ/SpatialPoints"), Int(points) != matrix.channelCount {
            throw RecordError(file: path, problem: "DAQ/SpatialPoints is \(Int(points)) but /DAS has "
                + "\(matrix.channelCount) channels: is the array transposed?")
        }
        guard let rate = file.datasetNumber("/ProcessingServer/DataRate"), rate > 0 else {
            throw RecordError(file: path, problem: "ProcessingServer/DataRate is missing or not positive")
        }
        let stamp = file.datasetText("/Metadata/Timestamp")
        guard let stamp, let startNs = UTCTime.parse(stamp) else {
            throw RecordError(file: path, problem: "Metadata/Timestamp '\(stamp ?? "")' is not an ISO 8601 time")
        }
        guard let step = file.datasetNumber("/ProcessingServer/SpatialSampling") else {
            throw RecordError(file: path, problem: "has no ProcessingServer/SpatialSampling (channel spacing)")
        }
        let start = file.datasetNumber("/DAQ/PositionStart") ?? 0
        let model = file.datasetText("/Interrogator/Model")
        metadata = RecordMetadata(
            format: Self.formatName, channelCount: matrix.channelCount, sampleCount: matrix.sampleCount,
            samplingRateHz: rate, startTimeNs: startNs,
            channelPositions: (0..<matrix.channelCount).map { start + Double($0) * step },
            units: nil,  // DataType (e.g. SCALED_DIFFERENTIAL_PHASE_32) names a quantity, not a unit
            gaugeLengthM: file.datasetNumber("/ProcessingServer/GaugeLength"),
            vendor: "AP Sensing" + (model.map { " \($0)" } ?? ""), storedType: matrix.storedType)
    }
}
