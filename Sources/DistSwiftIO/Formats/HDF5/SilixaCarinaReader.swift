import DistSwiftNative

/// Silixa Carina HDF5 written through a netCDF library ("netCDF shell": `_NCProperties`, dimension scales, but the
/// netCDF coordinate variables `t`, `x`, `cm` empty or zeroed). The Silixa attribute family sits on the file root;
/// samples are `/Fiber` (time × channel, int16 counts, stored as they are); `/ChannelMap` gives the physical
/// channel of each stored column. Time = root `StartTime` (µs since the epoch) + i / `Samplerate` (the output
/// rate; `SamplingFrequency[Hz]` is the rate before decimation). Position of column j = `Start Distance (m)` +
/// ChannelMap[j] × `SpatialResolution[m]` × `Fibre Length Multiplier`. A map that is empty, of the wrong length
/// or not one-to-one is refused rather than guessed. Layout: DASCore PR #849 (`SilixaH5V2`); no sample file here,
/// and the map's encoding (one physical channel number per stored column) is that description's reading.
public struct SilixaCarinaReader: RecordReader, HDF5MatrixReader {
    public static let formatName = "Silixa Carina HDF5"
    public static var signature: [String] { [data, map] + required.map { "/@" + $0 } }
    static let data = "/Fiber"
    static let map = "/ChannelMap"
    static let required = ["SamplingFrequency[Hz]", "SpatialResolution[m]", "Start Distance (m)", "StartTime",
                           "Samplerate"]

    public let path: String
    public let metadata: RecordMetadata
    let matrix: HDF5Matrix

    public static func sniff(_ probe: RecordProbe) -> Bool {
        guard let file = probe.hdf5, file.exists(data), file.exists(map),
              let names = try? file.attributes(of: "/").names()
        else { return false }
        return Set(names).isSuperset(of: required)
    }

    public init(path: String) throws {
        self.path = path
        let file = try HDF5File.open(path)
        matrix = try HDF5Matrix(file: file, datasetPath: Self.data, timeFirst: true)
        guard let startUs = file.attributeNumber("/", "StartTime"), let rate = file.attributeNumber("/", "Samplerate"),
              rate > 0
        else {
            throw RecordError(file: path, problem: "the root attributes StartTime (µs) or Samplerate are missing or "
                + "not positive")
        }
        let channels = try file.dataset(Self.map).read(as: Int64.self)
        guard channels.count == matrix.channelCount, Set(channels).count == channels.count,
              channels.allSatisfy({ $0 >= 0 })
        else {
            throw RecordError(file: path, problem: "/ChannelMap has \(channels.count) entries "
                + "(\(Set(channels).count) distinct) for the \(matrix.channelCount) columns of /Fiber: it does not "
                + "place each column on one physical channel", fix: "the channel positions cannot be known; ask the "
                + "file's source for the channel map")
        }
        guard let resolution = file.attributeNumber("/", "SpatialResolution[m]"), resolution > 0 else {
            throw RecordError(file: path, problem: "the root attribute SpatialResolution[m] is not positive")
        }
        let multiplier = file.attributeNumber("/", "Fibre Length Multiplier") ?? 1
        let start = file.attributeNumber("/", "Start Distance (m)") ?? 0
        metadata = RecordMetadata(
            format: Self.formatName, channelCount: matrix.channelCount, sampleCount: matrix.sampleCount,
            samplingRateHz: rate, startTimeNs: Int64(startUs.rounded()) * 1000,
            channelPositions: channels.map { start + Double($0) * resolution * multiplier },
            units: nil, gaugeLengthM: file.attributeNumber("/", "GaugeLength"),
            vendor: "Silixa Carina", storedType: matrix.storedType)
    }
}
