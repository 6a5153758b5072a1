import DistSwiftNative

/// PRODML 2.0 / 2.1 raw data: `/Acquisition/Raw[n]/RawData` with `RawDataTime` (µs since the epoch), scanned by
/// `PRODMLRawGroup`. Each `Raw[n]` group that holds RawData is a record (FBE-only files have a `Raw[0]` group without
/// data); a file with several is ingested one group at a time (`--select Raw[1]`). Files whose VendorCode names a
/// vendor with a reader of its own (OptaSense, Sintela) are theirs.
public struct PRODMLReader: MultiRecordReader, HDF5MatrixReader {
    public static let formatName = "PRODML"
    public static var signature: [String] {
        ["/Acquisition@SpatialSamplingInterval", "/Acquisition/Raw[0]/RawData", "/Acquisition/Raw[0]/RawData@Dimensions", "/Acquisition/Raw[0]/RawDataTime", "/Acquisition/Raw[0]@OutputDataRate"]
    }
    public static let variants: String? = "2.0/2.1"

    public let path: String
    public let metadata: RecordMetadata
    let matrix: HDF5Matrix

    public static func sniff(_ probe: RecordProbe) -> Bool {
        guard let file = probe.hdf5, !PRODMLRawGroup.rawGroups(in: file).isEmpty else { return false }
        let vendor = PRODMLRawGroup.vendorCode(in: file)
        return !OptaSensePRODMLReader.claims(vendor) && !SintelaONYXReader.claims(vendor)
    }

    public static func recordNames(path: String) throws -> [String] {
        try PRODMLRawGroup.recordNames(path: path)
    }

    public init(path: String, record: String) throws {
        self.path = path
        let group = try PRODMLRawGroup(path: path, record: record, formatName: Self.formatName)
        matrix = group.matrix
        metadata = group.metadata
    }
}
