import DistSwiftNative

/// DASCore's own HDF5 format (DASDAE v1): `/waveforms/<patch>/data` with `_coord_time` (ns) and `_coord_distance`
/// datasets and the axis order in the group attribute `_dims`. Some `_attrs_*` values are Python pickles; they are
/// never unpickled — everything needed is in the coordinate data sets. Each patch is a record; a file with several is
/// ingested one patch at a time (`--select <patch group name>`).
public struct DASDAEReader: MultiRecordReader, HDF5MatrixReader {
    public static let formatName = "DASDAE"
    public static var signature: [String] { ["/@__format__", "/@__DASDAE_version__", "/waveforms"] }

    public let path: String
    public let metadata: RecordMetadata
    let matrix: HDF5Matrix

    public static func sniff(_ probe: RecordProbe) -> Bool {
        guard let file = probe.hdf5 else { return false }
        return file.attributeText("/", "__format__") == "DASDAE" && file.exists("/waveforms")
    }

    public static func recordNames(path: String) throws -> [String] {
        try HDF5File.open(path).members(of: "/waveforms").filter { $0.kind == .group }.map(\.name)
    }

    public init(path: String, record: String) throws {
        self.path = path
        let file = try HDF5File.open(path)
        let patch = "/waveforms/" + record
        guard file.exists(patch + "/data") else {
            throw RecordError(file: path, problem: "has no patch \(patch) with data")
        }
        let dims = (file.attributeText(patch, "_dims") ?? "time,distance")
            .split(separator: ",").map { String($0).trimmed.lowercased() }
        guard dims.count == 2, Set(dims) == ["time", "distance"] else {
            throw RecordError(file: path, problem: "\(patch)@_dims is \(dims); expected time and distance")
        }
        matrix = try HDF5Matrix(file: file, datasetPath: patch + "/data", timeFirst: dims[0] == "time")
        let timePath = patch + "/_coord_time"
        guard file.exists(timePath), file.exists(patch + "/_coord_distance") else {
            throw RecordError(file: path, problem: "\(patch) lacks _coord_time or _coord_distance")
        }
        // Read as Int64: a double cannot hold ns since the epoch exactly.
        let isDatetime = (file.attributeNumber(timePath, "is_datetime64") ?? 1) != 0
        let times = isDatetime
            ? try file.dataset(timePath).read(as: Int64.self)
            : try file.dataset(timePath).read(as: Double.self).map { try RegularTimeAxis.nanoseconds(epochSeconds: $0, file: path) }
        let time = try RegularTimeAxis(timesNs: times, expectedCount: matrix.sampleCount, file: path,
                                       what: timePath)
        let positions = try file.dataset(patch + "/_coord_distance").read(as: Double.self)
        guard positions.count == matrix.channelCount else {
            throw RecordError(file: path, problem: "_coord_distance has \(positions.count) entries but the data "
                + "have \(matrix.channelCount) channels (_dims \(dims))")
        }
        let units = file.attributeText(patch, "_attrs_data_units")
        metadata = RecordMetadata(
            format: Self.formatName + (file.attributeText("/", "__DASDAE_version__").map { " v\($0)" } ?? ""),
            channelCount: matrix.channelCount, sampleCount: matrix.sampleCount,
            samplingRateHz: time.samplingRateHz, startTimeNs: time.startTimeNs, channelPositions: positions,
            units: units, gaugeLengthM: file.attributeNumber(patch, "_attrs_gauge_length"),
            vendor: file.attributeText(patch, "_attrs_instrument_id"), storedType: matrix.storedType)
    }
}
