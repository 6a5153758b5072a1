
/// What a DAS record file holds, as far as the chunk store needs to know.
public struct RecordMetadata: Sendable, Equatable {
    /// The detected layout, e.g. "PRODML 2.0".
    public var format: String
    public var channelCount: Int
    public var sampleCount: Int
    public var samplingRateHz: Double
    /// UTC nanoseconds of the first sample.
    public var startTimeNs: Int64
    /// Channel positions along the fibre, metres.
    public var channelPositions: [Double]
    public var units: String?
    public var gaugeLengthM: Double?
    public var vendor: String?
    /// The element type the file stores, when the store can hold it as it is (int16, int32, float32, float64).
    public var storedType: ElementType?

    public init(format: String, channelCount: Int, sampleCount: Int, samplingRateHz: Double, startTimeNs: Int64,
                channelPositions: [Double], units: String?, gaugeLengthM: Double?, vendor: String?,
                storedType: ElementType?) {
        self.format = format
        self.channelCount = channelCount
        self.sampleCount = sampleCount
        self.samplingRateHz = samplingRateHz
        self.startTimeNs = startTimeNs
        self.channelPositions = channelPositions
        self.units = units
        self.gaugeLengthM = gaugeLengthM
        self.vendor = vendor
        self.storedType = storedType
    }

    public var channelSpacingM: Double? { StoreManifest.spacing(of: channelPositions) }
}

/// An opened record: its metadata and sample ranges.
public protocol RecordSource: Sendable {
    var metadata: RecordMetadata { get }
    /// Samples `range` of every channel, as channels × samples.
    func read<T: StorableScalar>(samples range: Range<Int>, as type: T.Type) throws -> Array2D<T>
}

/// One file layout: recognise it from the content (never the extension), scan its metadata, read sample ranges.
/// Each layout is a small plugin like DASCore's FiberIO; `RecordFormats.all` registers them in one place.
public protocol RecordReader: RecordSource {
    /// The layout's name in `distswift info` and in the store manifest.
    static var formatName: String { get }
    /// The variants the layout covers, for the list of supported formats in the help (nil: none worth naming).
    static var variants: String? { get }
    /// What an HDF5 file of this layout holds: object paths ("/DasRawData/RawData") and attributes
    /// ("/Acoustic@GPSTimeStamp", "/@file_version" on the root). Used only to name the closest layout of a file no
    /// sniff accepts (`LayoutSuggestion`); empty for layouts that are not HDF5 or have no fixed paths.
    static var signature: [String] { get }
    /// Cheap content check: does the probed file look like this layout? Must not throw. HDF5 layouts look at
    /// `probe.hdf5`, the file opened once for every reader.
    static func sniff(_ probe: RecordProbe) -> Bool
    /// Opens the file and scans its metadata, refusing inconsistent files.
    init(path: String) throws
}

extension RecordReader {
    public static var variants: String? { nil }
    public static var signature: [String] { [] }

    /// Sniffs one file for this layout alone.
    public static func sniff(path: String) -> Bool { sniff(RecordProbe(path: path)) }
}

/// A file that cannot be ingested: names the file and says why, and what to do.
public struct RecordError: ProblemKind {
    public let file: String
    public let base: Problem

    public init(file: String, problem: String, fix: String? = nil) {
        self.file = file
        base = Problem(where: file + ":", problem, fix: fix)
    }
}
