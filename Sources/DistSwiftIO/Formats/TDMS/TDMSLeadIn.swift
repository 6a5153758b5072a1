import DistSwiftNative

/// The table-of-contents flags of a segment's lead-in (NI, "TDMS File Format Internal Structure").
struct TDMSTableOfContents: OptionSet, Sendable, CustomStringConvertible {
    let rawValue: UInt32

    /// The segment has a metadata section; without it, the previous segment's objects and indices still hold.
    static let metadata = TDMSTableOfContents(rawValue: 1 << 1)
    /// The metadata lists every object of the segment anew; without it, it only adds to or changes the previous list.
    static let newObjectList = TDMSTableOfContents(rawValue: 1 << 2)
    static let rawData = TDMSTableOfContents(rawValue: 1 << 3)
    /// One value of each channel after the other (rows), instead of each channel's values in one run.
    static let interleavedData = TDMSTableOfContents(rawValue: 1 << 5)
    /// Every number after the table of contents (which is always little-endian) is big-endian.
    static let bigEndian = TDMSTableOfContents(rawValue: 1 << 6)
    /// NI-DAQmx's own raw layout (scalers, strides), which DAS interrogators do not write.
    static let daqmxRawData = TDMSTableOfContents(rawValue: 1 << 7)

    var description: String {
        let names: [(TDMSTableOfContents, String)] = [
            (.metadata, "metadata"), (.newObjectList, "new object list"), (.rawData, "raw data"),
            (.interleavedData, "interleaved"), (.bigEndian, "big-endian"), (.daqmxRawData, "DAQmx raw data"),
        ]
        return names.filter { contains($0.0) }.map(\.1).joined(separator: ", ")
    }
}

/// The 28 bytes that open every segment: the `TDSm` tag, the table of contents, the version and the two lengths that
/// locate the segment's raw data and the next segment.
struct TDMSLeadIn: Sendable {
    static let byteCount = 28
    static let tag: [UInt8] = Array("TDSm".utf8)
    /// The tag of a `.tdms_index` file, which repeats the metadata of a `.tdms` file without its raw data.
    static let indexFileTag: [UInt8] = Array("TDSh".utf8)
    /// 4712 is TDMS 1.0, 4713 TDMS 2.0 (LabVIEW 2009 and later); their segment layout is the same.
    static let versions: Set<UInt32> = [4712, 4713]

    let contents: TDMSTableOfContents
    let order: ByteOrder
    let version: UInt32
    /// Bytes from the end of the lead-in to the next segment; nil where the writer left 0xFFFFFFFFFFFFFFFF, which NI
    /// documents as "the application crashed before it could write the length" (last segment only).
    let segmentLength: UInt64?
    /// Bytes from the end of the lead-in to the raw data: the metadata and any padding the writer added (Silixa pads
    /// to a 4 KiB boundary so the raw data can be written unbuffered).
    let rawDataOffset: UInt64

    /// Whether `bytes` start with the `TDSm` tag.
    static func hasTag(_ bytes: [UInt8]) -> Bool { bytes.count >= 4 && Array(bytes[0..<4]) == tag }

    init(bytes: [UInt8]) throws {
        precondition(bytes.count == Self.byteCount)
        let head = Array(bytes[0..<4])
        guard head == Self.tag else {
            if head == Self.indexFileTag {
                throw TDMSFormatError("starts with 'TDSh': it is a .tdms_index file, which holds the metadata of a "
                    + ".tdms file but none of its raw data", fix: "ingest the .tdms file beside it instead")
            }
            throw TDMSFormatError("has no 'TDSm' tag where a segment should start (found bytes "
                + head.map { String($0, radix: 16) }.joined(separator: " ") + ")",
                fix: "the file is not TDMS or is corrupt")
        }
        // The table of contents is little-endian whatever the segment's byte order; it says what that order is.
        var flagsCursor = TDMSByteCursor(Array(bytes[4..<8]), order: .little)
        contents = TDMSTableOfContents(rawValue: try flagsCursor.integer(UInt32.self))
        order = contents.contains(.bigEndian) ? .big : .little
        var cursor = TDMSByteCursor(Array(bytes[8..<28]), order: order)
        version = try cursor.integer(UInt32.self)
        let length = try cursor.integer(UInt64.self)
        segmentLength = length == UInt64.max ? nil : length
        rawDataOffset = try cursor.integer(UInt64.self)
        guard Self.versions.contains(version) else {
            throw TDMSFormatError("has TDMS version \(version); distswift reads versions 4712 and 4713 (TDMS 1.0, 2.0)")
        }
        if let segmentLength, rawDataOffset > segmentLength {
            throw TDMSFormatError("says its raw data starts \(rawDataOffset) bytes after the lead-in, beyond the "
                + "segment's own length of \(segmentLength) bytes", fix: "the file is corrupt")
        }
    }
}
