import DistSwiftNative

/// Sintela ONYX HDF5: PRODML-shaped (`/Acquisition/Raw[0]/RawData`, time × locus) with "Sintela" in
/// `/Acquisition@VendorCode`; the times are the tie points `PartStartTime` / `PartEndTime` on RawData (ISO text
/// with a "+00:00" zone, first and last sample) when there is no RawDataTime. Layout: xdas `io/sintela.py`.
public struct SintelaONYXReader: PRODMLVendorReader {
    public static let formatName = "Sintela ONYX"
    public static var signature: [String] {
        ["/Acquisition@VendorCode", "/Acquisition@SpatialSamplingInterval", "/Acquisition/Raw[0]/RawData", "/Acquisition/Raw[0]/RawData@PartStartTime", "/Acquisition/Raw[0]/RawData@PartEndTime"]
    }

    public let path: String
    public let metadata: RecordMetadata
    let matrix: HDF5Matrix

    static func claims(_ vendorCode: String?) -> Bool {
        vendorCode?.lowercased().contains("sintela") ?? false
    }

    init(path: String, group: PRODMLRawGroup) {
        self.path = path
        matrix = group.matrix
        metadata = group.metadata
    }
}
