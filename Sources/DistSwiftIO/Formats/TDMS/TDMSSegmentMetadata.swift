/// How one segment's metadata describes an object's raw data.
enum TDMSRawDataIndex: Sendable, Equatable {
    /// 0xFFFFFFFF: the object has no values in this segment.
    case none
    /// 0x00000000: the same type and count as the object's index in the previous segment (a writer omits what did
    /// not change).
    case sameAsPrevious
    /// `count` values of `type` per chunk of the segment's raw data.
    case values(type: TDMSDataType, count: Int)
}

/// One object as a segment's metadata lists it: its path, its raw data index and the properties it adds or changes.
struct TDMSObjectEntry: Sendable {
    let path: TDMSObjectPath
    let rawData: TDMSRawDataIndex
    let properties: [(name: String, value: TDMSValue)]
}

/// The metadata section of one segment: a u32 object count, then per object its path, raw data index and
/// properties. Anything that is not plain numeric channel data (strings, DAQmx scalers, arrays of more than one
/// dimension) is refused here, with what it is, because the raw data of the segment cannot be located without
/// understanding every object's index.
struct TDMSSegmentMetadata: Sendable {
    let objects: [TDMSObjectEntry]

    /// The first four bytes of a DAQmx raw data index (bytes `69 12 00 00` / `69 13 00 00` in the file; npTDMS also
    /// knows `6A 12 00 00`), read in either byte order.
    static let daqmxIndexMarkers: Set<UInt32> = [0x0000_1269, 0x0000_126A, 0x0000_1369,
                                                  0x6912_0000, 0x6A12_0000, 0x6913_0000]
    static let noRawData: UInt32 = 0xFFFF_FFFF
    static let sameRawDataAsPrevious: UInt32 = 0
    /// Length word + type + dimension + count: the index of a fixed-size type (strings add a u64 byte count).
    static let numericIndexLength: UInt32 = 20

    init(_ cursor: inout TDMSByteCursor) throws {
        let count = Int(try cursor.integer(UInt32.self))
        // Each object takes at least 12 bytes (path length, index, property count): a count beyond that is garbage,
        // not a reason to reserve gigabytes.
        guard count <= cursor.remaining / 12 else {
            throw TDMSFormatError("declares \(count) objects, more than its \(cursor.remaining) bytes of metadata "
                + "can hold", fix: "the file is corrupt")
        }
        var objects: [TDMSObjectEntry] = []
        objects.reserveCapacity(count)
        for _ in 0..<count {
            let text = try cursor.string()
            guard let path = TDMSObjectPath(text) else {
                throw TDMSFormatError("has an object path \"\(text)\" that is not /, /'group' or /'group'/'channel'",
                                      fix: "the file is corrupt")
            }
            let rawData = try Self.readIndex(of: path, from: &cursor)
            let propertyCount = Int(try cursor.integer(UInt32.self))
            guard propertyCount <= cursor.remaining / 8 else {
                throw TDMSFormatError("declares \(propertyCount) properties of \(path), more than the metadata can "
                    + "hold", fix: "the file is corrupt")
            }
            var properties: [(name: String, value: TDMSValue)] = []
            for _ in 0..<propertyCount {
                let name = try cursor.string()
                let code = try cursor.integer(UInt32.self)
                do {
                    properties.append((name, try TDMSValue.read(code: code, from: &cursor)))
                } catch let error as TDMSFormatError {
                    throw TDMSFormatError("\(path) property '\(name)' " + error.problem, fix: error.fix)
                }
            }
            objects.append(TDMSObjectEntry(path: path, rawData: rawData, properties: properties))
        }
        self.objects = objects
    }

    private static func readIndex(of path: TDMSObjectPath, from cursor: inout TDMSByteCursor) throws
        -> TDMSRawDataIndex
    {
        let length = try cursor.integer(UInt32.self)
        if length == noRawData { return .none }
        if length == sameRawDataAsPrevious { return .sameAsPrevious }
        if daqmxIndexMarkers.contains(length) {
            throw TDMSFormatError("stores \(path) as DAQmx raw data (NI-DAQmx scalers), which distswift does not read",
                                  fix: "convert the file to plain channel data with NI's tools first")
        }
        let code = try cursor.integer(UInt32.self)
        guard let type = TDMSDataType(rawValue: code) else {
            throw TDMSFormatError("stores \(path) as \(TDMSDataType.describe(code: code)) values; distswift reads "
                + "integer and float channels only ("
                + TDMSDataType.allCases.map(\.name).uniqued().joined(separator: ", ") + ")")
        }
        let dimension = try cursor.integer(UInt32.self)
        guard dimension == 1 else {
            throw TDMSFormatError("gives \(path) an array dimension of \(dimension); TDMS allows only 1")
        }
        let count = try cursor.integer(UInt64.self)
        guard length >= numericIndexLength else {
            throw TDMSFormatError("gives \(path) a raw data index of \(length) bytes, shorter than the "
                + "\(numericIndexLength) it takes", fix: "the file is corrupt")
        }
        try cursor.skip(Int(length - numericIndexLength))  // room a later TDMS version may use
        guard count <= UInt64(Int.max / 16) else {
            throw TDMSFormatError("gives \(path) \(count) values, more than any file can hold",
                                  fix: "the file is corrupt")
        }
        return .values(type: type, count: Int(count))
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each kept once.
    fileprivate func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
