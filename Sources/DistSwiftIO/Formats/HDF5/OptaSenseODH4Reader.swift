import DistSwiftNative

/// OptaSense ODH4: one data set `/raw_data` (channel × time) described by informal root attributes — "sampling
/// rate Hz", "starttime"/"endtime" (the end is exclusive: endtime − starttime = samples / rate), "channel_start" /
/// "channel_end" (exclusive), "channel spacing m", "GL m", "raw_data_units", "scale factor to strain". Positions
/// are `(channel_start + i) × channel spacing`. A file whose end time or channel range disagrees with the array's
/// shape (beyond one sample/channel for an inclusive-bound writer) is refused: the array may be transposed.
/// Layout: DASCore `io/odh4/utils.py`.
public struct OptaSenseODH4Reader: RecordReader, HDF5MatrixReader {
    public static let formatName = "OptaSense ODH4"
    public static var signature: [String] { ["/raw_data"] + required.map { "/@" + $0 } }
    static let dataset = "/raw_data"
    static let required = ["GL m", "channel spacing m", "channel_start", "channel_end", "starttime", "endtime",
                           "sampling rate Hz", "scale factor to strain", "raw_data_units"]

    public let path: String
    public let metadata: RecordMetadata
    let matrix: HDF5Matrix

    public static func sniff(_ probe: RecordProbe) -> Bool {
        guard let file = probe.hdf5, file.exists(dataset), let names = try? file.attributes(of: "/").names()
        else { return false }
        return Set(names).isSuperset(of: required)
    }

    /// A time attribute as UTC ns: ISO text, or a number of seconds since the epoch.
    static func time(_ file: HDF5File, _ name: String, path: String) throws -> Int64? {
        if let text = file.attributeText("/", name), let ns = UTCTime.parse(text) { return ns }
        return try file.attributeNumber("/", name).map { try RegularTimeAxis.nanoseconds(epochSeconds: $0, file: path) }
    }

    public init(path: String) throws {
        self.path = path
        let file = try HDF5File.open(path)
        matrix = try HDF5Matrix(file: file, datasetPath: Self.dataset, timeFirst: false)
        guard let rate = file.attributeNumber("/", "sampling rate Hz"), rate.isFinite, rate > 0 else {
            throw RecordError(file: path, problem: "the root attribute 'sampling rate Hz' is missing or not positive")
        }
        guard let start = try Self.time(file, "starttime", path: path), let end = try Self.time(file, "endtime", path: path)
        else {
            throw RecordError(file: path, problem: "the root attributes starttime/endtime are not times")
        }
        let n = matrix.sampleCount
        let expectedSpan = Double(n) / rate * 1e9
        let span = Double(end) - Double(start)  // no Int64 subtraction of two arbitrary stamps (it could trap)
        let timeConsistent = abs(span - expectedSpan) <= 1e9 / rate * 1.01
        let channelStart = Int(file.attributeNumber("/", "channel_start") ?? 0)
        let channelRange = Int(file.attributeNumber("/", "channel_end") ?? 0) - channelStart
        guard timeConsistent, channelRange == matrix.channelCount || channelRange == matrix.channelCount - 1 else {
            throw RecordError(file: path, problem: "the root attributes disagree with /raw_data's shape "
                + "\(matrix.channelCount) channels × \(n) samples: endtime − starttime is \(span / 1e9) s (expected "
                + "\(expectedSpan / 1e9) s at \(rate) Hz) and channel_end − channel_start is \(channelRange): the "
                + "array may be transposed or the metadata wrong", fix: "check the file's writer; distswift does not "
                + "guess coordinates")
        }
        guard let dx = file.attributeNumber("/", "channel spacing m"), dx > 0 else {
            throw RecordError(file: path, problem: "the root attribute 'channel spacing m' is not positive")
        }
        metadata = RecordMetadata(
            format: Self.formatName, channelCount: matrix.channelCount, sampleCount: n,
            samplingRateHz: rate, startTimeNs: start,
            channelPositions: (0..<matrix.channelCount).map { Double(channelStart + $0) * dx },
            units: file.attributeText("/", "raw_data_units"), gaugeLengthM: file.attributeNumber("/", "GL m"),
            vendor: "OptaSense", storedType: matrix.storedType)
    }
}
