import DistSwiftNative

/// ASN OptoDAS (DASControl, file version ≥ 7): `/data` with its axis order in `header/dimensionNames`; metadata as
/// scalar data sets. Positions are `header/channels × header/dx` (channel numbers count the acquisition grid);
/// `cableSpec/sensorDistances` belongs to that grid, not to the stored columns (xdas's error, §6 of the notes).
public struct OptoDASReader: RecordReader, HDF5MatrixReader {
    public static let formatName = "ASN OptoDAS"
    public static var signature: [String] { ["/fileVersion", "/data", "/header/dt", "/header/time", "/header/dx"] }

    public let path: String
    public let metadata: RecordMetadata
    let matrix: HDF5Matrix

    public static func sniff(_ probe: RecordProbe) -> Bool {
        guard let file = probe.hdf5 else { return false }
        return file.exists("/fileVersion") && file.exists("/data") && file.exists("/header/dt")
            && file.exists("/header/time")
    }

    public init(path: String) throws {
        self.path = path
        let file = try HDF5File.open(path)
        let names = (try? file.dataset("/header/dimensionNames").readStrings())?.map { $0.lowercased() }
            ?? ["time", "distance"]
        guard names.count == 2, names.contains("time") else {
            throw RecordError(file: path, problem: "header/dimensionNames is \(names); expected time and distance")
        }
        matrix = try HDF5Matrix(file: file, datasetPath: "/data", timeFirst: names[0] == "time")
        guard let start = file.datasetNumber("/header/time"), let dt = file.datasetNumber("/header/dt"), dt > 0 else {
            throw RecordError(file: path, problem: "header/time or header/dt is missing or not positive")
        }
        guard let dx = file.datasetNumber("/header/dx") else {
            throw RecordError(file: path, problem: "has no header/dx (channel spacing)")
        }
        let channels = file.exists("/header/channels")
            ? try file.dataset("/header/channels").read(as: Double.self)
            : (0..<matrix.channelCount).map(Double.init)
        guard channels.count == matrix.channelCount else {
            throw RecordError(file: path, problem: "header/channels has \(channels.count) entries but /data has "
                + "\(matrix.channelCount) channels (dimensionNames \(names))")
        }
        let version = file.datasetNumber("/fileVersion").map { Int($0) } ?? 0
        metadata = RecordMetadata(
            format: "\(Self.formatName) v\(version)", channelCount: matrix.channelCount,
            sampleCount: matrix.sampleCount, samplingRateHz: 1 / dt,
            startTimeNs: try RegularTimeAxis.nanoseconds(epochSeconds: start, file: path),
            channelPositions: channels.map { $0 * dx }, units: file.datasetText("/header/unit"),
            gaugeLengthM: file.datasetNumber("/header/gaugeLength"),
            vendor: "ASN OptoDAS" + (file.datasetText("/header/instrument").map { " \($0)" } ?? ""),
            storedType: matrix.storedType)
    }
}
