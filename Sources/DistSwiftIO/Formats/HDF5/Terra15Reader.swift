import DistSwiftNative

/// Terra15 Treble, file versions 5 and 6: `/data_product/data` (time × distance) with per-sample `gps_time` (float
/// seconds). The grid comes from the time vector, not the `dT` attribute, which disagrees with it by 0.06 % in the
/// sample file (docs/notes/file-layouts.md §5). Positions are `sensing_range_start + i × dx`.
public struct Terra15Reader: RecordReader, HDF5MatrixReader {
    public static let formatName = "Terra15 Treble"
    public static var signature: [String] {
        ["/data_product/data", "/data_product/gps_time", "/@file_version", "/@dx", "/@nx"]
    }
    static let data = "/data_product/data"

    public let path: String
    public let metadata: RecordMetadata
    let matrix: HDF5Matrix

    public static func sniff(_ probe: RecordProbe) -> Bool {
        guard let file = probe.hdf5 else { return false }
        return file.exists(data) && file.attributeNumber("/", "file_version") != nil
            && (file.exists("/data_product/gps_time") || file.exists("/data_product/posix_time"))
    }

    public init(path: String) throws {
        self.path = path
        let file = try HDF5File.open(path)
        let version = file.attributeNumber("/", "file_version").map { Int($0) } ?? 0
        guard version >= 5 else {
            throw RecordError(file: path, problem: "is a Terra15 file of version \(version); distswift reads versions "
                + "5 and 6 (/data_product/data with gps_time)", fix: "describe it with hdf5_layout in the system config")
        }
        matrix = try HDF5Matrix(file: file, datasetPath: Self.data, timeFirst: true)
        if let nx = file.attributeNumber("/", "nx"), Int(nx) != matrix.channelCount {
            throw RecordError(file: path, problem: "the root attribute nx is \(Int(nx)) but \(Self.data) has "
                + "\(matrix.channelCount) channels: is the array transposed?")
        }
        let timePath = file.exists("/data_product/gps_time") ? "/data_product/gps_time" : "/data_product/posix_time"
        let seconds = try file.dataset(timePath).read(as: Double.self)
        let time = try RegularTimeAxis(timesNs: seconds.map { try RegularTimeAxis.nanoseconds(epochSeconds: $0, file: path) },
                                       expectedCount: matrix.sampleCount, file: path, what: timePath)
        guard let dx = file.attributeNumber("/", "dx") else {
            throw RecordError(file: path, problem: "has no root attribute dx (channel spacing)")
        }
        let start = file.attributeNumber("/", "sensing_range_start") ?? 0
        let serial = file.attributeText("/", "serial_number")
        metadata = RecordMetadata(
            format: "\(Self.formatName) v\(version)", channelCount: matrix.channelCount,
            sampleCount: matrix.sampleCount, samplingRateHz: time.samplingRateHz, startTimeNs: time.startTimeNs,
            channelPositions: (0..<matrix.channelCount).map { start + Double($0) * dx },
            units: file.attributeText("/", "data_product_units"),
            gaugeLengthM: file.attributeNumber("/", "gauge_length"),
            vendor: "Terra15" + (serial.map { " \($0)" } ?? ""), storedType: matrix.storedType)
    }
}
