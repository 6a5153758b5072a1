import DistSwiftNative

/// PRODML 2.0 / 2.1 raw data: `/Acquisition/Raw[n]/RawData` with `RawDataTime` (µs since the epoch). The
/// `Dimensions` attribute of RawData decides the axis order; positions are `(StartLocusIndex + i) ×
/// SpatialSamplingInterval`. The first `Raw[n]` group that holds RawData is read (FBE-only files have a `Raw[0]`
/// group without data).
public struct PRODMLReader: RecordReader, HDF5MatrixReader {
    public static let formatName = "PRODML"
    public static let variants: String? = "2.0/2.1"

    public let path: String
    public let metadata: RecordMetadata
    let matrix: HDF5Matrix

    /// The first `Raw[n]` group with RawData, n = 0…15.
    static func rawGroup(in file: HDF5File) -> String? {
        (0..<16).lazy.map { "/Acquisition/Raw[\($0)]" }.first { file.exists($0 + "/RawData") }
    }

    public static func sniff(_ probe: RecordProbe) -> Bool {
        guard let file = probe.hdf5 else { return false }
        return rawGroup(in: file) != nil
    }

    public init(path: String) throws {
        self.path = path
        let file = try HDF5File.open(path)
        guard let raw = Self.rawGroup(in: file) else {
            throw RecordError(file: path, problem: "has no /Acquisition/Raw[n]/RawData")
        }
        let data = try file.dataset(raw + "/RawData")
        let dims = try Self.dimensions(of: data, file: path)
        matrix = try HDF5Matrix(file: file, datasetPath: raw + "/RawData", timeFirst: dims.first == "time")

        let timePath = raw + "/RawDataTime"
        guard file.exists(timePath) else {
            throw RecordError(file: path, problem: "has RawData but no RawDataTime")
        }
        let timesUs = try file.dataset(timePath).read(as: Int64.self)
        let declaredRate = file.attributeNumber(raw, "OutputDataRate")
        var time: RegularTimeAxis
        if timesUs.count == 1, matrix.sampleCount == 1, let declaredRate {
            time = RegularTimeAxis(startTimeNs: timesUs[0] * 1000, samplingRateHz: declaredRate)
        } else {
            time = try RegularTimeAxis(timesNs: timesUs.map { $0 * 1000 }, expectedCount: matrix.sampleCount,
                                       file: path, what: "RawDataTime (Dimensions \(dims))")
        }
        if let declaredRate {
            guard abs(declaredRate - time.samplingRateHz) / declaredRate <= 0.01 else {
                throw RecordError(file: path, problem: "OutputDataRate is \(declaredRate) Hz but RawDataTime steps "
                    + "give \(time.samplingRateHz) Hz")
            }
            // The declared rate is exact; the vector's µs resolution is not.
            time = RegularTimeAxis(startTimeNs: time.startTimeNs, samplingRateHz: declaredRate)
        }

        let spacing = file.attributeNumber("/Acquisition", "SpatialSamplingInterval") ?? 1
        let startLocus = file.attributeNumber(raw, "StartLocusIndex")
            ?? file.attributeNumber("/Acquisition", "StartLocusIndex") ?? 0
        if let loci = file.attributeNumber(raw, "NumberOfLoci"), Int(loci) != matrix.channelCount {
            throw RecordError(file: path, problem: "NumberOfLoci is \(Int(loci)) but RawData has "
                + "\(matrix.channelCount) loci (Dimensions \(dims)): is the array transposed?")
        }
        let version = file.attributeText("/Acquisition", "schemaVersion") ?? file.attributeText("/", "schemaVersion")
        metadata = RecordMetadata(
            format: "PRODML" + (version.map { " \($0)" } ?? ""),
            channelCount: matrix.channelCount, sampleCount: matrix.sampleCount,
            samplingRateHz: time.samplingRateHz, startTimeNs: time.startTimeNs,
            channelPositions: (0..<matrix.channelCount).map { (startLocus + Double($0)) * spacing },
            units: file.attributeText(raw, "RawDataUnit"),
            gaugeLengthM: file.attributeNumber("/Acquisition", "GaugeLength"),
            vendor: file.attributeText("/Acquisition", "VendorCode"), storedType: matrix.storedType)
    }

    static func dimensions(of data: HDF5Dataset, file: String) throws -> [String] {
        let attributes = try data.attributes()
        guard attributes.contains("Dimensions") else { return ["time", "locus"] }  // PRODML's default order
        let raw = try attributes.strings("Dimensions")
        // Stored either as a string array or as one string "time, locus".
        let dims = raw.flatMap { $0.split(whereSeparator: { ", []'\"".contains($0) }).map { String($0).lowercased() } }
        guard dims.count == 2, Set(dims) == ["time", "locus"] else {
            throw RecordError(file: file, problem: "RawData's Dimensions attribute is \(raw); expected time and locus")
        }
        return dims
    }
}
