import DistSwiftNative

/// Aragón Photonics HDAS 3.0 strain-rate HDF5: `/StrainRate/StrainRate_Data` (time × distance), per-sample stamps
/// `/Timestamps/Timestamps_Data` (float seconds since the epoch) and a numeric header `/Header/Header_Data` read by
/// position: [199] = 1 for HDAS 3.0, [129] = 0 for strain rate, sample interval = [49] × [76] × [101] / [1] s,
/// first position [72] m, spacing [44] m. The stamps are checked for regularity (gaps are refused) and must agree
/// with the header's interval; the start is the first stamp. Layout: xdas `io/aragon.py`.
public struct AragonHDASReader: RecordReader, HDF5MatrixReader {
    public static let formatName = "Aragón HDAS"
    public static var signature: [String] { [data, times, header] }
    public static let variants: String? = "3.0 strain rate"
    static let data = "/StrainRate/StrainRate_Data"
    static let times = "/Timestamps/Timestamps_Data"
    static let header = "/Header/Header_Data"

    public let path: String
    public let metadata: RecordMetadata
    let matrix: HDF5Matrix

    public static func sniff(_ probe: RecordProbe) -> Bool {
        guard let file = probe.hdf5 else { return false }
        return file.exists(header) && file.exists(times) && (file.exists(data) || file.exists("/StrainRate"))
    }

    public init(path: String) throws {
        self.path = path
        let file = try HDF5File.open(path)
        let h = try file.dataset(Self.header).read(as: Double.self)
        guard h.count >= 200, h[199].rounded() == 1 else {
            throw RecordError(file: path, problem: "is an Aragón HDAS file whose header (\(h.count) values, [199] = "
                + "\(h.count >= 200 ? "\(h[199])" : "absent")) is not HDAS 3.0", fix: "distswift reads HDAS 3.0 "
                + "strain-rate files; describe others with hdf5_layout in the system config")
        }
        guard h[129].rounded() == 0, file.exists(Self.data) else {
            throw RecordError(file: path, problem: "is an Aragón HDAS file of data type \(h[129]) (header[129]), "
                + "not strain rate (0)", fix: "export the strain-rate product from the HDAS software")
        }
        matrix = try HDF5Matrix(file: file, datasetPath: Self.data, timeFirst: true)
        let seconds = try file.dataset(Self.times).read(as: Double.self)
        let stamps = try RegularTimeAxis(timesNs: seconds.map { try RegularTimeAxis.nanoseconds(epochSeconds: $0, file: path) },
                                         expectedCount: matrix.sampleCount, file: path, what: Self.times)
        guard h[1] > 0 else {
            throw RecordError(file: path, problem: "header[1] is \(h[1]); the sample interval needs it > 0")
        }
        let dtNs = (h[49] * h[76] * h[101] / h[1] * 1e9).rounded()
        guard dtNs > 0, abs(1e9 / dtNs - stamps.samplingRateHz) / stamps.samplingRateHz <= 0.01 else {
            throw RecordError(file: path, problem: "the header's sample interval (\(dtNs) ns) disagrees with the "
                + "stamps' \(1e9 / stamps.samplingRateHz) ns")
        }
        metadata = RecordMetadata(
            format: Self.formatName + " 3.0", channelCount: matrix.channelCount, sampleCount: matrix.sampleCount,
            samplingRateHz: 1e9 / dtNs, startTimeNs: stamps.startTimeNs,
            channelPositions: (0..<matrix.channelCount).map { h[72] + Double($0) * h[44] },
            units: "strain rate", gaugeLengthM: nil, vendor: "Aragón Photonics", storedType: matrix.storedType)
    }
}
