import DistSwiftNative

/// GDR / DAS-RCN HDF5 (the community standard of the Geothermal Data Repository, "DAS-RCN v1.10" metadata with
/// "PRODML v2.2" raw data): `/DasRawData/RawData` with its axis order in the `DasDimensions` attribute
/// ("time"/"locus"), per-sample times in `/DasRawData/DasTimeArray` (integer ns since the epoch), and the
/// acquisition's attributes on `/DasMetadata/Interrogator/Acquisition`. Positions are `(StartLocusIndex + i) ×
/// SpatialSamplingInterval`; the standard does not require StartLocusIndex, so without it the first channel is at 0
/// (DASCore does the same). Layout: https://gdr.openei.org/das_data_standard, DASCore `io/gdr`.
public struct GDRReader: RecordReader, HDF5MatrixReader {
    public static let formatName = "GDR DAS-RCN"
    public static var signature: [String] {
        ["/DasMetadata@MetadataStandard", "/DasMetadata@RawDataStandard",
         "/DasMetadata/Interrogator/Acquisition@SpatialSamplingInterval", "/DasRawData/RawData",
         "/DasRawData/RawData@DasDimensions", "/DasRawData/DasTimeArray"]
    }
    public static let variants: String? = "DasMetadata + DasRawData"
    static let acquisition = "/DasMetadata/Interrogator/Acquisition"
    static let data = "/DasRawData/RawData"
    static let times = "/DasRawData/DasTimeArray"

    public let path: String
    public let metadata: RecordMetadata
    let matrix: HDF5Matrix

    public static func sniff(_ probe: RecordProbe) -> Bool {
        guard let file = probe.hdf5 else { return false }
        return file.exists(data) && file.exists(times) && file.exists(acquisition)
            && file.attributeText("/DasMetadata", "MetadataStandard") != nil
    }

    public init(path: String) throws {
        self.path = path
        let file = try HDF5File.open(path)
        let dims = try Self.dimensions(in: file, path: path)
        matrix = try HDF5Matrix(file: file, datasetPath: Self.data, timeFirst: dims.first == "time")
        let stamps = try file.dataset(Self.times).read(as: Int64.self)
        // The standard stores ns; a writer that used µs or s would put the record decades away, so the size of the
        // first stamp is checked rather than trusted (a 2020s time is ~1.7e18 ns).
        guard let first = stamps.first, first == 0 || abs(first) >= 100_000_000_000_000_000 else {
            let shown = stamps.first.map(String.init) ?? "nothing"
            throw RecordError(file: path, problem: "\(Self.times) starts at \(shown),"
                + " which is not a time in ns since 1970 as the GDR standard stores it (µs or s?)",
                fix: "rewrite DasTimeArray in ns, or describe the file with hdf5_layout and its time unit")
        }
        let time = try RegularTimeAxis(timesNs: stamps, expectedCount: matrix.sampleCount, file: path,
                                       what: Self.times)
        guard let dx = file.attributeNumber(Self.acquisition, "SpatialSamplingInterval"), dx > 0 else {
            throw RecordError(file: path, problem: "\(Self.acquisition) has no positive SpatialSamplingInterval")
        }
        if let unit = file.attributeText(Self.acquisition, "SpatialSamplingIntervalUnit"), unit != "m" {
            throw RecordError(file: path, problem: "SpatialSamplingIntervalUnit is '\(unit)'; distswift stores "
                + "positions in metres", fix: "convert the file's spacing to metres")
        }
        let startLocus = file.attributeNumber(Self.acquisition, "StartLocusIndex") ?? 0
        if let loci = file.attributeNumber(Self.acquisition, "NumberOfLoci"), Int(loci) != matrix.channelCount {
            throw RecordError(file: path, problem: "NumberOfLoci is \(Int(loci)) but RawData has "
                + "\(matrix.channelCount) loci (DasDimensions \(dims)): is the array transposed?")
        }
        let standard = [file.attributeText("/DasMetadata", "MetadataStandard"),
                        file.attributeText("/DasMetadata", "RawDataStandard")].compactMap { $0 }
        metadata = RecordMetadata(
            format: Self.formatName + (standard.isEmpty ? "" : " (\(standard.joined(separator: ", ")))"),
            channelCount: matrix.channelCount, sampleCount: matrix.sampleCount,
            samplingRateHz: time.samplingRateHz, startTimeNs: time.startTimeNs,
            channelPositions: (0..<matrix.channelCount).map { (startLocus + Double($0)) * dx },
            units: file.attributeText(Self.acquisition, "UnitOfMeasure"),
            gaugeLengthM: file.attributeNumber(Self.acquisition, "GaugeLength"),
            vendor: file.attributeText("/DasMetadata/Interrogator", "SerialNumber"), storedType: matrix.storedType)
    }

    /// The axis order from RawData's `DasDimensions` ("time"/"locus", e.g. ["time", "locus"]); anything else — a
    /// frequency axis of a spectral product — is refused rather than read as time.
    static func dimensions(in file: HDF5File, path: String) throws -> [String] {
        let attributes = try file.dataset(data).attributes()
        guard attributes.contains("DasDimensions") else {
            throw RecordError(file: path, problem: "\(data) has no DasDimensions attribute, so its axis order is "
                + "unknown", fix: "add DasDimensions = [\"time\", \"locus\"] (or the order the array has)")
        }
        let raw = try attributes.strings("DasDimensions")
        let names = raw.flatMap { $0.split(whereSeparator: { ", []'\"".contains($0) }) }.map { String($0).lowercased() }
        let dims = names.map { $0.hasPrefix("time") ? "time" : $0 }
        guard dims.count == 2, Set(dims) == ["time", "locus"] else {
            throw RecordError(file: path, problem: "\(data)@DasDimensions is \(raw): the array is not time × locus "
                + "(a frequency or band axis is a processed product, not a raw record)",
                fix: "ingest the raw time series; spectra belong in band or spectrum outputs")
        }
        return dims
    }
}
