import DistSwiftNative

/// OptaSense QuantX and ODH3: PRODML 2.0-shaped (`/Acquisition/Raw[0]/RawData`, RawDataTime in µs, positions
/// `(StartLocusIndex + i) × SpatialSamplingInterval`) with "OptaSense" (or "QuantX") in `/Acquisition@VendorCode`.
/// Some OptaSense writers store RawData locus × time without a Dimensions attribute (xdas reads it so, DASCore
/// the other way round); `PRODMLRawGroup` decides the order from NumberOfLoci. Layout: DASCore `io/quantx`,
/// `io/optasense`; xdas `io/optasense.py`.
public struct OptaSensePRODMLReader: PRODMLVendorReader {
    public static let formatName = "OptaSense QuantX/ODH3"
    public static var signature: [String] {
        ["/Acquisition@VendorCode", "/Acquisition@SpatialSamplingInterval", "/Acquisition@StartLocusIndex", "/Acquisition/Raw[0]/RawData", "/Acquisition/Raw[0]/RawDataTime"]
    }

    public let path: String
    public let metadata: RecordMetadata
    let matrix: HDF5Matrix

    static func claims(_ vendorCode: String?) -> Bool {
        guard let code = vendorCode?.lowercased() else { return false }
        return code.contains("optasense") || code.contains("quantx")
    }

    init(path: String, group: PRODMLRawGroup) {
        self.path = path
        matrix = group.matrix
        metadata = group.metadata
    }
}
