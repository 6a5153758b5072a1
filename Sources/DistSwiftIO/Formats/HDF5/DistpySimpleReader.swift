import DistSwiftNative

/// distpy's own simple HDF5 layout ("type 0"): root `data` (time × depth) and `depth`, nothing else. As in distpy,
/// the start time comes from the file name's `DDMMYY_HHMMSS.h5` ending and the rate from the HDF5 chunk row count
/// (these files are written one second per HDF5 chunk); unlike distpy, the name is read as UTC, not local time.
/// A `prf` or `sampling_rate` root attribute, when present, overrides the chunk rule.
public struct DistpySimpleReader: RecordReader, HDF5MatrixReader {
    public static let formatName = "distpy simple HDF5"
    public static var signature: [String] { ["/data", "/depth"] }

    public let path: String
    public let metadata: RecordMetadata
    let matrix: HDF5Matrix

    public static func sniff(_ probe: RecordProbe) -> Bool {
        guard let file = probe.hdf5,
              let members = try? file.members(of: "/")
        else { return false }
        return Set(members.map(\.name)) == ["data", "depth"]
    }

    public init(path: String) throws {
        self.path = path
        let file = try HDF5File.open(path)
        matrix = try HDF5Matrix(file: file, datasetPath: "/data", timeFirst: true)
        let depth = try file.dataset("/depth").read(as: Double.self)
        guard depth.count == matrix.channelCount else {
            throw RecordError(file: path, problem: "/depth has \(depth.count) entries but /data has "
                + "\(matrix.channelCount) columns (distpy's layout is time × depth): is the array transposed?")
        }
        let rate: Double
        if let declared = file.attributeNumber("/", "prf") ?? file.attributeNumber("/", "sampling_rate") {
            rate = declared
        } else if let rows = try file.dataset("/data").chunkShape()?.first, rows > 1 {
            rate = Double(rows)
        } else {
            throw RecordError(file: path, problem: "/data is not HDF5-chunked and the file has no prf attribute, so "
                + "its sampling rate is unknown", fix: "describe it with hdf5_layout (time.rate_hz) in the system config")
        }
        guard let start = Self.startTime(fromName: path) else {
            throw RecordError(file: path, problem: "the name does not end in DDMMYY_HHMMSS.h5, which is where "
                + "distpy's simple layout keeps the start time", fix: "rename it, or describe it with hdf5_layout")
        }
        metadata = RecordMetadata(
            format: Self.formatName, channelCount: matrix.channelCount, sampleCount: matrix.sampleCount,
            samplingRateHz: rate, startTimeNs: start, channelPositions: depth, units: nil, gaugeLengthM: nil,
            vendor: nil, storedType: matrix.storedType)
    }

    /// "…_200920_123000.h5" → 2020-09-20T12:30:00Z.
    static func startTime(fromName path: String) -> Int64? {
        let name = Array(path.split(separator: "/").last ?? "")
        guard name.count >= 16 else { return nil }
        let tail = String(name.suffix(16))
        let c = Array(tail)
        guard c[6] == "_", tail.hasSuffix(".h5") else { return nil }
        let digits = String(c[0..<6]) + String(c[7..<13])
        guard digits.count == 12, digits.allSatisfy(\.isNumber) else { return nil }
        let d = Array(digits)
        let text = "20\(d[4])\(d[5])-\(d[2])\(d[3])-\(d[0])\(d[1])T\(d[6])\(d[7]):\(d[8])\(d[9]):\(d[10])\(d[11])Z"
        return UTCTime.parse(text)
    }
}
