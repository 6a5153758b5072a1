import DistSwiftNative

/// Neubrex NEUBRESCOPE DAS HDF5: one data set `/Acoustic` (time × distance) whose attributes carry the grid —
/// start `GPSTimeStamp(UTC)` (ISO text; `CPUTimeStamp(UTC)` when the GPS stamp is empty), step
/// `TimeSamplingInterval(seconds)`, positions `StartPosition + i × SpatialSamplingInterval`. Decimated files
/// (`TimeDecimationFilter` / `DistanceDecimationFilter` above 1) are refused: how the decimation shifts the grid is
/// not documented. Neubrex's Rayleigh-frequency-shift files (DSS/DTS: root `data`, `depth`, `stamps`) are profiles
/// at irregular times, not a DAS record, and are refused with a message (`refusal(_:)`). Layout: DASCore
/// `io/neubrex/utils_das.py` and `utils_rfs.py`.
public struct NeubrexReader: RecordReader, HDF5MatrixReader {
    public static let formatName = "Neubrex DAS"
    public static var signature: [String] { ["/Acoustic"] + required.map { "/Acoustic@" + $0 } }
    public static let variants: String? = "/Acoustic; DSS/DTS refused"
    static let dataset = "/Acoustic"
    static let required = ["NEUBRESCOPE.DAS.Model", "StartPosition", "SpatialSamplingInterval",
                           "GPSTimeStamp(UTC)", "CPUTimeStamp(UTC)", "TimeSamplingInterval(seconds)"]

    public let path: String
    public let metadata: RecordMetadata
    let matrix: HDF5Matrix

    /// A Neubrex DSS/DTS file: claimed so that it is refused with what it is rather than called unknown.
    static func isFrequencyShiftProduct(_ file: HDF5File) -> Bool {
        file.exists("/data") && file.exists("/depth") && file.exists("/stamps")
            && file.attributeText("/data", "DataUnitLabel") != nil && file.attributeText("/data", "StartDateTime") != nil
    }

    public static func sniff(_ probe: RecordProbe) -> Bool {
        guard let file = probe.hdf5 else { return false }
        if isFrequencyShiftProduct(file) { return true }
        guard file.exists(dataset), let names = try? file.attributes(of: dataset).names() else { return false }
        return Set(names).isSuperset(of: required)
    }

    public init(path: String) throws {
        self.path = path
        let file = try HDF5File.open(path)
        if Self.isFrequencyShiftProduct(file) {
            let unit = file.attributeText("/data", "DataUnitLabel") ?? "?"
            throw RecordError(file: path, problem: "is a Neubrex Rayleigh-frequency-shift file (DSS/DTS): /data holds "
                + "strain or temperature profiles in \(unit) at the irregular times of /stamps, not a DAS record of "
                + "regularly sampled acoustic channels",
                fix: "DSS/DTS profiles are not ingested into a chunk store; read them with DASCore (NeubrexRFS) or "
                    + "ingest the DAS recording (/Acoustic) of the same acquisition")
        }
        for name in ["TimeDecimationFilter", "DistanceDecimationFilter"] {
            if let factor = file.attributeNumber(Self.dataset, name), factor > 1 {
                throw RecordError(file: path, problem: "/Acoustic@\(name) is \(factor): a decimated Neubrex file, "
                    + "whose grid offset is not documented", fix: "ingest the undecimated recording, or describe "
                    + "the grid with hdf5_layout in the system config")
            }
        }
        matrix = try HDF5Matrix(file: file, datasetPath: Self.dataset, timeFirst: true)
        let stampName = file.attributeText(Self.dataset, "GPSTimeStamp(UTC)") != nil
            ? "GPSTimeStamp(UTC)" : "CPUTimeStamp(UTC)"
        guard let stamp = file.attributeText(Self.dataset, stampName), let start = UTCTime.parse(stamp) else {
            throw RecordError(file: path, problem: "/Acoustic has neither a GPSTimeStamp(UTC) nor a "
                + "CPUTimeStamp(UTC) in ISO 8601 form", fix: "the record's start time is needed to ingest it")
        }
        guard let dt = file.attributeNumber(Self.dataset, "TimeSamplingInterval(seconds)"), dt > 0,
              let dx = file.attributeNumber(Self.dataset, "SpatialSamplingInterval"), dx > 0
        else {
            throw RecordError(file: path, problem: "/Acoustic's TimeSamplingInterval(seconds) or "
                + "SpatialSamplingInterval is missing or not positive")
        }
        if let unit = file.attributeText(Self.dataset, "StartStopPositionUnit"), unit != "m" {
            throw RecordError(file: path, problem: "StartStopPositionUnit is '\(unit)'; distswift stores positions "
                + "in metres")
        }
        let first = file.attributeNumber(Self.dataset, "StartPosition") ?? 0
        metadata = RecordMetadata(
            format: Self.formatName, channelCount: matrix.channelCount, sampleCount: matrix.sampleCount,
            samplingRateHz: 1 / dt, startTimeNs: start,
            channelPositions: (0..<matrix.channelCount).map { first + Double($0) * dx },
            units: file.attributeText(Self.dataset, "DataPhysicalUnit"),
            gaugeLengthM: file.attributeNumber(Self.dataset, "GaugeLength"),
            vendor: "Neubrex " + (file.attributeText(Self.dataset, "NEUBRESCOPE.DAS.Model") ?? "")
                + (file.attributeText(Self.dataset, "NEUBRESCOPE.DAS.SerialNum").map { " \($0)" } ?? ""),
            storedType: matrix.storedType)
    }
}
