import Foundation
import DistSwiftNative

/// Silixa iDAS native HDF5: one data set `/Acoustic` (time × distance) whose ~85 attributes, numbers included, are
/// all text. Positions are `Start Distance (m) + i × SpatialResolution[m] × Fibre Length Multiplier`; DASCore's
/// origin (StartPosition + MeasureLength × multiplier) puts the first channel beyond the end of the measured fibre
/// (docs/notes/file-layouts.md §4).
public struct SilixaH5Reader: RecordReader, HDF5MatrixReader {
    public static let formatName = "Silixa iDAS HDF5"
    public static var signature: [String] {
        ["/Acoustic", "/Acoustic@SamplingFrequency[Hz]", "/Acoustic@GPSTimeStamp", "/Acoustic@SpatialResolution[m]", "/Acoustic@Start Distance (m)"]
    }
    static let dataset = "/Acoustic"

    public let path: String
    public let metadata: RecordMetadata
    let matrix: HDF5Matrix

    public static func sniff(_ probe: RecordProbe) -> Bool {
        guard let file = probe.hdf5, file.exists(dataset),
              let names = try? file.attributes(of: dataset).names()
        else { return false }
        // Neubrex also writes a root `Acoustic` data set, so the attribute names decide.
        return Set(names).isSuperset(of: ["SamplingFrequency[Hz]", "GPSTimeStamp", "SpatialResolution[m]"])
    }

    public init(path: String) throws {
        self.path = path
        let file = try HDF5File.open(path)
        matrix = try HDF5Matrix(file: file, datasetPath: Self.dataset, timeFirst: true)
        func required(_ name: String) throws -> Double {
            guard let value = file.attributeNumber(Self.dataset, name) else {
                throw RecordError(file: path, problem: "/Acoustic has no numeric attribute '\(name)'")
            }
            return value
        }
        let rate = try required("SamplingFrequency[Hz]")
        let resolution = try required("SpatialResolution[m]")
        let multiplier = file.attributeNumber(Self.dataset, "Fibre Length Multiplier") ?? 1
        let start = file.attributeNumber(Self.dataset, "Start Distance (m)") ?? 0
        let stamp = file.attributeText(Self.dataset, "GPSTimeStamp") ?? file.attributeText(Self.dataset, "CPUTimeStamp")
        guard let stamp, let startNs = Self.parseTimeStamp(stamp) else {
            throw RecordError(file: path, problem: "/Acoustic@GPSTimeStamp '\(stamp ?? "")' is not a time stamp of "
                + "the form 'dd/mm/yyyy HH:MM:SS.fff (UTC)'")
        }
        let version = file.attributeText(Self.dataset, "iDASVersion")
        metadata = RecordMetadata(
            format: Self.formatName, channelCount: matrix.channelCount, sampleCount: matrix.sampleCount,
            samplingRateHz: rate, startTimeNs: startNs,
            channelPositions: (0..<matrix.channelCount).map { start + Double($0) * resolution * multiplier },
            units: nil, gaugeLengthM: file.attributeNumber(Self.dataset, "GaugeLength"),
            vendor: "Silixa iDAS" + (version.map { " \($0)" } ?? ""), storedType: matrix.storedType)
    }

    /// "22/09/2023 18:29:26.158 (UTC)" (day first) → UTC ns.
    static func parseTimeStamp(_ text: String) -> Int64? {
        let core = text.replacingOccurrences(of: "(UTC)", with: "").trimmed
        let parts = core.split(separator: " ")
        guard parts.count == 2 else { return nil }
        let date = parts[0].split(separator: "/")
        guard date.count == 3 else { return nil }
        return UTCTime.parse("\(date[2])-\(date[1])-\(date[0])T\(parts[1])Z")
    }
}
