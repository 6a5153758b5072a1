import DistSwiftNative

/// The generic "H5Simple" layouts: a root data array (`/raw` or `/data`) beside a float-seconds time vector
/// (`/timestamp` or `/time`) and optionally a `/distance` vector. Nothing names the axes, so the time vector's
/// length decides; a square array is ambiguous and refused.
public struct H5SimpleReader: RecordReader, HDF5MatrixReader {
    public static let formatName = "H5Simple"
    static let pairs = [("/raw", "/timestamp"), ("/data", "/time")]

    public let path: String
    public let metadata: RecordMetadata
    let matrix: HDF5Matrix

    static func layout(of file: HDF5File) -> (data: String, time: String)? {
        pairs.first { file.exists($0.0) && file.exists($0.1) }.map { (data: $0.0, time: $0.1) }
    }

    public static func sniff(_ probe: RecordProbe) -> Bool {
        guard let file = probe.hdf5, let layout = layout(of: file),
              let members = try? file.members(of: "/")
        else { return false }
        // Only the data, time and distance vectors at the root: anything richer is some vendor's layout.
        let allowed: Set<String> = [layout.data.dropFirst().description, layout.time.dropFirst().description, "distance"]
        return members.allSatisfy { allowed.contains($0.name) }
    }

    public init(path: String) throws {
        self.path = path
        let file = try HDF5File.open(path)
        guard let layout = Self.layout(of: file) else {
            throw RecordError(file: path, problem: "has neither /raw + /timestamp nor /data + /time")
        }
        let seconds = try file.dataset(layout.time).read(as: Double.self)
        let shape = try file.dataset(layout.data).shape()
        guard shape.count == 2, shape.contains(seconds.count) else {
            throw RecordError(file: path, problem: "\(layout.time) has \(seconds.count) entries, which matches no "
                + "axis of \(layout.data) \(shape)")
        }
        guard shape[0] != shape[1] else {
            throw RecordError(file: path, problem: "\(layout.data) is square \(shape), so its time axis is ambiguous",
                              fix: "describe it with hdf5_layout (axes) in the system config")
        }
        matrix = try HDF5Matrix(file: file, datasetPath: layout.data, timeFirst: shape[0] == seconds.count)
        let time = try RegularTimeAxis(timesNs: seconds.map { try RegularTimeAxis.nanoseconds(epochSeconds: $0, file: path) },
                                       expectedCount: matrix.sampleCount, file: path, what: layout.time)
        var positions = (0..<matrix.channelCount).map(Double.init)
        if file.exists("/distance") {
            positions = try file.dataset("/distance").read(as: Double.self)
            guard positions.count == matrix.channelCount else {
                throw RecordError(file: path, problem: "/distance has \(positions.count) entries but \(layout.data) "
                    + "has \(matrix.channelCount) channels")
            }
        }
        metadata = RecordMetadata(
            format: Self.formatName, channelCount: matrix.channelCount, sampleCount: matrix.sampleCount,
            samplingRateHz: time.samplingRateHz, startTimeNs: time.startTimeNs, channelPositions: positions,
            units: nil, gaugeLengthM: nil, vendor: nil, storedType: matrix.storedType)
    }
}
